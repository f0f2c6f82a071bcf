import { interviewThreadName } from "../../src/features/copy.js";
import type { BaseMessageOptions, MessageMentionOptions } from "discord.js";
import { clip } from "../../src/core/text/clip.js";
import { safeText } from "../../src/core/text/safe.js";
import { LEVEL_CHOICE_NAMES } from "./commands.js";
import type { DiscordMessage } from "./render.js";

/** The typed-words usage in help speaks of words; on Discord the same choices are the subcommands' options (PlatformHints.usage). */
export const DISCORD_USAGE = `Usage: /mock-interview start [level] [problem] [private], e.g. level: ${LEVEL_CHOICE_NAMES.senior}, problem: fraud. Leave problem empty for one suited to your level; set private to hold the interview in a private thread.
Also: /mock-interview problems, /mock-interview help.`;

export const DISCORD_TEAM_USAGE = [
  "Team practice:",
  "• /mock-interview review link: review a teammate's interview from its thread link (or press Review on its scorecard)",
  "• /mock-interview review-request reviewer1 [reviewer2] [reviewer3]: ask teammates to review your latest interview",
  "• /mock-interview schedule weekly day time [timezone] [level]: a practice problem in this channel every week",
  "• /mock-interview schedule list, /mock-interview schedule off",
  "• /mock-interview history: your past interviews and ratings (only you see them)",
  "• /mock-interview focus: a new interview aimed at your weakest areas",
  "• /mock-interview progress: a chart of your ratings over time, posted in this channel",
  "• /mock-interview forget-me: delete everything stored about your interviews (asks first)",
].join("\n");

/** Discord allows thread names of 1 to 100 characters; a thread name is plain text, so it is only made safe to show. */
export function threadName(candidateName: string, problemTitle: string | undefined): string {
  return clip(safeText(interviewThreadName(candidateName, problemTitle)), 100);
}

/** A rendered message as discord.js's send/edit options (camel-cased mentions; the rest is API-shaped already). */
export function messageOptions(part: DiscordMessage): BaseMessageOptions {
  const allowed = part.allowed_mentions;
  const allowedMentions: MessageMentionOptions = { parse: [], ...(allowed.users ? { users: [...allowed.users] } : {}) };
  return {
    content: part.content ?? "",
    ...(part.embeds ? { embeds: part.embeds } : {}),
    ...(part.components ? { components: part.components } : {}),
    allowedMentions,
  };
}
