import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type APIActionRowComponent, type APIButtonComponentWithCustomId, type RepliableInteraction } from "discord.js";
import { isAppError } from "../../src/core/errors.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Logger } from "../../src/ops/logger.js";
import { renderDiscord } from "./render.js";
import { messageOptions } from "./replies.js";
import { PLATFORM } from "./thread-key.js";

export const SOMETHING_WENT_WRONG = "Something went wrong on my side. Please try again in a moment.";
export const CANNOT_OPEN_THREAD =
  "I can't post or open threads in this channel. Ask an admin to give me View Channel, Send Messages, Create Public Threads, Send Messages in Threads, Read Message History and Embed Links here, or run the command in another channel.";

/**
 * Replaces the deferred "thinking…" reply with `message`; a message too long for one reply continues
 * in ephemeral follow-ups. Only for interactions already deferred with deferReply. `rows`: buttons of
 * the adapter's own (reopening a form) after any the message carries.
 */
export async function tell(interaction: RepliableInteraction, message: OutgoingMessage, rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = []): Promise<void> {
  const parts = renderDiscord(message);
  const last = parts[parts.length - 1];
  if (last && rows.length) last.components = [...(last.components ?? []), ...rows];
  const [first, ...rest] = parts;
  if (!first) return;
  await interaction.editReply(messageOptions(first));
  for (const part of rest) await interaction.followUp({ ...messageOptions(part), flags: MessageFlags.Ephemeral });
}

/** Answers an interaction not yet acknowledged with an ephemeral message (a refusal before a modal, say). */
export async function replyPrivately(interaction: RepliableInteraction, message: OutgoingMessage): Promise<void> {
  const [first, ...rest] = renderDiscord(message);
  if (!first) return;
  await interaction.reply({ ...messageOptions(first), flags: MessageFlags.Ephemeral });
  for (const part of rest) await interaction.followUp({ ...messageOptions(part), flags: MessageFlags.Ephemeral });
}

export function errorMessage(text: string): OutgoingMessage {
  return { kind: "error", paragraphs: [text] };
}

/**
 * What the user reads when handling their request failed: a typed error's own message (a bad
 * problem name, a refusal), the permissions to ask for when Discord refused the bot, or `fallback`.
 * Anything untyped is logged here, once, without a stack trace reaching the user.
 */
export function failureMessage(error: unknown, logger: Logger, fallback: string = SOMETHING_WENT_WRONG): OutgoingMessage {
  if (isAppError(error)) return errorMessage(error.message);
  logger.warn({ platform: PLATFORM, err: error instanceof Error ? error.message : String(error) }, "discord request failed");
  return errorMessage(cannotPost(error) ? CANNOT_OPEN_THREAD : fallback);
}

/** Discord's answers that mean "the bot may not post or open threads here". */
export function cannotPost(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess);
}
