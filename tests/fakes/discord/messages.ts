/** The messages the fake knows: their shape, storing them in their channel, edits and deletes, and echoing the bot's own to the gateway. */
import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionType,
  MessageFlags,
  MessageType,
  RESTJSONErrorCodes,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
  type GatewayMessageCreateDispatchData,
} from "discord.js";
import type { FakeGateway } from "./gateway.js";
import type { FakeGuild } from "./guild.js";
import type { InteractionState } from "./interactions.js";
import { MessageBodySchema, messageProblem } from "./message-schema.js";
import type { RestAnswer } from "./rest-answers.js";
import { Snowflakes } from "./snowflakes.js";
import { NO_FLAGS } from "./wire.js";

export interface StoredMessage {
  message: APIMessage;
  ephemeral: boolean;
}

/** What a message showed from a moment on: its creation, each edit, and its deletion (`deleted`, content empty). */
export interface MessageVersion {
  /** When the fake applied it (Date.now()). */
  at: number;
  content: string;
  /** Button rows it carried. */
  components: number;
  deleted: boolean;
}

export interface MessageSettings {
  ids: Snowflakes;
  applicationId: string;
  guild: FakeGuild;
  gateway: FakeGateway;
  /** Echo the bot's own messages back as MESSAGE_CREATE / MESSAGE_UPDATE, as Discord does. */
  echoBotMessages: boolean;
}

export class FakeMessages {
  private readonly byId = new Map<string, StoredMessage>();
  /** Every version of every message, kept after a delete so a test can see what a reader saw over time. */
  private readonly versionsById = new Map<string, MessageVersion[]>();

  constructor(private readonly settings: MessageSettings) {}

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The message's versions in order, oldest (its creation) first; empty for a message the fake never had. */
  versions(id: string): MessageVersion[] {
    return [...(this.versionsById.get(id) ?? [])];
  }

  all(): StoredMessage[] {
    return [...this.byId.values()];
  }

  inChannel(channelId: string): APIMessage[] {
    return this.all()
      .filter((stored) => stored.message.channel_id === channelId)
      .map((stored) => stored.message);
  }

  /** A member's message in a channel or thread, as MESSAGE_CREATE carries it (guild_id, member, channel_type). */
  fromMember(options: { author: APIUser; channelId: string; content: string; id?: string }): GatewayMessageCreateDispatchData {
    const { guild } = this.settings;
    const id = options.id ?? this.settings.ids.next();
    const thread = guild.channels.threads.get(options.channelId);
    return {
      ...this.shape(id, options.channelId, options.author, { content: options.content }),
      guild_id: guild.id,
      member: guild.member(options.author),
      mentions: [],
      channel_type: thread ? thread.type : ChannelType.GuildText,
    };
  }

  shape(id: string, channelId: string, author: APIUser, body: { content?: string | null | undefined; embeds?: unknown; components?: unknown }): APIMessage {
    return {
      id,
      type: MessageType.Default,
      channel_id: channelId,
      author,
      content: body.content ?? "",
      timestamp: new Date(Snowflakes.timestampOf(id)).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: (body.embeds ?? []) as APIEmbed[],
      components: (body.components ?? []) as APIMessageTopLevelComponent[],
      pinned: false,
      flags: NO_FLAGS,
    };
  }

  /** A message from the bot: in a channel, or as an interaction's reply or follow-up (webhook, interaction metadata). */
  create(channelId: string, body: unknown, context: { interaction?: InteractionState; ephemeral: boolean; flags: number }): StoredMessage {
    const { applicationId, guild } = this.settings;
    const parsed = MessageBodySchema.safeParse(body ?? {});
    const fields = parsed.success ? parsed.data : {};
    const message = this.shape(this.settings.ids.next(), channelId, guild.bot, fields);
    message.flags = context.flags;
    const interaction = context.interaction;
    if (interaction) {
      message.webhook_id = applicationId;
      message.application_id = applicationId;
      message.type = interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
      const base = { id: interaction.id, user: interaction.user, authorizing_integration_owners: { "0": guild.id } };
      if (interaction.type === InteractionType.ApplicationCommand) message.interaction_metadata = { ...base, type: InteractionType.ApplicationCommand };
      if (interaction.type === InteractionType.MessageComponent && interaction.componentMessageId) {
        message.interaction_metadata = { ...base, type: InteractionType.MessageComponent, interacted_message_id: interaction.componentMessageId };
      }
    }
    return this.store(message, context.ephemeral);
  }

  /** Keeps the message and counts it in its thread or channel (ephemeral ones count nowhere). */
  store(message: APIMessage, ephemeral: boolean): StoredMessage {
    const { channels } = this.settings.guild;
    const stored = { message, ephemeral };
    this.byId.set(message.id, stored);
    this.record(message, false);
    const thread = channels.threads.get(message.channel_id);
    if (thread && !ephemeral) {
      thread.message_count = (thread.message_count ?? 0) + 1;
      thread.total_message_sent = (thread.total_message_sent ?? 0) + 1;
      thread.last_message_id = message.id;
    } else if (!ephemeral) {
      const channel = channels.text.get(message.channel_id);
      if (channel) channel.last_message_id = message.id;
    }
    return stored;
  }

  edit(stored: StoredMessage, body: unknown): RestAnswer {
    if (stored.message.author.id !== this.settings.guild.bot.id) return { status: 403, body: { message: "Cannot edit a message authored by another user", code: RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser } };
    const problem = messageProblem(body, { requireContent: false });
    if (problem) return problem;
    const changes = MessageBodySchema.parse(body ?? {});
    const message = stored.message;
    if (changes.content !== undefined) message.content = changes.content ?? "";
    if (changes.embeds !== undefined) message.embeds = (changes.embeds ?? []) as APIEmbed[];
    if (changes.components !== undefined) message.components = (changes.components ?? []) as APIMessageTopLevelComponent[];
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    message.edited_timestamp = new Date().toISOString();
    this.record(message, false);
    return { status: 200, body: message, after: () => this.echo(GatewayDispatchEvents.MessageUpdate, stored) };
  }

  remove(stored: StoredMessage): RestAnswer {
    const { gateway, echoBotMessages, guild } = this.settings;
    this.byId.delete(stored.message.id);
    this.record(stored.message, true);
    return { status: 204, after: async () => (echoBotMessages && !stored.ephemeral && gateway.intents !== undefined ? gateway.dispatch(GatewayDispatchEvents.MessageDelete, { id: stored.message.id, channel_id: stored.message.channel_id, guild_id: guild.id }) : undefined) };
  }

  private record(message: APIMessage, deleted: boolean): void {
    const versions = this.versionsById.get(message.id) ?? [];
    versions.push({ at: Date.now(), content: deleted ? "" : message.content, components: deleted ? 0 : (message.components?.length ?? 0), deleted });
    this.versionsById.set(message.id, versions);
  }

  /** Discord tells every session about the bot's own non-ephemeral messages too. */
  async echo(event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, stored: StoredMessage): Promise<void> {
    const { gateway, echoBotMessages, guild } = this.settings;
    const intents = gateway.intents;
    if (!echoBotMessages || stored.ephemeral || intents === undefined) return;
    // Direct messages reach only sessions with the DirectMessages intent, which this bot does not ask for.
    if (guild.channels.dmById(stored.message.channel_id) && !(intents & GatewayIntentBits.DirectMessages)) return;
    const thread = guild.channels.threads.get(stored.message.channel_id);
    await gateway.dispatch(event, { ...stored.message, guild_id: guild.id, member: guild.member(guild.bot), mentions: [], channel_type: thread ? thread.type : ChannelType.GuildText });
  }
}
