import type { webApi } from "@slack/bolt";
import { DependencyDownError } from "../../src/errors.js";
import type { Directory } from "../../src/team/directory.js";
import { slackErrorCode } from "./replies.js";
import { parseDestination, parseThreadKey, slackUserId } from "./thread-key.js";

/** Errors meaning "the bot cannot see this channel", so nobody can be shown to be a member. */
const CANNOT_SEE = new Set(["channel_not_found", "not_in_channel", "missing_scope", "method_not_supported_for_channel_type"]);

export interface SlackDirectoryOptions {
  /** How long a channel's member list is reused before asking Slack again. @defaultValue 30000 */
  cacheMs?: number;
  /** Members asked for per conversations.members page (Slack recommends at most 200). @defaultValue 200 */
  pageSize?: number;
  now?: () => number;
}

/**
 * Membership, admins and links from the Slack Web API: conversations.members (every page),
 * users.info (`is_admin` or `is_owner`) and chat.getPermalink. A channel's member list is kept for
 * a few seconds, so a burst of checks in one channel costs one walk through its pages.
 */
export class SlackDirectory implements Directory {
  private readonly members = new Map<string, { at: number; users: Promise<ReadonlySet<string>> }>();
  private readonly cacheMs: number;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(
    private readonly client: webApi.WebClient,
    options: SlackDirectoryOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 30_000;
    this.pageSize = options.pageSize ?? 200;
    this.now = options.now ?? Date.now;
  }

  async canRead(threadKey: string, userKey: string): Promise<boolean> {
    const { channel } = parseDestination(threadKey);
    const members = await this.membersOf(channel);
    return members.has(slackUserId(userKey));
  }

  async isAdmin(_channelKey: string, userKey: string): Promise<boolean> {
    try {
      const { user } = await this.client.users.info({ user: slackUserId(userKey) });
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      if (slackErrorCode(error) === "user_not_found") return false;
      throw unavailable("who administers this workspace", error);
    }
  }

  async threadLink(threadKey: string): Promise<string> {
    const { channel, threadTs } = parseThreadKey(threadKey);
    try {
      const { permalink } = await this.client.chat.getPermalink({ channel, message_ts: threadTs });
      if (!permalink) throw new Error("chat.getPermalink returned no permalink");
      return permalink;
    } catch (error) {
      throw unavailable("a link to the thread", error);
    }
  }

  private membersOf(channel: string): Promise<ReadonlySet<string>> {
    const cached = this.members.get(channel);
    if (cached && this.now() - cached.at < this.cacheMs) return cached.users;
    const users = this.fetchMembers(channel);
    this.members.set(channel, { at: this.now(), users });
    // A failed walk is not kept: the next check asks again.
    users.catch(() => {
      if (this.members.get(channel)?.users === users) this.members.delete(channel);
    });
    return users;
  }

  private async fetchMembers(channel: string): Promise<ReadonlySet<string>> {
    const users = new Set<string>();
    let cursor: string | undefined;
    try {
      do {
        const page = await this.client.conversations.members({ channel, limit: this.pageSize, ...(cursor ? { cursor } : {}) });
        for (const member of page.members ?? []) users.add(member);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (error) {
      if (CANNOT_SEE.has(slackErrorCode(error) ?? "")) return new Set();
      throw unavailable("who is in this channel", error);
    }
    return users;
  }
}

function unavailable(what: string, cause: unknown): DependencyDownError {
  return new DependencyDownError(`Slack did not tell me ${what} just now, so nothing was done. Try again in a minute.`, { cause });
}
