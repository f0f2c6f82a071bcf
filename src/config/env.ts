import { z } from "zod";
import { ConfigError } from "../errors.js";

/** An empty variable counts as unset, as operators expect from `FOO=` in an env file. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
const blankIsUnset = (value: unknown) => (value === "" ? undefined : value);
/** A positive whole number with a default, e.g. a timeout in milliseconds. */
const count = (fallback: number, { min = 1 }: { min?: number } = {}) =>
  z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(min, `must be at least ${min}`).default(fallback));

export const EnvSchema = z.object({
  /** Folder of problem files to use instead of the bundled problems/. */
  PROBLEMS_DIR: optional(z.string()),
  /** Folder of rubric files to use instead of the bundled rubric/. */
  RUBRIC_DIR: optional(z.string()),

  // ---- LLM interviewer (issue 3). Without a key the offline interviewer runs.
  /** Set to use an LLM through any OpenAI-compatible Chat Completions server. */
  OPENAI_API_KEY: optional(z.string()),
  /** Base URL of that server, e.g. http://localhost:11434/v1 for Ollama. */
  OPENAI_BASE_URL: optional(z.url("must be a URL such as https://api.openai.com/v1")),
  /** @defaultValue "gpt-4.1-mini": small, cheap and good at following a structured output schema. */
  OPENAI_MODEL: z.preprocess(blankIsUnset, z.string().default("gpt-4.1-mini")),
  /** Per request, in milliseconds. */
  LLM_TIMEOUT_MS: count(20_000, { min: 100 }),
  /** Retries the SDK makes on 429, 5xx and timeouts before the offline interviewer answers. */
  LLM_MAX_RETRIES: count(2, { min: 0 }),
  /** Token budget for one interview; when reached the interviewer wraps up. Unset means no budget. */
  MAX_TOKENS_PER_INTERVIEW: optional(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").positive("must be positive")),
});
export type Config = z.infer<typeof EnvSchema>;

/** Parses the environment once; a bad value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join(".") ?? "environment";
  throw new ConfigError(`${variable}: ${issue?.message ?? "is invalid"}`);
}
