import type { Content } from "../../engine/context.js";
import type { Field, OutgoingMessage } from "../../core/messages/message.js";
import { formatDate } from "./dates.js";
import { shortRatings } from "./labels.js";
import type { PastInterview } from "./past.js";

/** Interviews listed at once: enough to see a trend, few enough to read in one message. */
export const HISTORY_LIMIT = 15;

export const NO_HISTORY_MESSAGE: OutgoingMessage = {
  kind: "notice",
  heading: "Your interviews",
  paragraphs: [
    "You have no interviews yet. Start one with /mock-interview, or pick a level and problem with, say, /mock-interview senior fraud. Each interview shows up here with its ratings once its scorecard is written.",
  ],
};

/** The user's interviews, newest first: one field each with date, problem, level, ratings and link. */
export function historyMessage(past: ReadonlyArray<PastInterview & { link: string | null }>, more: boolean, content: Content): OutgoingMessage {
  const paragraphs = [`${past.length === 1 ? "Your interview" : `Your ${past.length} interviews`}, newest first (dates in UTC). Only you can see this.`];
  if (more) paragraphs.push(`Only your ${past.length} most recent interviews are listed.`);
  return { kind: "notice", heading: "Your interviews", paragraphs, fields: past.map((entry) => field(entry, content)) };
}

function field({ session, stored, link }: PastInterview & { link: string | null }, content: Content): Field {
  const title = stored?.summary.problemTitle ?? (session.problemId ? content.bank.find(session.problemId)?.title : undefined) ?? "Problem not chosen yet";
  const level = stored?.level ?? session.level;
  const label = [formatDate(session.startedAt), title, level ? `${level} level` : "level not given"].join(" · ");
  const outcome = stored ? shortRatings(stored.summary.scorecard) : session.phase === "ended" ? "Scorecard pending" : "In progress";
  return { label, value: link ? `${outcome}\n${link}` : outcome };
}
