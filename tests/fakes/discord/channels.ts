/** The guild's channels: text channels, threads and who joined them, and the bot's direct-message channels. */
import { ChannelType, type APIDMChannel, type APIOverwrite, type APITextChannel, type APIThreadChannel, type APIUser } from "discord.js";
import type { Snowflakes } from "./snowflakes.js";
import { NO_FLAGS } from "./wire.js";

export type ThreadType = ChannelType.PublicThread | ChannelType.PrivateThread;

export class FakeChannels {
  /** The guild's text channels: the default one and any added with `addChannel`. */
  readonly text = new Map<string, APITextChannel>();
  readonly threads = new Map<string, APIThreadChannel>();
  private readonly threadMembers = new Map<string, Set<string>>();
  /** Direct-message channels by recipient, and the users whose privacy settings refuse the bot's DMs. */
  readonly dms = new Map<string, APIDMChannel>();
  readonly closedDms = new Set<string>();

  constructor(
    private readonly guildId: string,
    private readonly ids: Snowflakes,
  ) {}

  addText(id: string, name: string, position: number, overwrites: APIOverwrite[] = []): APITextChannel {
    const channel: APITextChannel = {
      id,
      type: ChannelType.GuildText,
      guild_id: this.guildId,
      name,
      position,
      permission_overwrites: overwrites,
      parent_id: null,
      topic: "Practise ML system design interviews with /mock-interview",
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: 1440,
      flags: NO_FLAGS,
    };
    this.text.set(id, channel);
    return channel;
  }

  addThread(parentId: string, name: string, ownerId: string, type: ThreadType, id: string, autoArchive: 60 | 1440 | 4320 | 10080 = 1440, invitable = true): APIThreadChannel {
    const now = new Date().toISOString();
    const thread: APIThreadChannel = {
      id,
      type,
      guild_id: this.guildId,
      parent_id: parentId,
      owner_id: ownerId,
      name,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: NO_FLAGS,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: now, locked: false, create_timestamp: now, ...(type === ChannelType.PrivateThread ? { invitable } : {}) },
    };
    this.threads.set(id, thread);
    this.threadMembers.set(id, new Set([ownerId]));
    return thread;
  }

  byId(id: string): APITextChannel | APIThreadChannel | APIDMChannel | undefined {
    return this.text.get(id) ?? this.threads.get(id) ?? this.dmById(id);
  }

  dmById(id: string): APIDMChannel | undefined {
    return [...this.dms.values()].find((dm) => dm.id === id);
  }

  /** A thread takes its parent channel's overwrites. */
  overwritesOf(channelId: string): { permission_overwrites?: APIOverwrite[] } {
    const thread = this.threads.get(channelId);
    const channel = this.text.get(thread?.parent_id ?? channelId);
    return { permission_overwrites: channel?.permission_overwrites ?? [] };
  }

  joinThread(threadId: string, userId: string): void {
    const members = this.threadMembers.get(threadId) ?? new Set<string>();
    members.add(userId);
    this.threadMembers.set(threadId, members);
  }

  inThread(threadId: string, userId: string): boolean {
    return Boolean(this.threadMembers.get(threadId)?.has(userId));
  }

  /** The DM channel with the recipient, the same one every time. */
  openDm(recipient: APIUser): APIDMChannel {
    const known = this.dms.get(recipient.id);
    if (known) return known;
    const channel: APIDMChannel = { id: this.ids.next(), type: ChannelType.DM, name: null, last_message_id: null, flags: NO_FLAGS, recipients: [recipient] };
    this.dms.set(recipient.id, channel);
    return channel;
  }
}
