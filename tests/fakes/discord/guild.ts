/** The fake guild as a whole: who it is, the bot's role, its users and channels, members' permissions, and the guild payloads. */
import {
  Locale,
  PermissionFlagsBits,
  type APIGuild,
  type APIGuildMemberNoUser,
  type APIInteractionDataResolvedGuildMember,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from "discord.js";
import { FakeChannels } from "./channels.js";
import { FakeGuildAccess } from "./guild-access.js";
import { Snowflakes } from "./snowflakes.js";
import { FakeUsers } from "./users.js";
import { NO_FLAGS } from "./wire.js";

/** What the bot is allowed in its channel: the least-privilege set the README asks servers to grant. */
const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.CreatePrivateThreads,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
].reduce((all, flag) => all | flag, 0n);
const MEMBER_PERMISSIONS = BOT_PERMISSIONS | PermissionFlagsBits.UseApplicationCommands | PermissionFlagsBits.AddReactions;

export class FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly botRoleId: string;
  /** Roles, who holds them, and the permissions they give in a channel. */
  readonly access: FakeGuildAccess;
  readonly users: FakeUsers;
  readonly channels: FakeChannels;
  /** The text channel the bot is set up in. */
  readonly channel: APITextChannel;

  /** A guild made at `created`, owned by a `guild-owner` user, with the bot holding its managed role. */
  constructor(
    private readonly ids: Snowflakes,
    readonly bot: APIUser,
    options: { created: number; name: string; channelName: string },
  ) {
    this.users = new FakeUsers(ids);
    const owner = this.users.named("guild-owner", options.created);
    this.id = ids.next(options.created);
    this.name = options.name;
    this.ownerId = owner.id;
    this.botRoleId = ids.next(options.created);
    this.access = new FakeGuildAccess(this.id, owner.id, MEMBER_PERMISSIONS, () => this.ids.next());
    this.access.addRole("Mock Interview", BOT_PERMISSIONS, { id: this.botRoleId, botId: bot.id });
    this.access.assign(bot.id, this.botRoleId);
    this.channels = new FakeChannels(this.id, ids);
    this.channel = this.channels.addText(ids.next(options.created), options.channelName, 0);
  }

  member(user: APIUser): APIGuildMemberNoUser {
    const joined = new Date(Snowflakes.timestampOf(user.id)).toISOString();
    return { nick: null, avatar: null, banner: null, roles: this.access.rolesOf(user.id), joined_at: joined, premium_since: null, deaf: false, mute: false, flags: NO_FLAGS, pending: false, communication_disabled_until: null };
  }

  /** A member as a user option resolves them: their member data and their permissions in the channel. */
  resolvedMember(user: APIUser, channelId?: string): APIInteractionDataResolvedGuildMember {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- resolved members carry no deaf/mute
    const { deaf, mute, ...member } = this.member(user);
    return { ...member, permissions: String(this.permissionsIn(channelId ?? this.channel.id, user.id)) };
  }

  /** The user's permissions in a channel (a thread's are its parent's). */
  permissionsIn(channelId: string, userId: string): bigint {
    return this.access.permissionsIn(this.channels.overwritesOf(channelId), userId);
  }

  /** GUILD_CREATE as the gateway sends it after READY. */
  gatewayPayload(): GatewayGuildCreateDispatchData {
    const now = new Date().toISOString();
    // Channels inside GUILD_CREATE carry no guild_id (GET /channels/:id does).
    const channels = [...this.channels.text.values()].map((channel) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- destructured only to leave it out
      const { guild_id: _guildId, ...rest } = channel;
      return rest;
    });
    return {
      id: this.id,
      name: this.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      region: "",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      roles: this.access.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channel.id,
      system_channel_flags: NO_FLAGS,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: this.users.size + 1,
      voice_states: [],
      members: [{ ...this.member(this.bot), user: this.bot }],
      channels,
      threads: [...this.channels.threads.values()],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** `GET /guilds/:id`: the guild as REST returns it (no members, channels or other gateway-only fields). */
  restPayload(): APIGuild {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- destructured only to leave the gateway-only fields out
    const { joined_at, large, unavailable, member_count, voice_states, members, channels, threads, presences, stage_instances, guild_scheduled_events, soundboard_sounds, ...guild } = this.gatewayPayload();
    return guild;
  }
}
