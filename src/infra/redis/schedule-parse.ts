import { ScheduleSchema, type Schedule } from "../../ports/schedules.js";

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
