import type { RedisClient } from "./client.js";
import type { Placeholders } from "../../ports/placeholders.js";
import type { KeySpace } from "./keys.js";

/** Longest a placeholder waits to be replaced; past it the reply is posted as a new message. */
const PLACEHOLDER_TTL_MS = 120_000;
/** A claimed placeholder not shown yet. Empty, so that every reader (the turn's commit script too) sees no reference in it. */
const PENDING = "";

/**
 * The "thinking…" message shown while a reply is being written, tracked in Redis so that whichever
 * process answers the turn replaces it, not only the one that received the message. The turn's
 * commit takes it (COMMIT_TURN), so the reply and the placeholder it replaces are kept together.
 */
export class RedisPlaceholders implements Placeholders {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  /** True for the first caller of a burst: that one shows the placeholder. */
  async claim(threadKey: string): Promise<boolean> {
    return (await this.redis.set(this.keys.placeholder(threadKey), PENDING, "PX", PLACEHOLDER_TTL_MS, "NX")) === "OK";
  }

  /** Records the shown placeholder, unless a reply already took the claim. */
  async shown(threadKey: string, ref: string): Promise<void> {
    await this.redis.set(this.keys.placeholder(threadKey), ref, "PX", PLACEHOLDER_TTL_MS, "XX");
  }

  async abandon(threadKey: string): Promise<void> {
    await this.redis.del(this.keys.placeholder(threadKey));
  }
}
