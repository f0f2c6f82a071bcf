import { MessageFlags, type APIActionRowComponent, type APIButtonComponentWithCustomId, type RepliableInteraction } from "discord.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import { renderDiscord } from "./render.js";
import { messageOptions } from "./replies.js";

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
