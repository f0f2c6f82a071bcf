/** The REST route table: which method and path reach which handler, and which need the bot's token. */
import type { RESTGetAPIGatewayBotResult } from "discord.js";
import type { ChannelRoutes } from "./channel-routes.js";
import type { FakeCommands } from "./commands.js";
import type { GuildRoutes } from "./guild-routes.js";
import type { InteractionRoutes } from "./interaction-routes.js";
import type { FakeMessages } from "./messages.js";
import type { Route } from "./rest.js";

export interface RouteHandlers {
  /** Where `GET /gateway/bot` sends clients. */
  gatewayUrl: () => string;
  botId: string;
  commands: FakeCommands;
  messages: FakeMessages;
  interactions: InteractionRoutes;
  channels: ChannelRoutes;
  guild: GuildRoutes;
}

export function buildRoutes({ gatewayUrl, botId, commands, messages, interactions, channels, guild }: RouteHandlers): Route[] {
  const id = "(\\d+)";
  const token = "([A-Za-z0-9_\\-.]+)";
  const gatewayBot = (): RESTGetAPIGatewayBotResult => ({ url: gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } });
  return [
    ["GET", /^\/gateway\/bot$/, true, () => ({ status: 200, body: gatewayBot() })],
    ["GET", /^\/users\/@me$/, true, () => guild.me()],
    ["PUT", new RegExp(`^/applications/${id}/commands$`), true, (request, [app]) => commands.put(request, app, undefined)],
    ["GET", new RegExp(`^/applications/${id}/commands$`), true, () => ({ status: 200, body: commands.list() })],
    ["PUT", new RegExp(`^/applications/${id}/guilds/${id}/commands$`), true, (request, [app, guildId]) => commands.put(request, app, guildId)],
    ["GET", new RegExp(`^/applications/${id}/guilds/${id}/commands$`), true, (_request, [, guildId]) => ({ status: 200, body: commands.list(guildId) })],
    ["POST", new RegExp(`^/interactions/${id}/${token}/callback$`), false, (request, [interaction, secret]) => interactions.callback(request, interaction ?? "", secret ?? "")],
    ["GET", new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), false, (_request, [app, secret]) => interactions.original(app, secret, (message) => ({ status: 200, body: message.message }))],
    ["PATCH", new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), false, (request, [app, secret]) => interactions.original(app, secret, (message) => messages.edit(message, request.body))],
    ["DELETE", new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), false, (_request, [app, secret]) => interactions.original(app, secret, (message) => messages.remove(message))],
    ["PATCH", new RegExp(`^/webhooks/${id}/${token}/messages/${id}$`), false, (request, [app, secret, message]) => interactions.followUpEdit(request, app, secret, message)],
    ["POST", new RegExp(`^/webhooks/${id}/${token}$`), false, (request, [app, secret]) => interactions.followUp(request, app, secret)],
    ["GET", new RegExp(`^/channels/${id}$`), true, (_request, [channel]) => channels.getChannel(channel ?? "")],
    ["DELETE", new RegExp(`^/channels/${id}$`), true, (_request, [channel]) => channels.deleteChannel(channel ?? "")],
    ["POST", new RegExp(`^/channels/${id}/messages$`), true, (request, [channel]) => channels.postMessage(request, channel ?? "")],
    ["GET", new RegExp(`^/channels/${id}/messages/${id}$`), true, (_request, [channel, message]) => channels.existing(channel, message, (stored) => ({ status: 200, body: stored.message }))],
    ["PATCH", new RegExp(`^/channels/${id}/messages/${id}$`), true, (request, [channel, message]) => channels.existing(channel, message, (stored) => messages.edit(stored, request.body))],
    ["DELETE", new RegExp(`^/channels/${id}/messages/${id}$`), true, (_request, [channel, message]) => channels.existing(channel, message, (stored) => messages.remove(stored))],
    ["POST", new RegExp(`^/channels/${id}/messages/${id}/threads$`), true, (request, [channel, message]) => channels.threadFromMessage(request, channel ?? "", message ?? "")],
    ["POST", new RegExp(`^/channels/${id}/threads$`), true, (request, [channel]) => channels.threadWithoutMessage(request, channel ?? "")],
    ["PUT", new RegExp(`^/channels/${id}/thread-members/(@me|\\d+)$`), true, (_request, [channel, user]) => channels.addThreadMember(channel ?? "", user === "@me" ? botId : (user ?? ""))],
    ["GET", new RegExp(`^/channels/${id}/thread-members/${id}$`), true, (_request, [channel, user]) => channels.threadMember(channel ?? "", user ?? "")],
    ["GET", new RegExp(`^/guilds/${id}$`), true, (_request, [guildId]) => guild.guildObject(guildId)],
    ["GET", new RegExp(`^/guilds/${id}/roles$`), true, (_request, [guildId]) => guild.roles(guildId)],
    ["GET", new RegExp(`^/guilds/${id}/members/${id}$`), true, (_request, [guildId, user]) => guild.member(guildId ?? "", user ?? "")],
    ["POST", /^\/users\/@me\/channels$/, true, (request) => guild.openDm(request)],
    ["GET", new RegExp(`^/users/${id}$`), true, (_request, [user]) => guild.user(user)],
    ["POST", new RegExp(`^/channels/${id}/typing$`), true, (_request, [channel]) => channels.typing(channel ?? "")],
  ];
}
