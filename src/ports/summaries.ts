import type { SummaryJob } from "./summary-job.js";

/** Asks for an interview's summary; asking twice for one interview has one effect. */
export interface SummaryRequests {
  request(job: SummaryJob): Promise<void>;
}

/**
 * Ended interviews whose summary has not been requested yet. The mark is written before the
 * ending turn is committed and cleared once the job is requested, so a crash in between is
 * repaired by the sweeper instead of leaving the candidate without a scorecard.
 */
export interface DueSummaries {
  mark(job: SummaryJob): Promise<void>;
  clear(job: SummaryJob): Promise<void>;
  /** Marks older than `before` (epoch ms), oldest first, with when they were made. */
  overdue(before: number, limit: number): Promise<Array<{ job: SummaryJob; markedAt: number }>>;
}
