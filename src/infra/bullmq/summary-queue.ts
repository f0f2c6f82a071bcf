import { Queue } from "bullmq";
import type { RedisClient } from "../redis/client.js";
import { summaryJobId, type SummaryJob } from "../../ports/summary-job.js";
import { SUMMARY_JOB, SUMMARY_QUEUE, summaryJobOptions, type SummaryRetries } from "./summary-job-options.js";

import type { SummaryRequests } from "../../ports/summaries.js";

/** The producer side of the summary queue, used by bot processes. */
export class SummaryQueue implements SummaryRequests {
  private readonly queue: Queue<SummaryJob>;
  private readonly retries: SummaryRetries;

  constructor(connection: RedisClient, options: { prefix: string; retries: SummaryRetries; onError?: (error: Error) => void }) {
    this.retries = options.retries;
    this.queue = new Queue<SummaryJob>(SUMMARY_QUEUE, { connection, prefix: options.prefix });
    // An unhandled 'error' event would end the process; a Redis blip is reported and survived.
    this.queue.on("error", (error) => options.onError?.(error));
  }

  async request(job: SummaryJob): Promise<void> {
    await this.queue.add(SUMMARY_JOB, job, summaryJobOptions(job, this.retries));
  }

  /** Drops an interview's summary job (forget-me). False when a worker holds it right now and it cannot be removed. */
  async remove(interviewId: string): Promise<boolean> {
    return (await this.queue.remove(summaryJobId(interviewId))) === 1;
  }

  /** Job counts by state, for the queue-depth metric. */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts("waiting", "active", "delayed", "failed", "completed");
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
