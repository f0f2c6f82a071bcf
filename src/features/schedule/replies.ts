import { mentionOf, type OutgoingMessage } from "../../core/messages/message.js";
import { describeCadence } from "./cadence.js";
import type { Schedule } from "../../ports/schedules.js";

/** How users set a schedule up, named in replies that leave them without one. */
export const SCHEDULE_COMMAND = "/mock-interview schedule weekly <day> <HH:MM> [timezone] [level], e.g. /mock-interview schedule weekly mon 09:30 Europe/Berlin senior";

export function scheduleSet(schedule: Schedule, next: number | undefined, replaced: boolean): OutgoingMessage {
  return {
    kind: "notice",
    heading: replaced ? "Weekly practice changed" : "Weekly practice is on",
    paragraphs: [
      `${describeCadence(schedule.cadence)}: I'll post a practice problem here with a Start button. No problem comes round again until every one has had its turn.`,
      "Change it by setting it again; /mock-interview schedule off stops it.",
    ],
    fields: [nextField(schedule, next)],
  };
}

export function scheduleListed(schedule: Schedule, next: number | undefined): OutgoingMessage {
  return {
    kind: "notice",
    heading: "Weekly practice in this channel",
    paragraphs: [`${describeCadence(schedule.cadence)}: a practice problem with a Start button.`],
    fields: [{ label: "Set up by", value: mentionOf(schedule.creatorId) }, nextField(schedule, next)],
  };
}

export function noSchedule(): OutgoingMessage {
  return { kind: "notice", paragraphs: [`No weekly practice in this channel. Start one with ${SCHEDULE_COMMAND}.`] };
}

export function scheduleOff(): OutgoingMessage {
  return { kind: "notice", paragraphs: [`Weekly practice is off in this channel. Turn it on again with ${SCHEDULE_COMMAND}.`] };
}

/** Who may change or remove a schedule, for the refusal everyone else gets. */
export function onlyCreatorOrAdmin(schedule: Schedule): string {
  return `Only ${mentionOf(schedule.creatorId)}, who set up this channel's weekly practice, or a workspace admin can change it or turn it off.`;
}

function nextField(schedule: Schedule, next: number | undefined): { label: string; value: string } {
  // The scheduler can be missing if setting it failed half way; setting the schedule again repairs it.
  return { label: "Next problem", value: next === undefined ? "not scheduled: set the schedule again" : formatWhen(next, schedule.cadence.timezone) };
}

/** "Mon, 23 Nov 2026, 09:30 (Europe/Berlin)": in the schedule's own zone, as the channel reads it. */
export function formatWhen(epochMs: number, timezone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(epochMs);
  return `${text} (${timezone})`;
}
