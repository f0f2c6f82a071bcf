import { createHash } from "node:crypto";
import type { RedisClient } from "./client.js";

/**
 * A Lua script run by its SHA, loaded on first use and again after a Redis restart (NOSCRIPT).
 * Every key a script touches is passed in KEYS, as Redis Cluster requires.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(
    readonly name: string,
    private readonly source: string,
    private readonly keyCount: number,
  ) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }

  async run(redis: RedisClient, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    if (keys.length !== this.keyCount) throw new Error(`${this.name} takes ${this.keyCount} keys, got ${keys.length}`);
    try {
      return await redis.evalsha(this.sha, this.keyCount, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return redis.eval(this.source, this.keyCount, ...keys, ...args);
    }
  }
}
