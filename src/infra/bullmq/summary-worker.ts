import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { RedisClient } from "../redis/client.js";
import type { Logger } from "../../ops/logger.js";
import type { Metrics } from "../../ops/metrics.js";
import type { Poster } from "../../ports/poster.js";
import { HopelessJobError, ScorecardWriter, type ScorecardWriterOptions } from "../../pipeline/scorecards.js";
import type { SessionStore } from "../../ports/sessions.js";
import type { SummaryArchive } from "../../ports/archive.js";
import type { Summarizer } from "../../voice/summary/port.js";
import type { PostedRecord } from "../../ports/posted.js";
import { SummaryJobSchema, type SummaryJob } from "../../ports/summary-job.js";
import { SUMMARY_QUEUE } from "./summary-job-options.js";
import { takeoverTimings } from "./takeover.js";

export interface SummaryWorkerOptions {
  /** A connection with `maxRetriesPerRequest: null`, as BullMQ workers require. */
  connection: RedisClient;
  prefix: string;
  store: SessionStore;
  summarizer: Summarizer;
  poster: Poster;
  posted: PostedRecord;
  /** Keeps each summary for history, focus, progress and the peer-review aggregate. */
  archive: SummaryArchive;
  metrics: Metrics;
  logger: Logger;
  /** Draws the candidate's design to post with the scorecard. */
  design?: NonNullable<ScorecardWriterOptions["design"]>;
  /** WORKER_CONCURRENCY. */
  concurrency: number;
  /** WORKER_LOCK_MS: a job whose worker died is taken over by another worker within this (see takeoverTimings). */
  lockMs: number;
}

/**
 * Runs summary jobs from BullMQ: each is the ScorecardWriter's job (write, keep, post once), with
 * BullMQ's retries and lock takeover around it; when every attempt has failed the candidate gets
 * a notice instead of silence.
 */
export class SummaryWorker {
  private readonly worker: Worker<SummaryJob, string>;
  private readonly writer: ScorecardWriter;

  constructor(private readonly options: SummaryWorkerOptions) {
    this.writer = new ScorecardWriter(options);
    this.worker = new Worker<SummaryJob, string>(SUMMARY_QUEUE, (job) => this.process(job), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      ...takeoverTimings(options.lockMs),
      autorun: false,
    });
    // Each reconnect attempt reports an error; the connection watcher already logs the outage once.
    this.worker.on("error", (error) => options.logger.debug({ err: error.message }, "summary worker: redis error"));
  }

  /** Starts taking jobs; resolves once the worker is connected. */
  async start(): Promise<void> {
    void this.worker.run().catch((error: unknown) => this.options.logger.error({ err: String(error) }, "summary worker stopped"));
    await this.worker.waitUntilReady();
  }

  /** Finishes the jobs in hand, takes no more, and disconnects. */
  async close(): Promise<void> {
    await this.worker.close();
  }

  private async process(job: Job<SummaryJob, string>): Promise<string> {
    const parsed = SummaryJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed summary job ${job.id}`);
    const data = parsed.data;
    const log = this.options.logger.child({ sessionKey: data.threadKey, interviewId: data.interviewId, jobId: job.id, attempt: job.attemptsMade + 1 });
    try {
      const { outcome } = await this.writer.write(data).catch((error: unknown) => {
        throw error instanceof HopelessJobError ? new UnrecoverableError(error.message) : error;
      });
      if (outcome === "posted") this.options.metrics.summariesPosted.inc();
      log.info({ outcome }, "summary job done");
      return outcome;
    } catch (error) {
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.options.metrics.error(final ? "summary-failed" : "summary-attempt-failed");
      log.warn({ err: error instanceof Error ? error.message : String(error), final }, "summary attempt failed");
      if (final) await this.notifyFailure(data, log);
      throw error;
    }
  }

  private async notifyFailure(job: SummaryJob, log: Logger): Promise<void> {
    try {
      await this.writer.notifyFailure(job);
    } catch (error) {
      this.options.metrics.error("post-failed");
      log.error({ err: error instanceof Error ? error.message : String(error) }, "could not tell the candidate their summary failed");
    }
  }
}
