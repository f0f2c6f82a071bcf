import { z } from "zod";
import { LevelSchema } from "../content/levels.js";

/** When a channel's practice prompt is posted: one weekday and time in a time zone. */
export const WeeklyCadenceSchema = z.object({
  /** 0 = Sunday … 6 = Saturday, as cron counts. */
  day: z.number().int().min(0).max(6),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  /** An IANA zone such as `Europe/Berlin`; UTC when the user names none. */
  timezone: z.string().min(1),
  level: LevelSchema.nullable(),
});
export type WeeklyCadence = z.infer<typeof WeeklyCadenceSchema>;

/** A channel's weekly practice, as stored under its channel key. */
export const ScheduleSchema = z.object({
  channelKey: z.string().min(1),
  /** The user key of whoever set it (or last replaced it): they may change or remove it, as may an admin. */
  creatorId: z.string().min(1),
  cadence: WeeklyCadenceSchema,
  /** Epoch ms. */
  createdAt: z.number().int(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/**
 * The channels' schedules. No expiry: a schedule is channel configuration and stays until someone
 * turns it off. One that no longer parses is an error, not an absence: the worker would otherwise
 * take its scheduler for an orphan and remove it.
 */
export interface ScheduleRecords {
  get(channelKey: string): Promise<Schedule | null>;
  save(schedule: Schedule): Promise<void>;
  remove(channelKey: string): Promise<void>;
}

/** Eight days: a weekly tick always finds the previous one's state. */
export const MIN_ROTATION_TTL_MS = 8 * 24 * 3600_000;

/**
 * Which problem each tick of a channel's schedule posts: every problem once per rotation, and a
 * tick that runs again posts what it picked the first time, or nothing once it has posted. The
 * state is renewed on every tick, so it lapses only with a schedule that stopped ticking.
 */
export interface Rotation {
  /**
   * The tick's problem id, or null once the tick has posted: the one it picked on an earlier
   * attempt, else the first of `ordered` (the channel's order, not empty) not yet used in this
   * rotation; when all are used a new rotation starts. Two workers never pick twice for one tick.
   */
  pick(channelKey: string, tickId: string, ordered: readonly string[]): Promise<string | null>;
  /** Marks the tick posted, so a re-run of it posts nothing. */
  recordPosted(channelKey: string, tickId: string): Promise<void>;
  /** Forgets the channel's rotation when its schedule is removed: one set again later starts afresh. */
  clear(channelKey: string): Promise<void>;
}

/** The repeating ticks behind the schedules (BullMQ job schedulers in production). */
export interface PracticeScheduler {
  /** Creates or updates the channel's ticks; returns when the next one is due (epoch ms), if known. */
  upsert(schedule: Schedule): Promise<number | undefined>;
  /** When the channel's next tick is due (epoch ms), if it has one. */
  next(channelKey: string): Promise<number | undefined>;
  remove(channelKey: string): Promise<void>;
  close(): Promise<void>;
}
