/** REST for channels: fetching one, posting messages (enforced nonces, refused DMs, attachments), editing and deleting them, threads and their members. */
import { ChannelType, GatewayDispatchEvents, MessageFlags, PermissionFlagsBits, RESTJSONErrorCodes, type APIAttachment } from "discord.js";
import { z } from "zod";
import type { FakeGateway } from "./gateway.js";
import type { FakeGuild } from "./guild.js";
import { AttachmentsBodySchema, maxLength, MessageBodySchema, messageProblem } from "./message-schema.js";
import type { FakeMessages, StoredMessage } from "./messages.js";
import { invalidForm, unknownChannel, unknownMember, unknownMessage, type RestAnswer, type RestRequest } from "./rest-answers.js";
import { Snowflakes } from "./snowflakes.js";
import { NO_FLAGS } from "./wire.js";

/** How long Discord remembers an enforced nonce ("the past few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;

const ThreadBodySchema = z.looseObject({
  name: z.string().min(1, "This field is required").max(100, maxLength(100)),
  auto_archive_duration: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]).optional(),
  type: z.union([z.literal(ChannelType.AnnouncementThread), z.literal(ChannelType.PublicThread), z.literal(ChannelType.PrivateThread)]).optional(),
  invitable: z.boolean().optional(),
});

export interface ChannelRouteSettings {
  ids: Snowflakes;
  guild: FakeGuild;
  messages: FakeMessages;
  gateway: FakeGateway;
}

export class ChannelRoutes {
  constructor(private readonly settings: ChannelRouteSettings) {}

  getChannel(id: string): RestAnswer {
    const channel = this.settings.guild.channels.byId(id);
    return channel ? { status: 200, body: channel } : unknownChannel();
  }

  /**
   * Deletes a thread (Manage Threads) or a text channel (Manage Channels), as Discord does for the
   * bot's permissions there; Discord answers with the channel and tells the gateway.
   */
  deleteChannel(id: string): RestAnswer {
    const { guild, gateway } = this.settings;
    const thread = guild.channels.threads.get(id);
    const channel = thread ?? guild.channels.text.get(id);
    if (!channel) return unknownChannel();
    const needed = thread ? PermissionFlagsBits.ManageThreads : PermissionFlagsBits.ManageChannels;
    if (!(guild.permissionsIn(id, guild.bot.id) & needed)) return { status: 403, body: { message: "Missing Permissions", code: RESTJSONErrorCodes.MissingPermissions } };
    if (thread) guild.channels.threads.delete(id);
    else guild.channels.text.delete(id);
    const event = thread
      ? () => gateway.dispatch(GatewayDispatchEvents.ThreadDelete, { id, guild_id: guild.id, parent_id: thread.parent_id, type: thread.type })
      : () => gateway.dispatch(GatewayDispatchEvents.ChannelDelete, channel);
    return { status: 200, body: channel, after: event };
  }

  typing(channelId: string): RestAnswer {
    return this.settings.guild.channels.byId(channelId) ? { status: 204 } : unknownChannel();
  }

  postMessage(request: RestRequest, channelId: string): RestAnswer {
    const { guild, messages } = this.settings;
    if (!guild.channels.byId(channelId)) return unknownChannel();
    const problem = messageProblem(request.body, { requireContent: request.files.length === 0 });
    if (problem) return problem;
    const recipient = guild.channels.dmById(channelId)?.recipients?.[0];
    if (recipient && guild.channels.closedDms.has(recipient.id)) return { status: 403, body: { message: "Cannot send messages to this user", code: RESTJSONErrorCodes.CannotSendMessagesToThisUser } };
    // With enforce_nonce, a nonce the bot used in this channel in the last few minutes returns that message and creates none.
    const { nonce, enforce_nonce: enforceNonce } = MessageBodySchema.parse(request.body ?? {});
    if (enforceNonce && nonce !== undefined) {
      const earlier = messages
        .all()
        .find((stored) => stored.message.channel_id === channelId && stored.message.author.id === guild.bot.id && stored.message.nonce === nonce && Date.now() - Snowflakes.timestampOf(stored.message.id) < NONCE_WINDOW_MS);
      if (earlier) return { status: 200, body: earlier.message };
    }
    const stored = messages.create(channelId, request.body, { ephemeral: false, flags: 0 });
    if (nonce !== undefined) stored.message.nonce = nonce;
    stored.message.attachments = this.attachmentsFor(stored.message.id, request);
    return { status: 200, body: stored.message, after: () => messages.echo(GatewayDispatchEvents.MessageCreate, stored) };
  }

  /** A message in a channel the fake knows, or Discord's Unknown Channel / Unknown Message. */
  existing(channelId: string | undefined, messageId: string | undefined, act: (stored: StoredMessage) => RestAnswer): RestAnswer {
    const stored = this.settings.messages.get(messageId ?? "");
    if (!this.settings.guild.channels.byId(channelId ?? "")) return unknownChannel();
    return stored && stored.message.channel_id === channelId ? act(stored) : unknownMessage();
  }

  threadFromMessage(request: RestRequest, channelId: string, messageId: string): RestAnswer {
    const { guild, messages, gateway } = this.settings;
    if (guild.channels.threads.has(channelId)) return { status: 400, body: { message: "Cannot execute action on this channel type", code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType } };
    if (!guild.channels.text.has(channelId)) return unknownChannel();
    const stored = messages.get(messageId);
    if (!stored || stored.message.channel_id !== channelId || stored.ephemeral) return unknownMessage();
    if (stored.message.thread || guild.channels.threads.has(messageId)) return { status: 400, body: { message: "A thread has already been created for this message", code: RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage } };
    const parsed = ThreadBodySchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    // A thread started from a message takes the message's id, and is always public.
    const thread = guild.channels.addThread(channelId, parsed.data.name, guild.bot.id, ChannelType.PublicThread, messageId, parsed.data.auto_archive_duration);
    stored.message.thread = thread;
    stored.message.flags = (stored.message.flags ?? 0) | MessageFlags.HasThread;
    return { status: 201, body: thread, after: () => gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }) };
  }

  threadWithoutMessage(request: RestRequest, channelId: string): RestAnswer {
    const { guild, gateway, ids } = this.settings;
    if (guild.channels.threads.has(channelId)) return { status: 400, body: { message: "Cannot execute action on this channel type", code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType } };
    if (!guild.channels.text.has(channelId)) return unknownChannel();
    const parsed = ThreadBodySchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    // The API still defaults to a private thread when no type is given.
    const type = parsed.data.type === ChannelType.PublicThread ? ChannelType.PublicThread : ChannelType.PrivateThread;
    const thread = guild.channels.addThread(channelId, parsed.data.name, guild.bot.id, type, ids.next(), parsed.data.auto_archive_duration, parsed.data.invitable);
    return { status: 201, body: thread, after: () => gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }) };
  }

  addThreadMember(threadId: string, userId: string): RestAnswer {
    const { channels } = this.settings.guild;
    if (!channels.threads.has(threadId)) return unknownChannel();
    channels.joinThread(threadId, userId);
    return { status: 204 };
  }

  threadMember(threadId: string, userId: string): RestAnswer {
    const { channels } = this.settings.guild;
    const thread = channels.threads.get(threadId);
    if (!thread) return unknownChannel();
    if (!channels.inThread(threadId, userId)) return unknownMember();
    return { status: 200, body: { id: threadId, user_id: userId, join_timestamp: thread.thread_metadata?.create_timestamp ?? new Date().toISOString(), flags: NO_FLAGS } };
  }

  /** The attachments a multipart message carries: each file, with the filename and alt text `payload_json` gave it. */
  private attachmentsFor(messageId: string, request: RestRequest): APIAttachment[] {
    const described = AttachmentsBodySchema.safeParse(request.body ?? {});
    return request.files.map((file, index) => {
      const entry = described.success ? described.data.attachments?.find((attachment) => String(attachment.id) === String(index)) : undefined;
      const filename = entry?.filename ?? file.filename;
      const id = this.settings.ids.next();
      const url = `https://cdn.discordapp.com/attachments/${messageId}/${id}/${filename}`;
      return { id, filename, size: file.data.length, url, proxy_url: url, content_type: file.contentType, ...(entry?.description ? { description: entry.description } : {}) };
    });
  }
}
