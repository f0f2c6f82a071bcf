import { UserInputError } from "../../core/errors.js";
import { parseLevel } from "../../content/bank.js";
import type { Level } from "../../content/levels.js";
import type { WeeklyCadence } from "../../ports/schedules.js";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

// The schema is the stored shape, so it lives with the schedules port; parsing what users type lives here.
export { WeeklyCadenceSchema, type WeeklyCadence } from "../../ports/schedules.js";

export const DEFAULT_TIMEZONE = "UTC";

/** `weekly <day> <HH:MM> [timezone] [level]` as typed (or as Discord options); bad parts are UserInputErrors saying what is expected. */
export function parseWeekly(input: { day: string; time: string; timezone?: string | null; level?: string | null }): WeeklyCadence {
  const day = parseDay(input.day);
  const [hour, minute] = parseTime(input.time);
  const timezone = input.timezone?.trim() ? parseTimezone(input.timezone.trim()) : DEFAULT_TIMEZONE;
  const level: Level | null = input.level?.trim() ? parseLevel(input.level.trim()) : null;
  return { day, hour, minute, timezone, level };
}

/** The cron pattern BullMQ's job scheduler runs in the cadence's time zone. */
export function cronPattern(cadence: WeeklyCadence): string {
  return `${cadence.minute} ${cadence.hour} * * ${cadence.day}`;
}

/** "Mondays at 09:30 (Europe/Berlin)". */
export function describeCadence(cadence: WeeklyCadence): string {
  const names = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];
  const time = `${String(cadence.hour).padStart(2, "0")}:${String(cadence.minute).padStart(2, "0")}`;
  return `${names[cadence.day] ?? "?"} at ${time} (${cadence.timezone})${cadence.level ? `, ${cadence.level} level` : ""}`;
}

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** `mon`, `tues`, `Monday`, `mondays`: but not `monkey`, which only shares the first three letters. */
function parseDay(raw: string): number {
  const word = raw.trim().toLowerCase();
  const index = DAY_NAMES.findIndex((name) => (word.length >= 3 && name.startsWith(word)) || word === `${name}s`);
  if (index === -1) throw new UserInputError(`"${raw}" is not a day of the week: use mon, tue, wed, thu, fri, sat or sun.`);
  return index;
}

function parseTime(raw: string): [number, number] {
  const match = /^(\d{1,2}):(\d{2})$/.exec(raw.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) throw new UserInputError(`"${raw}" is not a time: use 24-hour HH:MM, e.g. 09:30.`);
  return [hour, minute];
}

function parseTimezone(raw: string): string {
  // Offsets ("+01:00", "GMT+1") are refused: newer runtimes accept some, the scheduler's cron library does not.
  if (!/^[A-Za-z][A-Za-z0-9_/+-]*$/.test(raw)) throw new UserInputError(`"${raw}" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
  try {
    // The runtime's own zone database decides, so a zone Node knows is a zone the scheduler can use.
    return new Intl.DateTimeFormat("en-US", { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new UserInputError(`"${raw}" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
  }
}
