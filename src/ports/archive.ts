import { z } from "zod";
import { LevelSchema } from "../content/levels.js";
import type { Session } from "../domain/session.js";
import { SummarySchema, type Summary } from "../domain/summary.js";
import type { InterviewRef } from "./interview-ref.js";

/** A summary as kept after posting: what history, focus and progress read back. */
export const StoredSummarySchema = z.object({
  threadKey: z.string(),
  interviewId: z.string(),
  candidateId: z.string(),
  level: LevelSchema.nullable(),
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  summary: SummarySchema,
});
export type StoredSummary = z.infer<typeof StoredSummarySchema>;

/** What to keep for an ended interview's summary: the summary worker and the terminal keep the same record. */
export function storedSummaryOf(session: Session, summary: Summary, now: number): StoredSummary {
  return {
    threadKey: session.threadKey,
    interviewId: session.id,
    candidateId: session.candidate.id,
    level: session.level,
    startedAt: session.startedAt,
    endedAt: session.endedAt ?? now,
    summary,
  };
}

/**
 * The summaries the worker wrote, kept while (and only while) their interview is kept. An entry
 * that cannot be read counts as missing, so one damaged scorecard never hides a whole history.
 */
export interface SummaryArchive {
  /** Keeps the summary for the interview's remaining lifetime; false (nothing kept) when the interview is gone. */
  save(stored: StoredSummary): Promise<boolean>;
  get(threadKey: string, interviewId: string): Promise<StoredSummary | null>;
  /** Many at once, in the order asked; null where there is none (not written yet, expired, unreadable). */
  getMany(refs: readonly InterviewRef[]): Promise<Array<StoredSummary | null>>;
}
