// Type-only import, as in render.ts: the flags are written as plain bigints checked against Discord's types.
import type { PermissionFlagsBits } from "discord.js";

/**
 * What the bot needs in the channels it runs interviews from, and nothing more: see the parent
 * message and answers, post it, open public or private threads from it and talk in them. Embed
 * Links is needed for the scorecard, which is an embed; Attach Files for the progress chart, a PNG.
 * Direct messages (review requests) and reading roles and overwrites (who may review) need none.
 */
export const BOT_PERMISSIONS = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, bigint>>;

/** The permissions integer for the invite URL. */
export const BOT_PERMISSIONS_INTEGER = Object.values(BOT_PERMISSIONS).reduce((all, flag) => all | flag, 0n);

/** The OAuth2 URL that adds the bot to a server with exactly these permissions and the slash command. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: "bot applications.commands", permissions: String(BOT_PERMISSIONS_INTEGER) });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
