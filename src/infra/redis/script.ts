import { createHash } from "node:crypto";
import type { RedisClient } from "./client.js";

/**
 * How many replicas must have a write before it counts as taken (REDIS_REPLICA_ACKS), and how
 * long to wait for them (REDIS_REPLICA_ACK_TIMEOUT_MS). Replication is asynchronous: a master that
 * dies right after answering can take its last writes with it, unless a replica had them.
 */
export interface ReplicaAcks {
  replicas: number;
  timeoutMs: number;
}

/**
 * A Lua script run by its SHA, loaded on first use and again after a Redis restart or a failover
 * (NOSCRIPT: a promoted replica has an empty script cache). Every key a script touches is passed
 * in KEYS, as Redis Cluster requires.
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

  /**
   * Runs the script; with `acks`, answers only once that many replicas have its writes or the
   * timeout passed. WAIT goes in the same pipeline, so on a cluster it reaches the master that ran
   * the script (a pipeline goes to one node: the one serving its keys' slot).
   */
  async run(redis: RedisClient, keys: readonly string[], args: ReadonlyArray<string | number>, acks?: ReplicaAcks): Promise<unknown> {
    if (keys.length !== this.keyCount) throw new Error(`${this.name} takes ${this.keyCount} keys, got ${keys.length}`);
    if (!acks?.replicas) return this.runOnce(redis, keys, args);
    const sent = (script: "evalsha" | "eval") => {
      const pipeline = redis.pipeline();
      if (script === "evalsha") pipeline.evalsha(this.sha, this.keyCount, ...keys, ...args);
      else pipeline.eval(this.source, this.keyCount, ...keys, ...args);
      return pipeline.wait(acks.replicas, acks.timeoutMs).exec();
    };
    let [result] = (await sent("evalsha")) ?? [];
    if (result?.[0] instanceof Error && result[0].message.startsWith("NOSCRIPT")) [result] = (await sent("eval")) ?? [];
    if (!result) throw new Error(`${this.name}: no reply`);
    if (result[0]) throw result[0];
    return result[1];
  }

  private async runOnce(redis: RedisClient, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, this.keyCount, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return redis.eval(this.source, this.keyCount, ...keys, ...args);
    }
  }
}
