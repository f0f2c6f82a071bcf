import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { systemClock, type Clock } from "../core/clock.js";
import { ForbiddenError, NotFoundError } from "../core/errors.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import type { Logger } from "../ops/logger.js";
import type { KeySpace } from "../infra/redis/keys.js";
import type { Directory } from "../team/directory.js";
import type { PracticeSchedules } from "../team/port.js";
import { WeeklyCadenceSchema, type WeeklyCadence } from "./cadence.js";
import { PRACTICE_QUEUE, schedulerId, upsertScheduler, weeklyRepeat, type PracticeRepeat, type PracticeTick } from "./job.js";
import { ScheduleRecords } from "./records.js";
import { noSchedule, onlyCreatorOrAdmin, scheduleListed, scheduleOff, scheduleSet, SCHEDULE_COMMAND } from "./replies.js";
import { clearRotation } from "./rotation.js";
import type { Schedule } from "./schedule-schema.js";

export interface SchedulesOptions {
  redis: Redis;
  keys: KeySpace;
  /** BULLMQ_PREFIX: the job schedulers live in BullMQ's keys under it. */
  prefix: string;
  directory: Directory;
  logger: Logger;
  /** How a cadence repeats in BullMQ. @defaultValue its cron pattern in its time zone */
  repeat?: PracticeRepeat | undefined;
  clock?: Clock | undefined;
}

/**
 * Weekly practice prompts as BullMQ job schedulers, one per channel: the schedule is stored first
 * and the scheduler upserted after it, so a tick never finds a scheduler without its schedule
 * (the worker would take that for an orphan and remove it).
 */
export class RedisPracticeSchedules implements PracticeSchedules {
  private readonly queue: Queue<PracticeTick>;
  private readonly records: ScheduleRecords;
  private readonly repeat: PracticeRepeat;

  constructor(private readonly options: SchedulesOptions) {
    this.queue = new Queue<PracticeTick>(PRACTICE_QUEUE, { connection: options.redis, prefix: options.prefix });
    // An unhandled 'error' event would end the process; a Redis blip is reported and survived.
    this.queue.on("error", (error) => options.logger.debug({ err: error.message }, "practice queue: redis error"));
    this.records = new ScheduleRecords(options.redis, options.keys);
    this.repeat = options.repeat ?? weeklyRepeat;
  }

  async set(channelKey: string, user: string, cadence: WeeklyCadence): Promise<OutgoingMessage> {
    const existing = await this.records.get(channelKey);
    if (existing) await this.mayChange(existing, user);
    const schedule: Schedule = { channelKey, creatorId: user, cadence: WeeklyCadenceSchema.parse(cadence), createdAt: (this.options.clock ?? systemClock).now() };
    await this.records.save(schedule);
    let next: number | undefined;
    try {
      next = await upsertScheduler(this.queue, schedule, this.repeat);
    } catch (error) {
      // Put the channel back as it was, so it never shows a schedule that will not tick.
      await (existing ? this.records.save(existing) : this.records.remove(channelKey)).catch((undo: unknown) =>
        this.options.logger.warn({ channelKey, err: undo instanceof Error ? undo.message : String(undo) }, "could not undo a schedule whose scheduler failed"),
      );
      throw error;
    }
    this.options.logger.info({ channelKey, user, cadence: schedule.cadence, replaced: existing !== null }, "practice schedule set");
    return scheduleSet(schedule, next, existing !== null);
  }

  async list(channelKey: string): Promise<OutgoingMessage> {
    const schedule = await this.records.get(channelKey);
    if (!schedule) return noSchedule();
    return scheduleListed(schedule, (await this.queue.getJobScheduler(schedulerId(channelKey)))?.next);
  }

  async off(channelKey: string, user: string): Promise<OutgoingMessage> {
    const schedule = await this.records.get(channelKey);
    if (!schedule) throw new NotFoundError(`There is no weekly practice in this channel to turn off. Start one with ${SCHEDULE_COMMAND}.`);
    await this.mayChange(schedule, user);
    // The scheduler goes first: a tick that runs in between still finds its schedule and posts as planned.
    await this.queue.removeJobScheduler(schedulerId(channelKey));
    await this.records.remove(channelKey);
    await clearRotation(this.options.redis, this.options.keys, channelKey);
    this.options.logger.info({ channelKey, user }, "practice schedule removed");
    return scheduleOff();
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  private async mayChange(schedule: Schedule, user: string): Promise<void> {
    if (schedule.creatorId === user) return;
    if (await this.options.directory.isAdmin(schedule.channelKey, user)) return;
    throw new ForbiddenError(onlyCreatorOrAdmin(schedule));
  }
}
