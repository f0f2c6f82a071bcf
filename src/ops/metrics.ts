import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What went wrong, as a metric label; one value per kind of failure an operator would act on. */
export type ErrorKind =
  | "storage-down"
  | "unreadable-session"
  | "lock-lost"
  | "post-failed"
  | "reply-dropped"
  | "llm-unavailable"
  | "llm-malformed"
  | "llm-refused"
  | "summary-attempt-failed"
  | "summary-failed"
  | "unexpected";

export type TurnKind = "start" | "answer" | "command" | "action";

/** Seconds; turns without an LLM sit in the low buckets, LLM turns in the high ones. */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The process's Prometheus metrics, on their own registry so every service instance (and test) is separate. */
export class Metrics {
  readonly registry = new Registry();
  readonly interviewsStarted = new Counter({ name: "mock_interview_interviews_started_total", help: "Interviews started.", registers: [this.registry] });
  readonly interviewsEnded = new Counter({ name: "mock_interview_interviews_ended_total", help: "Interviews ended.", registers: [this.registry] });
  readonly turnDuration = new Histogram({
    name: "mock_interview_turn_duration_seconds",
    help: "Time to answer one turn (after the burst window), including the interviewer.",
    labelNames: ["kind"] as const,
    buckets: TURN_BUCKETS,
    registers: [this.registry],
  });
  readonly llmDuration = new Histogram({
    name: "mock_interview_llm_duration_seconds",
    help: "Time the interviewer or summarizer took, by operation and mode (llm or offline).",
    labelNames: ["operation", "mode"] as const,
    buckets: TURN_BUCKETS,
    registers: [this.registry],
  });
  readonly llmTokens = new Counter({
    name: "mock_interview_llm_tokens_total",
    help: "Tokens the LLM interviewer used, by type (prompt or completion).",
    labelNames: ["type"] as const,
    registers: [this.registry],
  });
  readonly summariesPosted = new Counter({ name: "mock_interview_summaries_posted_total", help: "Summaries posted by the worker.", registers: [this.registry] });
  readonly errors = new Counter({ name: "mock_interview_errors_total", help: "Errors by kind.", labelNames: ["kind"] as const, registers: [this.registry] });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "mock_interview_" });
  }

  error(kind: ErrorKind): void {
    this.errors.inc({ kind });
  }

  /** Reports the summary queue's job counts at each scrape. */
  watchQueue(counts: () => Promise<Record<string, number>>): void {
    new Gauge({
      name: "mock_interview_queue_jobs",
      help: "Summary jobs by state (waiting, active, delayed, failed, completed).",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        try {
          for (const [state, count] of Object.entries(await counts())) this.set({ state }, count);
        } catch {
          // Redis down: the scrape still answers with the other metrics and the errors counter.
        }
      },
    });
  }
}
