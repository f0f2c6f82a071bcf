import { z } from "zod";
import { ClusterNodesSchema, SwitchSchema } from "./cluster-nodes.js";
import { blankIsUnset, optionalVar, parseEnv } from "./parse.js";

/** A positive whole number with a default, e.g. a timeout in milliseconds. */
const count = (fallback: number, { min = 1 }: { min?: number } = {}) =>
  z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(min, `must be at least ${min}`).default(fallback));

export const EnvSchema = z.object({
  /** Folder of problem files to use instead of the bundled problems/. */
  PROBLEMS_DIR: optionalVar(z.string()),
  /** Folder of rubric files to use instead of the bundled rubric/. */
  RUBRIC_DIR: optionalVar(z.string()),

  // ---- LLM interviewer (issue 3). Without a key the offline interviewer runs.
  /** Set to use an LLM through any OpenAI-compatible Chat Completions server. */
  OPENAI_API_KEY: optionalVar(z.string()),
  /** Base URL of that server, e.g. http://localhost:11434/v1 for Ollama. */
  OPENAI_BASE_URL: optionalVar(z.url("must be a URL such as https://api.openai.com/v1")),
  /** @defaultValue "gpt-4.1-mini": small, cheap and good at following a structured output schema. */
  OPENAI_MODEL: z.preprocess(blankIsUnset, z.string().default("gpt-4.1-mini")),
  /** Per request, in milliseconds. */
  LLM_TIMEOUT_MS: count(20_000, { min: 100 }),
  /** Retries the SDK makes on 429, 5xx and timeouts before the offline interviewer answers. */
  LLM_MAX_RETRIES: count(2, { min: 0 }),
  /** `on` shows the interviewer's words in the thread as the model writes them; `off` posts each reply whole. */
  LLM_STREAMING: z.preprocess(blankIsUnset, z.enum(["on", "off"], { error: "must be on or off" }).default("on")),
  /** Token budget for one interview; when reached the interviewer wraps up. Unset means no budget. */
  MAX_TOKENS_PER_INTERVIEW: optionalVar(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").positive("must be positive")),

  // ---- Service: Redis sessions, summary worker, operations (issue 4). The terminal needs none of these.
  /** Required by `npm start`, `mock-interview bot` and `mock-interview worker`; e.g. redis://localhost:6379. */
  REDIS_URL: optionalVar(z.url("must be a URL such as redis://localhost:6379").refine((url) => /^rediss?:\/\//.test(url), "must start with redis:// or rediss://")),
  /**
   * Redis Cluster instead of one node: `host:port,host:port,…`, some or all of its nodes (the rest
   * are discovered). Every role then uses a cluster client. Set this or REDIS_URL, not both.
   */
  REDIS_CLUSTER_NODES: optionalVar(ClusterNodesSchema),
  /** With REDIS_CLUSTER_NODES: the ACL user every node takes (REDIS_URL carries its own). @defaultValue "default" */
  REDIS_USERNAME: optionalVar(z.string()),
  /** With REDIS_CLUSTER_NODES: the password every node takes (REDIS_URL carries its own). */
  REDIS_PASSWORD: optionalVar(z.string()),
  /** With REDIS_CLUSTER_NODES: connect to every node over TLS, as managed clusters require (REDIS_URL uses rediss://). */
  REDIS_TLS: z.preprocess(blankIsUnset, SwitchSchema.default(false)),
  /**
   * Replicas that must hold each candidate event and each turn before the platform is told it was
   * taken (and before the reply goes out), so a master that dies right after cannot take them
   * with it. 0 waits for none; 1 suits a cluster with a replica per master (see docs/operations.md).
   */
  REDIS_REPLICA_ACKS: count(0, { min: 0 }),
  /** The longest one of those waits lasts; past it the write stands on the master alone. */
  REDIS_REPLICA_ACK_TIMEOUT_MS: count(500),
  /** Namespace for this deployment's own keys, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.preprocess(blankIsUnset, z.string().regex(/^[A-Za-z0-9_-]+$/, "may only use letters, digits, - and _").default("mi")),
  /** BullMQ's key prefix; the braces make it a Redis Cluster hash tag so each queue stays on one slot. */
  BULLMQ_PREFIX: z.preprocess(blankIsUnset, z.string().default("{mock-interview}")),
  /** Days a session is kept after its last activity. */
  SESSION_TTL_DAYS: count(30),
  /** Messages in a thread that arrive this close together are answered as one turn. */
  BURST_WINDOW_MS: count(1_500, { min: 0 }),
  /** How long one process may hold a thread's turn without renewing it; bounds how long a crash can wedge a thread. */
  TURN_LOCK_MS: count(15_000, { min: 1_000 }),
  /** Summary jobs one worker process runs at once. */
  WORKER_CONCURRENCY: count(4),
  /** Tries per summary job before the candidate is told it failed. */
  SUMMARY_ATTEMPTS: count(5),
  /** First retry delay of a summary job; each further retry waits twice as long. */
  SUMMARY_BACKOFF_MS: count(5_000, { min: 0 }),
  /** The longest a crashed worker's job waits before another running worker takes it over (see src/infra/bullmq/takeover.ts). */
  WORKER_LOCK_MS: count(30_000, { min: 1_000 }),
  /** Port of the health and metrics server (/healthz, /readyz, /metrics); 0 picks a free one. */
  METRICS_PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a port number" }).int("must be a port number").min(0, "must be a port number").max(65_535, "must be a port number").default(9464)),
  /** pino level: fatal, error, warn, info, debug, trace or silent. Message text is only logged at debug and below. */
  LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info")),
  /** How long SIGTERM waits for the current turn and job before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: count(25_000),
}).superRefine((env, context) => {
  if (!env.REDIS_CLUSTER_NODES) return;
  if (env.REDIS_URL) context.addIssue({ code: "custom", path: ["REDIS_CLUSTER_NODES"], message: "set either REDIS_URL (one node) or REDIS_CLUSTER_NODES (a cluster), not both" });
  // BullMQ's scripts touch many keys of one queue: without a hash tag they span slots and fail.
  else if (!/\{[^}]+\}/.test(env.BULLMQ_PREFIX)) context.addIssue({ code: "custom", path: ["BULLMQ_PREFIX"], message: "must contain a hash tag such as {mock-interview} when REDIS_CLUSTER_NODES is set" });
});
export type Config = z.infer<typeof EnvSchema>;

/** Parses the environment once; a bad value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseEnv(EnvSchema, env);
}
