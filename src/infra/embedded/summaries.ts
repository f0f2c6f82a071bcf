import type { Logger } from "../../ops/logger.js";
import type { SummaryRequests } from "../../ports/summaries.js";
import type { SummaryJob } from "../../ports/summary-job.js";
import type { Summary } from "../../domain/summary.js";
import { HopelessJobError, type ScorecardWriter } from "../../pipeline/scorecards.js";

export interface InProcessSummariesOptions {
  writer: ScorecardWriter;
  logger: Logger;
  /** SUMMARY_ATTEMPTS: tries per job before the candidate is told it failed. */
  attempts: number;
  /** Told of each scorecard once posted (the terminal's JSON output carries it whole). */
  onPosted?: (job: SummaryJob, summary: Summary) => void;
}

/**
 * The summary queue inside one process: each request runs the same job a BullMQ worker would,
 * once per interview, with its retries and its failure notice.
 */
export class InProcessSummaries implements SummaryRequests {
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(private readonly options: InProcessSummariesOptions) {}

  async request(job: SummaryJob): Promise<void> {
    if (this.jobs.has(job.interviewId)) return;
    // Run after the turn that asked: its closing reply is delivered first, as with a queue.
    this.jobs.set(job.interviewId, new Promise((resolve) => setImmediate(resolve)).then(() => this.run(job)));
  }

  /** Resolves once every requested job has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.jobs.values()]);
  }

  private async run(job: SummaryJob): Promise<void> {
    const { writer, logger, attempts } = this.options;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const done = await writer.write(job);
        if (done.outcome === "posted") this.options.onPosted?.(job, done.summary);
        return;
      } catch (error) {
        logger.warn({ interviewId: job.interviewId, attempt, err: error instanceof Error ? error.message : String(error) }, "summary attempt failed");
        if (error instanceof HopelessJobError) break;
      }
    }
    await writer.notifyFailure(job).catch((error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, "could not tell the candidate their summary failed"));
  }
}
