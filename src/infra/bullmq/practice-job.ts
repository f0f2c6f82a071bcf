import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from "bullmq";
import { z } from "zod";
import { cronPattern, type WeeklyCadence } from "../../features/schedule/cadence.js";
import type { Schedule } from "../../ports/schedules.js";

export const PRACTICE_QUEUE = "practice-prompts";
export const PRACTICE_JOB = "practice-prompt";

/** What each tick carries: the schedule itself is read when the tick runs, so a change applies at once. */
export const PracticeTickSchema = z.object({ channelKey: z.string().min(1) });
export type PracticeTick = z.infer<typeof PracticeTickSchema>;

/** How a cadence repeats in BullMQ; tests swap in `{ every }` to see ticks without waiting a week. */
export type PracticeRepeat = (cadence: WeeklyCadence) => Omit<RepeatOptions, "key">;

export const weeklyRepeat: PracticeRepeat = (cadence) => ({ pattern: cronPattern(cadence), tz: cadence.timezone });

/**
 * One scheduler per channel. Channel keys contain `:`, which BullMQ's ids must not (each tick's job
 * id is `repeat:<scheduler id>:<time>`, exactly three parts), so the key is base64url-encoded.
 */
export function schedulerId(channelKey: string): string {
  return `practice-${Buffer.from(channelKey, "utf8").toString("base64url")}`;
}

/** A failed post is retried for about half an hour before the week is given up; finished ticks are kept, bounded. */
const TICK_OPTIONS = {
  attempts: 6,
  backoff: { type: "exponential", delay: 30_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 1_000 },
} as const satisfies JobSchedulerTemplateOptions;

/** Creates or updates the channel's scheduler; returns when its next tick is due (epoch ms), if known. */
export async function upsertScheduler(queue: Queue<PracticeTick>, schedule: Schedule, repeat: PracticeRepeat): Promise<number | undefined> {
  const id = schedulerId(schedule.channelKey);
  await queue.upsertJobScheduler(id, repeat(schedule.cadence), { name: PRACTICE_JOB, data: { channelKey: schedule.channelKey }, opts: TICK_OPTIONS });
  return (await queue.getJobScheduler(id))?.next;
}
