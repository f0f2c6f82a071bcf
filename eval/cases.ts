import { readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadDataFile } from "../src/content/load.js";
import { DIMENSION_IDS, RatingSchema } from "../src/content/schemas.js";
import { LevelSchema } from "../src/content/levels.js";

/** What kind of candidate a case plays; the eval reports some figures per kind. */
export const CASE_KINDS = ["strong", "solid", "weak", "term-list", "confidently-wrong", "negation", "terse-right", "off-topic", "injection"] as const;

/**
 * One labelled transcript: the candidate's messages in order, the misconceptions each one plants
 * or takes back, and the ratings an experienced interviewer gave before looking at the tool.
 */
export const EvalCaseSchema = z
  .object({
    id: z.string().min(1),
    problem: z.string().min(1),
    level: LevelSchema,
    kind: z.enum(CASE_KINDS),
    why: z.string().min(1),
    messages: z
      .array(
        z
          .object({
            text: z.string().min(1),
            plants: z.array(z.string()).default([]),
            revises: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .min(1),
    expected: z
      .object({
        ratings: z.object(Object.fromEntries(DIMENSION_IDS.map((id) => [id, RatingSchema])) as Record<(typeof DIMENSION_IDS)[number], typeof RatingSchema>).strict(),
        notCredited: z.array(z.string()).default([]),
      })
      .strict(),
  })
  .strict();
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export const EVAL_SETS = {
  /** The set the developers look at and tune on. */
  cases: join(import.meta.dirname, "cases"),
  /** Written separately; held out for its first run, then looked at and tuned on, so no longer honest. */
  dev: join(import.meta.dirname, "dev"),
  /** Written separately and never looked at by the developers: the honest figure. */
  holdout: join(import.meta.dirname, "holdout"),
} as const;

/** Every case in a folder, validated; a bad file fails naming the file and field. */
export function loadCases(dir: string): EvalCase[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => loadDataFile(join(dir, name), EvalCaseSchema));
}
