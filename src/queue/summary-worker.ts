import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { OutgoingMessage } from "../messages/message.js";
import type { Logger } from "../ops/logger.js";
import type { Metrics } from "../ops/metrics.js";
import type { Poster } from "../poster/port.js";
import { UnreadableSessionError } from "../store/errors.js";
import type { SessionStore } from "../store/port.js";
import { storedSummaryOf, type SummaryArchive } from "../ports/archive.js";
import type { PostedRecord } from "../ports/posted.js";
import { summaryMessage } from "../summary/message.js";
import type { Summarizer } from "../summary/port.js";
import { SUMMARY_QUEUE, SummaryJobSchema, summaryJobId, type SummaryJob } from "./summary-job.js";
import { takeoverTimings } from "./takeover.js";

export interface SummaryWorkerOptions {
  /** A connection with `maxRetriesPerRequest: null`, as BullMQ workers require. */
  connection: Redis;
  prefix: string;
  store: SessionStore;
  summarizer: Summarizer;
  poster: Poster;
  posted: PostedRecord;
  /** Keeps each summary for history, focus, progress and the peer-review aggregate. */
  archive: SummaryArchive;
  metrics: Metrics;
  logger: Logger;
  /** WORKER_CONCURRENCY. */
  concurrency: number;
  /** WORKER_LOCK_MS: a job whose worker died is taken over by another worker within this (see takeoverTimings). */
  lockMs: number;
}

export function failureNotice(interviewId: string): OutgoingMessage {
  return {
    kind: "error",
    heading: "Scorecard unavailable",
    paragraphs: [
      "I couldn't write and post your scorecard, even after several tries. Your answers are saved; an operator can find this interview in the worker's logs.",
      `Interview reference: ${interviewId}`,
    ],
  };
}

/**
 * Writes each ended interview's summary and posts it through the platform's REST poster. Posting
 * is recorded, so a job that runs again after its worker died posts nothing twice; when every
 * attempt has failed the candidate gets a notice instead of silence.
 */
export class SummaryWorker {
  private readonly worker: Worker<SummaryJob, string>;

  constructor(private readonly options: SummaryWorkerOptions) {
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
      const outcome = await this.summarizeAndPost(data);
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

  private async summarizeAndPost(job: SummaryJob): Promise<string> {
    const { posted, store, summarizer, poster, archive, metrics } = this.options;
    if (await posted.has(job, "summary")) return "already-posted";
    let session;
    try {
      session = await store.getInterview(job.threadKey, job.interviewId);
    } catch (error) {
      if (error instanceof UnreadableSessionError) throw new UnrecoverableError(`interview unreadable (${error.reason}): ${error.detail}`);
      throw error;
    }
    if (!session) throw new UnrecoverableError("interview not found: it expired or was never saved");
    if (session.phase !== "ended") throw new Error("interview has not ended yet");
    const summary = await summarizer.summarize(session);
    // Kept before posting, so a Review pressed on the scorecard at once finds the AI's ratings to compare with.
    const kept = await archive.save(storedSummaryOf(session, summary, Date.now()));
    // The candidate ran forget-me while this job was writing: post nothing, keep nothing.
    if (!kept) return "forgotten";
    // Posting and recording cannot be one step; the idempotency key lets platforms that dedupe close that gap.
    await poster.post(job.threadKey, summaryMessage(summary, { reviewable: true }), { idempotencyKey: summaryJobId(job.interviewId) });
    await posted.record(job, "summary");
    metrics.summariesPosted.inc();
    return "posted";
  }

  private async notifyFailure(job: SummaryJob, log: Logger): Promise<void> {
    const { posted, poster, metrics } = this.options;
    try {
      if ((await posted.has(job, "summary")) || (await posted.has(job, "failure-notice"))) return;
      await poster.post(job.threadKey, failureNotice(job.interviewId), { idempotencyKey: `${summaryJobId(job.interviewId)}-failed` });
      await posted.record(job, "failure-notice");
    } catch (error) {
      metrics.error("post-failed");
      log.error({ err: error instanceof Error ? error.message : String(error) }, "could not tell the candidate their summary failed");
    }
  }
}
