/**
 * Discord lets an app answer an interaction with follow-ups for 15 minutes after it arrives; we stop
 * using a token at 14 so a follow-up sent at the edge (plus a rate-limit wait) still lands.
 */
export const INTERACTION_TOKEN_TTL_MS = 14 * 60_000;

/** Threads times users remembered at once; a busy bot forgets the oldest first. */
const LIMIT = 10_000;

/**
 * The latest button interaction token per (thread, user), in this process's memory. The poster uses
 * it to show a `visibleTo` message (a refusal to a teammate who pressed the candidate's button) as an
 * ephemeral follow-up, which only an interaction token can send. Losing it (a restart, another
 * process answering) only means the message is posted in the thread instead, mentioning the user.
 */
export class InteractionTokens {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = INTERACTION_TOKEN_TTL_MS,
  ) {}

  remember(threadKey: string, userKey: string, token: string): void {
    const key = entryKey(threadKey, userKey);
    // Re-inserting moves the entry to the end, so the map stays in order of last use.
    this.tokens.delete(key);
    this.tokens.set(key, { token, expiresAt: this.now() + this.ttlMs });
    this.prune();
  }

  /** The token to answer this user in this thread with, while it is still good. */
  get(threadKey: string, userKey: string): string | undefined {
    const key = entryKey(threadKey, userKey);
    const entry = this.tokens.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.token;
    this.tokens.delete(key);
    return undefined;
  }

  /** Forgets a token Discord refused (expired early, or the interaction was never acknowledged). */
  forget(threadKey: string, userKey: string, token: string): void {
    const key = entryKey(threadKey, userKey);
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  get size(): number {
    return this.tokens.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.tokens) {
      // Oldest first: stop at the first entry that is both fresh and within the limit.
      if (entry.expiresAt > now && this.tokens.size <= LIMIT) break;
      this.tokens.delete(key);
    }
  }
}

function entryKey(threadKey: string, userKey: string): string {
  return `${threadKey}\n${userKey}`;
}
