import { missingPermission } from "../../src/features/copy.js";
import type { webApi } from "@slack/bolt";
import { ConfigError, DependencyDownError } from "../../src/core/errors.js";
import type { Directory } from "../../src/ports/directory.js";
import { ExpiringCache } from "../shared/expiring-cache.js";
import { slackErrorCode } from "./error-code.js";
import { parseDestination, parseThreadKey, slackUserId } from "./thread-key.js";

/** Errors meaning "the bot cannot see this channel", so nobody can be shown to be a member. */
const CANNOT_SEE = new Set(["channel_not_found", "not_in_channel", "method_not_supported_for_channel_type"]);

/**
 * An install authorised before team practice lacks the read scopes: that is the operator's to fix,
 * and must not read as "you are not a member" to every reviewer.
 */
export const MISSING_SCOPE_MESSAGE = missingPermission(
  "a Slack permission (channels:read, groups:read or users:read)",
  "Ask a workspace admin to update the app from adapters/slack/manifest.yml and reinstall it.",
);

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
  private readonly members: ExpiringCache<ReadonlySet<string>>;
  private readonly pageSize: number;

  constructor(
    private readonly client: webApi.WebClient,
    options: SlackDirectoryOptions = {},
  ) {
    this.members = new ExpiringCache(options.cacheMs ?? 30_000, 2_000, options.now);
    this.pageSize = options.pageSize ?? 200;
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
      if (slackErrorCode(error) === "missing_scope") throw new ConfigError(MISSING_SCOPE_MESSAGE, { cause: error });
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
    return this.members.get(channel, () => this.fetchMembers(channel));
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
      const code = slackErrorCode(error) ?? "";
      if (CANNOT_SEE.has(code)) return new Set();
      if (code === "missing_scope") throw new ConfigError(MISSING_SCOPE_MESSAGE, { cause: error });
      throw unavailable("who is in this channel", error);
    }
    return users;
  }
}

function unavailable(what: string, cause: unknown): DependencyDownError {
  return new DependencyDownError(`Slack did not tell me ${what} just now, so nothing was done. Try again in a minute.`, { cause });
}
