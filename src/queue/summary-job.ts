import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { SessionSchema } from "../engine/session.js";

export const SUMMARY_QUEUE = "summary";
export const SUMMARY_JOB = "summary";

/** Enough to find the interview even after its thread has hosted a newer one. */
export const SummaryJobSchema = z.object({
  threadKey: z.string().min(1),
  interviewId: SessionSchema.shape.id,
});
export type SummaryJob = z.infer<typeof SummaryJobSchema>;

/**
 * BullMQ rejects custom ids containing `:` and ignores a second job with an id it still holds, so
 * the id comes from the interview's own colon-free id: ending twice enqueues once, and a second
 * interview in the same thread gets its own job.
 */
export function summaryJobId(interviewId: string): string {
  return `summary-${interviewId}`;
}

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
