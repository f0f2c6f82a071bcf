/**
 * Who is where in the fake workspace: channel members (as conversations.members pages them), admins
 * and owners (as users.info reports them), and the bot's direct-message channels.
 */
export class FakeWorkspace {
  /** Channel id → member user ids, in the order Slack would list them. A channel not set here is one the bot cannot see. */
  readonly members = new Map<string, string[]>();
  readonly admins = new Set<string>();
  readonly owners = new Set<string>();
  /** User id → display name; users not named here are called by their id in lower case. */
  readonly names = new Map<string, string>();

  constructor(
    private readonly teamId: string,
    private readonly botUserId: string,
  ) {}

  /** The channel's members; the bot is always one of them. */
  channel(id: string, users: readonly string[]): void {
    this.members.set(id, [...new Set([this.botUserId, ...users])]);
  }

  /** The DM channel between the bot and a user: one per user, as conversations.open returns it. */
  dmChannel(user: string): string {
    return `D${user.replace(/^[UW]/, "")}`;
  }

  /** conversations.members: `limit` members per page (Slack's default 100), an opaque cursor to the next. */
  conversationsMembers(body: Record<string, unknown>): Record<string, unknown> {
    const members = this.members.get(String(body.channel));
    if (!members) return { ok: false, error: "channel_not_found" };
    const limit = Math.min(Number(body.limit ?? 100) || 100, 1_000);
    const offset = typeof body.cursor === "string" && body.cursor ? decodeCursor(body.cursor) : 0;
    if (offset === undefined) return { ok: false, error: "invalid_cursor" };
    const page = members.slice(offset, offset + limit);
    const next = offset + limit < members.length ? encodeCursor(offset + limit) : "";
    return { ok: true, members: page, response_metadata: { next_cursor: next } };
  }

  usersInfo(body: Record<string, unknown>): Record<string, unknown> {
    const id = String(body.user ?? "");
    if (!/^[UW][A-Z0-9]+$/.test(id)) return { ok: false, error: "user_not_found" };
    const owner = this.owners.has(id);
    const name = this.names.get(id) ?? id.toLowerCase();
    return {
      ok: true,
      user: {
        id,
        team_id: this.teamId,
        name,
        real_name: name,
        deleted: false,
        is_bot: false,
        is_admin: this.admins.has(id) || owner,
        is_owner: owner,
        is_primary_owner: false,
        profile: { display_name: name, real_name: name },
      },
    };
  }

  conversationsOpen(body: Record<string, unknown>): Record<string, unknown> {
    const users = String(body.users ?? "").split(",").filter(Boolean);
    const [user] = users;
    if (!user) return { ok: false, error: "users_list_not_supplied" };
    if (users.length > 1) return { ok: false, error: "not_enough_users" };
    return { ok: true, channel: { id: this.dmChannel(user), is_im: true, user } };
  }

  /** chat.postEphemeral reaches members only: Slack answers user_not_in_channel otherwise. */
  canSeeEphemeral(channel: string, user: string): boolean {
    const members = this.members.get(channel);
    return !members || members.includes(user);
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64");
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}
