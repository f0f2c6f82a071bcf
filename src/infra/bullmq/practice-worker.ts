import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { RedisClient } from "../redis/client.js";
import type { ProblemBank } from "../../content/bank.js";
import type { Problem } from "../../content/schemas.js";
import type { Level } from "../../content/levels.js";
import type { Logger } from "../../ops/logger.js";
import type { Metrics } from "../../ops/metrics.js";
import type { Poster } from "../../ports/poster.js";
import type { Rotation, ScheduleRecords } from "../../ports/schedules.js";
import { takeoverTimings } from "./takeover.js";
import { PRACTICE_QUEUE, PracticeTickSchema, schedulerId, upsertScheduler, weeklyRepeat, type PracticeRepeat, type PracticeTick } from "./practice-job.js";
import { channelOrder } from "../../features/schedule/order.js";
import { practicePrompt } from "../../features/schedule/prompt.js";

export interface PracticeWorkerOptions {
  /** A connection with `maxRetriesPerRequest: null`, as BullMQ workers require. */
  connection: RedisClient;
  prefix: string;
  records: ScheduleRecords;
  /** Which problem each tick posts; its state outlives the last tick by SESSION_TTL_DAYS. */
  rotation: Rotation;
  bank: ProblemBank;
  poster: Poster;
  metrics: Metrics;
  logger: Logger;
  /** WORKER_CONCURRENCY. */
  concurrency: number;
  /** WORKER_LOCK_MS: a tick whose worker died is taken over by another worker within this (see takeoverTimings). */
  lockMs: number;
  /** As the schedules were set with, to restore a scheduler removed by mistake. @defaultValue the cadence's cron pattern */
  repeat?: PracticeRepeat | undefined;
}

/**
 * Posts each channel's weekly practice problem when its scheduler ticks. Any number of workers may
 * run: the tick's problem is picked once in Redis, and posting is recorded, so a tick that runs
 * again (retried, or taken over from a dead worker) posts the same problem at most once.
 */
export class PracticeWorker {
  private readonly worker: Worker<PracticeTick, string>;
  private readonly queue: Queue<PracticeTick>;
  private readonly records: ScheduleRecords;
  private readonly rotation: Rotation;

  constructor(private readonly options: PracticeWorkerOptions) {
    this.worker = new Worker<PracticeTick, string>(PRACTICE_QUEUE, (job) => this.process(job), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      ...takeoverTimings(options.lockMs),
      autorun: false,
    });
    // Each reconnect attempt reports an error; the connection watcher already logs the outage once.
    this.worker.on("error", (error) => options.logger.debug({ err: error.message }, "practice worker: redis error"));
    this.queue = new Queue<PracticeTick>(PRACTICE_QUEUE, { connection: options.connection, prefix: options.prefix });
    this.queue.on("error", (error) => options.logger.debug({ err: error.message }, "practice queue: redis error"));
    this.records = options.records;
    this.rotation = options.rotation;
  }

  /** Starts taking ticks; resolves once the worker is connected. */
  async start(): Promise<void> {
    void this.worker.run().catch((error: unknown) => this.options.logger.error({ err: String(error) }, "practice worker stopped"));
    await this.worker.waitUntilReady();
  }

  /** Finishes the ticks in hand, takes no more, and disconnects. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }

  private async process(job: Job<PracticeTick, string>): Promise<string> {
    const parsed = PracticeTickSchema.safeParse(job.data);
    if (!parsed.success || !job.id) throw new UnrecoverableError(`malformed practice tick ${job.id}`);
    const { channelKey } = parsed.data;
    const log = this.options.logger.child({ channelKey, jobId: job.id, attempt: job.attemptsMade + 1 });
    try {
      const outcome = await this.postTick(channelKey, job.id);
      log.info({ outcome }, "practice tick done");
      return outcome;
    } catch (error) {
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) this.options.metrics.error("post-failed");
      log.warn({ err: error instanceof Error ? error.message : String(error), final }, "practice tick failed");
      throw error;
    }
  }

  private async postTick(channelKey: string, tickId: string): Promise<string> {
    const schedule = await this.records.get(channelKey);
    if (!schedule) {
      await this.removeOrphan(channelKey);
      return "no-schedule";
    }
    const { level } = schedule.cadence;
    const problemId = await this.rotation.pick(channelKey, tickId, channelOrder(channelKey, this.candidates(level)));
    if (problemId === null) return "already-posted";
    const problem = this.options.bank.find(problemId);
    if (!problem) throw new UnrecoverableError(`problem "${problemId}" is no longer in the bank`);
    // Posting and recording cannot be one step; the idempotency key lets platforms that dedupe close that gap.
    await this.options.poster.post(channelKey, practicePrompt(problem, level), { idempotencyKey: `practice-${tickId}` });
    await this.rotation.recordPosted(channelKey, tickId);
    return "posted";
  }

  /** The problems for the schedule's level, or the whole bank when it names none (or none suit it). */
  private candidates(level: Level | null): Problem[] {
    const suited = level ? this.options.bank.forLevel(level) : [];
    return suited.length ? suited : [...this.options.bank.problems];
  }

  /**
   * A tick whose schedule is gone (removed while its scheduler was being removed, or lost) stops
   * its scheduler. If the channel's schedule was set again meanwhile, that set's scheduler may be
   * the one just removed, so it is put back.
   */
  private async removeOrphan(channelKey: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(channelKey));
    const reappeared = await this.records.get(channelKey);
    if (reappeared) await upsertScheduler(this.queue, reappeared, this.options.repeat ?? weeklyRepeat);
  }
}
