import { z } from "zod";
import { WeeklyCadenceSchema } from "./cadence.js";

/** A channel's weekly practice, as stored in the schedules hash under its channel key. */
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
 * The stored schedule, or null when there is none. One that no longer parses is an error, not an
 * absence: the worker would otherwise take its scheduler for an orphan and remove it.
 */
export function parseSchedule(json: string | null): Schedule | null {
  if (json === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`unreadable practice schedule: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = ScheduleSchema.safeParse(data);
  if (!parsed.success) throw new Error(`unreadable practice schedule: ${parsed.error.message}`);
  return parsed.data;
}
