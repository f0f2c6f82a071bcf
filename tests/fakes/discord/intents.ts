/** What a gateway session's intents decide: the privileged ones, which dispatches reach it, and what MESSAGE_CONTENT blanks. */
import { GatewayDispatchEvents, GatewayIntentBits } from "discord.js";
import { z } from "zod";
import { isRecord } from "./wire.js";

/** Intents a bot may only ask for once the Developer Portal enables them. */
export const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

const MessageSeenSchema = z.looseObject({ id: z.string(), channel_id: z.string(), author: z.looseObject({ id: z.string() }), mentions: z.array(z.looseObject({ id: z.string() })).optional() });

/** Discord sends guild message and thread events only to sessions that asked for their intent. */
export function subscribed(intents: number, event: string): boolean {
  const needs: Record<string, number> = {
    [GatewayDispatchEvents.MessageCreate]: GatewayIntentBits.GuildMessages,
    [GatewayDispatchEvents.MessageUpdate]: GatewayIntentBits.GuildMessages,
    [GatewayDispatchEvents.MessageDelete]: GatewayIntentBits.GuildMessages,
    [GatewayDispatchEvents.ChannelCreate]: GatewayIntentBits.Guilds,
    [GatewayDispatchEvents.ThreadCreate]: GatewayIntentBits.Guilds,
    [GatewayDispatchEvents.ThreadUpdate]: GatewayIntentBits.Guilds,
  };
  const intent = needs[event];
  return intent === undefined || Boolean(intents & intent);
}

/** Without MESSAGE_CONTENT, Discord blanks other users' content unless the message mentions the bot. */
export function forIntents(intents: number, botId: string, event: string, data: unknown): unknown {
  if (event !== GatewayDispatchEvents.MessageCreate && event !== GatewayDispatchEvents.MessageUpdate) return data;
  if (intents & GatewayIntentBits.MessageContent) return data;
  const message = MessageSeenSchema.safeParse(data);
  if (!message.success || message.data.author.id === botId) return data;
  if (message.data.mentions?.some((user) => user.id === botId) || !isRecord(data)) return data;
  return { ...data, content: "", embeds: [], attachments: [], components: [] };
}
