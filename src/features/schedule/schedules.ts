import { systemClock, type Clock } from "../../core/clock.js";
import { ForbiddenError, NotFoundError } from "../../core/errors.js";
import type { OutgoingMessage } from "../../core/messages/message.js";
import type { Logger } from "../../ops/logger.js";
import { WeeklyCadenceSchema, type PracticeScheduler, type Rotation, type Schedule, type WeeklyCadence, type ScheduleRecords } from "../../ports/schedules.js";
import type { Directory } from "../../ports/directory.js";
import type { PracticeSchedules } from "../team/port.js";
import { noSchedule, onlyCreatorOrAdmin, scheduleListed, scheduleOff, scheduleSet, SCHEDULE_COMMAND } from "./replies.js";

export interface SchedulesOptions {
  records: ScheduleRecords;
  rotation: Rotation;
  /** The repeating ticks (BullMQ job schedulers in production). */
  scheduler: PracticeScheduler;
  directory: Directory;
  logger: Logger;
  clock?: Clock | undefined;
}

/**
 * Weekly practice prompts, one schedule per channel: the schedule is stored first and its ticks
 * set up after it, so a tick never finds a scheduler without its schedule (the worker would take
 * that for an orphan and remove it).
 */
export class PracticeSchedulesService implements PracticeSchedules {
  private readonly records: ScheduleRecords;
  private readonly scheduler: PracticeScheduler;

  constructor(private readonly options: SchedulesOptions) {
    this.records = options.records;
    this.scheduler = options.scheduler;
  }

  async set(channelKey: string, user: string, cadence: WeeklyCadence): Promise<OutgoingMessage> {
    const existing = await this.records.get(channelKey);
    if (existing) await this.mayChange(existing, user);
    const schedule: Schedule = { channelKey, creatorId: user, cadence: WeeklyCadenceSchema.parse(cadence), createdAt: (this.options.clock ?? systemClock).now() };
    await this.records.save(schedule);
    let next: number | undefined;
    try {
      next = await this.scheduler.upsert(schedule);
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
    return scheduleListed(schedule, await this.scheduler.next(channelKey));
  }

  async off(channelKey: string, user: string): Promise<OutgoingMessage> {
    const schedule = await this.records.get(channelKey);
    if (!schedule) throw new NotFoundError(`There is no weekly practice in this channel to turn off. Start one with ${SCHEDULE_COMMAND}.`);
    await this.mayChange(schedule, user);
    // The scheduler goes first: a tick that runs in between still finds its schedule and posts as planned.
    await this.scheduler.remove(channelKey);
    await this.records.remove(channelKey);
    await this.options.rotation.clear(channelKey);
    this.options.logger.info({ channelKey, user }, "practice schedule removed");
    return scheduleOff();
  }

  async close(): Promise<void> {
    await this.scheduler.close();
  }

  private async mayChange(schedule: Schedule, user: string): Promise<void> {
    if (schedule.creatorId === user) return;
    if (await this.options.directory.isAdmin(schedule.channelKey, user)) return;
    throw new ForbiddenError(onlyCreatorOrAdmin(schedule));
  }
}
