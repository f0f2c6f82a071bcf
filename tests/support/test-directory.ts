import type { Directory } from "../../src/ports/directory.js";

/**
 * The test platform's directory (keys `test:…`): who can read which channel and who is an admin,
 * as a workspace would answer. A channel is a thread key's first three segments (`test:T:C`).
 */
export class TestDirectory implements Directory {
  /** Channel key → members. A channel not listed here has every user as a member. */
  readonly members = new Map<string, Set<string>>();
  readonly admins = new Set<string>();
  readonly asked: Array<{ question: "canRead" | "isAdmin"; key: string; user: string }> = [];

  /** Makes `channelKey` a channel with exactly these members. */
  channel(channelKey: string, ...users: string[]): this {
    this.members.set(channelKey, new Set(users));
    return this;
  }

  async canRead(threadKey: string, userKey: string): Promise<boolean> {
    this.asked.push({ question: "canRead", key: threadKey, user: userKey });
    const members = this.members.get(channelOf(threadKey));
    return members ? members.has(userKey) : true;
  }

  async isAdmin(channelKey: string, userKey: string): Promise<boolean> {
    this.asked.push({ question: "isAdmin", key: channelKey, user: userKey });
    return this.admins.has(userKey);
  }

  async threadLink(threadKey: string): Promise<string> {
    return `https://chat.test/${threadKey.split(":").slice(1).join("/")}`;
  }
}

function channelOf(key: string): string {
  return key.split(":").slice(0, 3).join(":");
}
