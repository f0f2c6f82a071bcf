import { Redis } from "ioredis";
import type { RedisClient } from "../../src/infra/redis/client.js";
import type { RedisCluster } from "./redis-cluster.js";
import type { RedisServer } from "./redis-server.js";

/** What a service test runs on: one redis-server or a Redis Cluster, each of the test file's own. */
export type TestRedis = RedisServer | RedisCluster;

/** A client of the test's own on `redis`: it survives the outages tests cause, failing fast meanwhile. */
export function testClient(redis: TestRedis): RedisClient {
  const client = "client" in redis ? redis.client() : new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
  client.on("error", () => undefined);
  return client;
}
