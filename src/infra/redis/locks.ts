import { randomUUID } from "node:crypto";
import type { RedisClient } from "./client.js";
import type { KeySpace } from "./keys.js";
import type { Peek } from "../../ports/inbox.js";
import type { Lease, ThreadLocks } from "../../ports/lock.js";
import { readPeek } from "./inbox.js";
import { CLAIM, FINISH, RELEASE, RENEW, TRIM } from "./turn-scripts.js";

/**
 * One turn at a time per thread, across processes: a Redis lock with an expiry, renewed while the
 * turn runs, so a process that crashes mid-turn wedges its thread for at most `ttlMs`.
 */
export class RedisThreadLocks implements ThreadLocks {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
  ) {}

  async claim(threadKey: string, max: number): Promise<{ lease: Lease; peek: Peek; replyWaiting: boolean } | null> {
    const token = randomUUID();
    const keys = this.keys;
    const result = await CLAIM.run(this.redis, [keys.inbox(threadKey), keys.lastMessageAt(threadKey), keys.lock(threadKey), keys.outbox(threadKey)], [max, token, this.ttlMs]);
    if (result === null) return null;
    const replyWaiting = Array.isArray(result) && Number(result[3]) === 1;
    return { lease: new RedisLease(this.redis, keys, threadKey, token, this.ttlMs), peek: readPeek(result), replyWaiting };
  }
}

class RedisLease implements Lease {
  /** Set when a renewal found the lock gone: the turn's save will be refused. */
  lost = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    readonly threadKey: string,
    readonly token: string,
    ttlMs: number,
  ) {
    this.heartbeat = setInterval(() => {
      RENEW.run(this.redis, [this.keys.lock(threadKey)], [token, ttlMs]).then(
        (renewed) => {
          if (renewed !== 1) this.lost = true;
        },
        // A failed renewal during a Redis blip is retried at the next beat; the fenced save decides.
        () => undefined,
      );
    }, Math.max(100, Math.floor(ttlMs / 3)));
    this.heartbeat.unref();
  }

  async trim(count: number): Promise<boolean> {
    if (count <= 0) return true;
    return (await TRIM.run(this.redis, [this.keys.lock(this.threadKey), this.keys.inbox(this.threadKey)], [this.token, count])) === 1;
  }

  async finish(max: number): Promise<Peek | null> {
    const keys = this.keys;
    const result = await FINISH.run(this.redis, [keys.inbox(this.threadKey), keys.lastMessageAt(this.threadKey), keys.lock(this.threadKey)], [max, this.token]);
    if (result !== 0) return readPeek(result);
    clearInterval(this.heartbeat);
    return null;
  }

  async release(): Promise<number> {
    clearInterval(this.heartbeat);
    return Number(await RELEASE.run(this.redis, [this.keys.lock(this.threadKey), this.keys.inbox(this.threadKey)], [this.token]));
  }
}
