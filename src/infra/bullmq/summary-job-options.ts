import type { JobsOptions } from "bullmq";
import { summaryJobId, type SummaryJob } from "../../ports/summary-job.js";

export const SUMMARY_QUEUE = "summary";
export const SUMMARY_JOB = "summary";

export interface SummaryRetries {
  /** SUMMARY_ATTEMPTS. */
  attempts: number;
  /** SUMMARY_BACKOFF_MS: first retry delay; each further retry waits twice as long. */
  backoffMs: number;
}

/** Finished jobs are kept for inspection, but bounded so Redis memory stays flat. */
export const KEEP_JOBS = {
  completed: { age: 24 * 3600, count: 1_000 },
  failed: { age: 7 * 24 * 3600, count: 5_000 },
} as const satisfies Record<string, { age: number; count: number }>;

export function summaryJobOptions(job: SummaryJob, retries: SummaryRetries): JobsOptions {
  return {
    jobId: summaryJobId(job.interviewId),
    attempts: retries.attempts,
    backoff: { type: "exponential", delay: retries.backoffMs },
    removeOnComplete: KEEP_JOBS.completed,
    removeOnFail: KEEP_JOBS.failed,
  };
}
