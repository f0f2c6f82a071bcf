import { Queue } from "bullmq";
import type { RedisClient } from "../redis/client.js";
import type { Logger } from "../../ops/logger.js";
import type { PracticeScheduler, Schedule } from "../../ports/schedules.js";
import { PRACTICE_QUEUE, schedulerId, upsertScheduler, weeklyRepeat, type PracticeRepeat, type PracticeTick } from "./practice-job.js";

/** The schedules' ticks as BullMQ job schedulers, one per channel. */
export class BullPracticeScheduler implements PracticeScheduler {
  private readonly queue: Queue<PracticeTick>;
  private readonly repeat: PracticeRepeat;

  /** `repeat`: how a cadence repeats in BullMQ. @defaultValue its cron pattern in its time zone */
  constructor(redis: RedisClient, options: { prefix: string; logger: Logger; repeat?: PracticeRepeat | undefined }) {
    this.repeat = options.repeat ?? weeklyRepeat;
    this.queue = new Queue<PracticeTick>(PRACTICE_QUEUE, { connection: redis, prefix: options.prefix });
    // An unhandled 'error' event would end the process; a Redis blip is reported and survived.
    this.queue.on("error", (error) => options.logger.debug({ err: error.message }, "practice queue: redis error"));
  }

  upsert(schedule: Schedule): Promise<number | undefined> {
    return upsertScheduler(this.queue, schedule, this.repeat);
  }

  async next(channelKey: string): Promise<number | undefined> {
    return (await this.queue.getJobScheduler(schedulerId(channelKey)))?.next;
  }

  async remove(channelKey: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(channelKey));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
