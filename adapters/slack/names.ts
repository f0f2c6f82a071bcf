import type { webApi } from "@slack/bolt";
import { MENTION_TOKEN, type OutgoingMessage } from "../../src/core/messages/message.js";
import { ExpiringCache } from "../shared/expiring-cache.js";
import { slackUserId } from "./thread-key.js";

/** User key → the name to show for a user named in a message's text. */
export type UserNames = ReadonlyMap<string, string>;

export interface SlackNamesOptions {
  /** How long a looked-up name is reused. @defaultValue 600000 (ten minutes) */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Names for the users a message names in its text (`<@slack:T:U>`, see `mentionOf`). A Slack
 * `<@U…>` in a posted message notifies that user, and only `mentions` may notify, so a named user
 * is shown by their display name (users.info), looked up once in a while. A failed lookup leaves
 * the name out; the renderer then shows the user id.
 */
export class SlackNames {
  private readonly cache: ExpiringCache<string | undefined>;

  constructor(
    private readonly client: webApi.WebClient,
    options: SlackNamesOptions = {},
  ) {
    this.cache = new ExpiringCache(options.cacheMs ?? 600_000, 5_000, options.now);
  }

  async resolve(message: OutgoingMessage): Promise<UserNames> {
    const users = namedUsers(message).filter((key) => key.startsWith("slack:"));
    const found = await Promise.all(users.map(async (key) => [key, await this.name(key)] as const));
    return new Map(found.flatMap(([key, name]) => (name ? [[key, name] as const] : [])));
  }

  /** A user's display name (a user key), looked up as for the users a message names; undefined when Slack would not say. */
  name(key: string): Promise<string | undefined> {
    return this.cache.get(key, () => this.lookUp(key));
  }

  private async lookUp(key: string): Promise<string | undefined> {
    try {
      const { user } = await this.client.users.info({ user: slackUserId(key) });
      return user?.profile?.display_name || user?.real_name || user?.name || undefined;
    } catch {
      this.cache.delete(key);
      return undefined;
    }
  }
}

/** Every user key a message names in its heading, paragraphs or fields. */
export function namedUsers(message: OutgoingMessage): string[] {
  const texts = [message.heading ?? "", ...message.paragraphs, ...(message.fields ?? []).flatMap((field) => [field.label, field.value])];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(MENTION_TOKEN)].map((match) => match[1] ?? "")))].filter(Boolean);
}
