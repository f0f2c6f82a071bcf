import type { RedisClient } from "./client.js";
import type { Placeholders } from "../../ports/placeholders.js";
import type { KeySpace } from "./keys.js";
import { LuaScript } from "./script.js";

/** Longest a placeholder waits to be replaced; past it the reply is posted as a new message. */
const PLACEHOLDER_TTL_MS = 120_000;
/** A claimed placeholder not shown yet. Empty, so that every reader (the turn's commit script too) sees no reference in it. */
const PENDING = "";

/**
 * KEYS: the placeholder. ARGV: the new value ("" deletes), TTL. Changes it only while it is still
 * pending: a placeholder posted late must not undo a streamed reply's takeover of the thread.
 */
const WHILE_PENDING = new LuaScript(
  "placeholder-while-pending",
  `if redis.call('GET', KEYS[1]) ~= '' then return 0 end
if ARGV[1] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`,
  1,
);

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

  async shown(threadKey: string, ref: string): Promise<void> {
    await WHILE_PENDING.run(this.redis, [this.keys.placeholder(threadKey)], [ref, PLACEHOLDER_TTL_MS]);
  }

  async abandon(threadKey: string): Promise<void> {
    await WHILE_PENDING.run(this.redis, [this.keys.placeholder(threadKey)], [PENDING, PLACEHOLDER_TTL_MS]);
  }

  async showing(threadKey: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.placeholder(threadKey))) || undefined;
  }

  async takeOver(threadKey: string, ref: string): Promise<void> {
    await this.redis.set(this.keys.placeholder(threadKey), ref, "PX", PLACEHOLDER_TTL_MS);
  }
}
