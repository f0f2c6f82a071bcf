import { Cluster, type Redis } from "ioredis";

/**
 * What every Redis store takes: one node (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES).
 * Stores only send single-slot commands: every multi-key script, transaction and pipeline names
 * keys of one hash tag (see keys.ts), so the same code runs on both.
 */
export type RedisClient = Redis | Cluster;

/** The nodes that hold data: the one node, or every master of the cluster (what a keyspace walk must visit). */
export function masters(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes("master") : [client];
}

/**
 * Every key matching `pattern`, in batches, on every master: SCAN on a cluster client would walk
 * one node only. A batch holds keys of one node, so a multi-key command on it stays single-slot
 * only when the pattern pins a hash tag.
 */
export async function scanEach(client: RedisClient, pattern: string, batch: number, visit: (keys: string[]) => Promise<void>): Promise<void> {
  for (const node of masters(client)) {
    let cursor = "0";
    do {
      const [next, found] = await node.scan(cursor, "MATCH", pattern, "COUNT", batch);
      if (found.length) await visit(found);
      cursor = next;
    } while (cursor !== "0");
  }
}
