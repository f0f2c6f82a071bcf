import { platformSlow } from "../../src/features/copy.js";
import { DiscordAPIError, type REST } from "@discordjs/rest";
import { z } from "zod";
import { DependencyDownError } from "../../src/core/errors.js";
import type { Directory } from "../../src/ports/directory.js";
import { discordUserId, parseThreadKey } from "./thread-key.js";

/**
 * The permission bits the directory reads, as Discord defines them
 * (https://discord.com/developers/docs/topics/permissions), written out so the summary worker's
 * process can check them with @discordjs/rest alone.
 */
export const PERMISSIONS = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  ManageThreads: 1n << 34n,
} as const;
const ALL = (1n << 64n) - 1n;

const PRIVATE_THREAD = 12;
const THREAD_TYPES = new Set([10, 11, PRIVATE_THREAD]);

const OverwriteSchema = z.looseObject({ id: z.string(), type: z.number(), allow: z.string(), deny: z.string() });
const ChannelSchema = z.looseObject({
  id: z.string(),
  type: z.number(),
  guild_id: z.string().optional(),
  parent_id: z.string().nullish(),
  permission_overwrites: z.array(OverwriteSchema).optional(),
});
const GuildSchema = z.looseObject({ id: z.string(), owner_id: z.string(), roles: z.array(z.looseObject({ id: z.string(), permissions: z.string() })) });
const MemberSchema = z.looseObject({ roles: z.array(z.string()) });

type Channel = z.infer<typeof ChannelSchema>;
type Guild = z.infer<typeof GuildSchema>;
type Member = z.infer<typeof MemberSchema>;

/**
 * Who may read a thread and who administers a server, asked of Discord's REST API on every check
 * (never trusted from a button or form): a member can read a thread when they can View Channel on
 * its parent channel, computed as Discord does from the server's roles and the channel's
 * overwrites, and, for a private thread, when they were added to it or can Manage Threads. Server
 * owners, Administrators and Manage Server holders are admins.
 */
export class DiscordDirectory implements Directory {
  constructor(private readonly rest: REST) {}

  async canRead(threadKey: string, userKey: string): Promise<boolean> {
    const { guild: guildId, thread: threadId } = parseThreadKey(threadKey);
    const user = discordUserId(userKey);
    const thread = await this.fetch(`/channels/${threadId}`, ChannelSchema);
    if (!thread || thread.guild_id !== guildId) return false;
    const parentId = THREAD_TYPES.has(thread.type) ? thread.parent_id : undefined;
    const [guild, member, parent] = await Promise.all([this.guild(guildId), this.member(guildId, user), parentId ? this.fetch(`/channels/${parentId}`, ChannelSchema) : Promise.resolve(thread)]);
    if (!guild || !member || !parent) return false;
    const permissions = channelPermissions(guild, user, member, parent);
    if (!(permissions & PERMISSIONS.ViewChannel)) return false;
    if (thread.type !== PRIVATE_THREAD || permissions & PERMISSIONS.ManageThreads) return true;
    return (await this.fetch(`/channels/${threadId}/thread-members/${user}`, z.looseObject({}))) !== undefined;
  }

  async isAdmin(channelKey: string, userKey: string): Promise<boolean> {
    const { guild: guildId } = parseThreadKey(channelKey);
    const user = discordUserId(userKey);
    const [guild, member] = await Promise.all([this.guild(guildId), this.member(guildId, user)]);
    if (!guild || !member) return false;
    const permissions = basePermissions(guild, user, member);
    return Boolean(permissions & (PERMISSIONS.Administrator | PERMISSIONS.ManageGuild));
  }

  async threadLink(threadKey: string): Promise<string> {
    const { guild, thread } = parseThreadKey(threadKey);
    return `https://discord.com/channels/${guild}/${thread}`;
  }

  private guild(id: string): Promise<Guild | undefined> {
    return this.fetch(`/guilds/${id}`, GuildSchema);
  }

  private member(guild: string, user: string): Promise<Member | undefined> {
    return this.fetch(`/guilds/${guild}/members/${user}`, MemberSchema);
  }

  /** The resource, or undefined when Discord says it does not exist or the bot may not see it. */
  private async fetch<Schema extends z.ZodType>(route: `/${string}`, schema: Schema): Promise<z.infer<Schema> | undefined> {
    try {
      return schema.parse(await this.rest.get(route));
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.status === 404 || error.status === 403)) return undefined;
      throw new DependencyDownError(platformSlow({ title: "Discord" }), { cause: error });
    }
  }
}

/** The member's server-wide permissions: @everyone and their roles; everything for the owner and Administrators. */
export function basePermissions(guild: Guild, user: string, member: Member): bigint {
  if (guild.owner_id === user) return ALL;
  const roles = new Map(guild.roles.map((role) => [role.id, BigInt(role.permissions)]));
  let permissions = roles.get(guild.id) ?? 0n;
  for (const role of member.roles) permissions |= roles.get(role) ?? 0n;
  return permissions & PERMISSIONS.Administrator ? ALL : permissions;
}

/** Discord's order: base, then the @everyone overwrite, then the member's roles' overwrites together, then the member's own. */
export function channelPermissions(guild: Guild, user: string, member: Member, channel: Channel): bigint {
  let permissions = basePermissions(guild, user, member);
  if (permissions === ALL) return ALL;
  const overwrites = channel.permission_overwrites ?? [];
  const apply = (allow: bigint, deny: bigint) => (permissions = (permissions & ~deny) | allow);
  const everyone = overwrites.find((overwrite) => overwrite.id === guild.id);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  const roles = new Set(member.roles);
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== 0 || overwrite.id === guild.id || !roles.has(overwrite.id)) continue;
    allow |= BigInt(overwrite.allow);
    deny |= BigInt(overwrite.deny);
  }
  apply(allow, deny);
  const own = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === user);
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions;
}
