import type { BaseMessageOptions, MessageMentionOptions } from "discord.js";
import { helpMessage, SLASH_USAGE } from "../../src/commands/mock-interview.js";
import type { OutgoingMessage } from "../../src/messages/message.js";
import { LEVEL_CHOICE_NAMES } from "./commands.js";
import type { DiscordMessage } from "./render.js";

/** Slack's usage line speaks of typed words; on Discord the same choices are the command's options. */
export const DISCORD_USAGE = `Usage: /mock-interview [level] [problem] [private], e.g. level: ${LEVEL_CHOICE_NAMES.senior}, problem: fraud. Leave problem empty for one suited to your level; set private to hold the interview in a private thread.
Type help or problems as the problem to see this message or the list of problems.`;

export function discordHelpMessage(): OutgoingMessage {
  const help = helpMessage();
  return { ...help, paragraphs: help.paragraphs.map((paragraph) => (paragraph === SLASH_USAGE ? DISCORD_USAGE : paragraph)) };
}

/**
 * The message opening an interview: in the channel above a public thread, or as the first message
 * of a private one. The mention shows the candidate's current name without pinging anyone.
 */
export function parentMessage(candidateId: string, level: string | undefined, problemTitle: string | undefined): OutgoingMessage {
  const candidate = `<@${candidateId}>`;
  return {
    kind: "notice",
    heading: `Mock interview: ${problemTitle ?? "ML system design"}`,
    paragraphs: [
      `${candidate} is practising an ML system design interview${level ? ` at ${level} level` : ""}. The interview runs in this thread.`,
      `${candidate}: answer in the thread. Type hint, harder, easier, next or end, or use the buttons. Teammates are welcome to read along.`,
    ],
  };
}

/** Discord allows thread names of 1 to 100 characters. */
export function threadName(candidateName: string, problemTitle: string | undefined): string {
  const name = `Mock interview · ${candidateName}${problemTitle ? ` · ${problemTitle}` : ""}`;
  return name.length <= 100 ? name : `${name.slice(0, 99)}…`;
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
