import { OverwriteType, PermissionFlagsBits, type APIOverwrite, type APIRole } from "discord.js";

/** Every permission bit, as Discord grants the owner and Administrators. */
const ALL = (1n << 64n) - 1n;
const NO_FLAGS: number = 0;

/**
 * The fake guild's roles and who holds them, and channel overwrites: enough for the permission
 * checks a bot makes (View Channel on a channel, Administrator or Manage Server in the guild),
 * computed as Discord documents it (base from @everyone and roles, then the @everyone overwrite,
 * the roles' overwrites together, the member's own). Members who left answer Unknown Member.
 */
export class FakeGuildAccess {
  private readonly roleList: APIRole[] = [];
  private readonly memberRoles = new Map<string, Set<string>>();
  private readonly departed = new Set<string>();

  constructor(
    readonly guildId: string,
    readonly ownerId: string,
    everyonePermissions: bigint,
    private readonly newId: () => string,
  ) {
    this.roleList.push(role(guildId, "@everyone", everyonePermissions, 0));
  }

  get roles(): APIRole[] {
    return this.roleList;
  }

  /** A role with these permissions (above the others); `tags` mark a bot's managed role. */
  addRole(name: string, permissions: bigint, options: { id?: string; botId?: string } = {}): APIRole {
    const added = role(options.id ?? this.newId(), name, permissions, this.roleList.length, options.botId);
    this.roleList.push(added);
    return added;
  }

  assign(userId: string, roleId: string): void {
    const roles = this.memberRoles.get(userId) ?? new Set<string>();
    roles.add(roleId);
    this.memberRoles.set(userId, roles);
  }

  /** The member left the guild: REST answers Unknown Member for them from now on. */
  leave(userId: string): void {
    this.departed.add(userId);
  }

  isMember(userId: string): boolean {
    return !this.departed.has(userId);
  }

  rolesOf(userId: string): string[] {
    return [...(this.memberRoles.get(userId) ?? [])];
  }

  basePermissions(userId: string): bigint {
    if (userId === this.ownerId) return ALL;
    const held = new Set([this.guildId, ...this.rolesOf(userId)]);
    const permissions = this.roleList.filter((entry) => held.has(entry.id)).reduce((all, entry) => all | BigInt(entry.permissions), 0n);
    return permissions & PermissionFlagsBits.Administrator ? ALL : permissions;
  }

  permissionsIn(channel: { permission_overwrites?: APIOverwrite[] | undefined }, userId: string): bigint {
    let permissions = this.basePermissions(userId);
    if (permissions === ALL) return ALL;
    const overwrites = channel.permission_overwrites ?? [];
    const apply = (allow: bigint, deny: bigint) => (permissions = (permissions & ~deny) | allow);
    const everyone = overwrites.find((overwrite) => overwrite.id === this.guildId);
    if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
    const held = new Set(this.rolesOf(userId));
    const roleOverwrites = overwrites.filter((overwrite) => overwrite.type === OverwriteType.Role && overwrite.id !== this.guildId && held.has(overwrite.id));
    apply(roleOverwrites.reduce((all, overwrite) => all | BigInt(overwrite.allow), 0n), roleOverwrites.reduce((all, overwrite) => all | BigInt(overwrite.deny), 0n));
    const own = overwrites.find((overwrite) => overwrite.type === OverwriteType.Member && overwrite.id === userId);
    if (own) apply(BigInt(own.allow), BigInt(own.deny));
    return permissions;
  }

  /** Overwrites for a channel only `userIds` (and the bot's role) can see. */
  privateOverwrites(botRoleId: string, userIds: string[]): APIOverwrite[] {
    const view = String(PermissionFlagsBits.ViewChannel);
    return [
      { id: this.guildId, type: OverwriteType.Role, allow: "0", deny: view },
      { id: botRoleId, type: OverwriteType.Role, allow: view, deny: "0" },
      ...userIds.map((id) => ({ id, type: OverwriteType.Member, allow: view, deny: "0" })),
    ];
  }
}

function role(id: string, name: string, permissions: bigint, position: number, botId?: string): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: String(permissions),
    managed: botId !== undefined,
    mentionable: false,
    flags: NO_FLAGS,
    ...(botId ? { tags: { bot_id: botId } } : {}),
  };
}
