import { Cluster, Redis } from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import type { ClusterNodeAddress } from "../../config/cluster-nodes.js";
import { DependencyDownError } from "../../core/errors.js";
import { redactUrl, type Logger } from "../../ops/logger.js";
import type { RedisClient } from "./client.js";

/** Reconnect quickly at first, then every two seconds, forever: an outage ends when Redis is back. */
const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2_000);

/**
 * The connection bots use for sessions, the inbox and enqueueing. Without an offline queue, a
 * command during an outage fails at once, so the user hears "try again shortly" without waiting.
 */
const DATA_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 3_000,
  commandTimeout: 5_000,
  retryStrategy,
} as const;

/** BullMQ workers block on Redis and must wait out an outage rather than fail: `maxRetriesPerRequest: null`. */
const WORKER_OPTIONS = {
  maxRetriesPerRequest: null,
  connectTimeout: 3_000,
  retryStrategy,
} as const;

/** A Redis (or every seed node of a cluster) that never answers fails start-up within this. */
const START_TIMEOUT_MS = 10_000;

export type ConnectionRole = "data" | "worker";

/** Where Redis is: one node by URL, or a cluster by some of its nodes (REDIS_CLUSTER_NODES, with REDIS_USERNAME/PASSWORD/TLS). */
export type RedisTarget = { url: string } | { nodes: readonly ClusterNodeAddress[]; username?: string | undefined; password?: string | undefined; tls: boolean };

/** The target the configuration names, or null when it names none. */
export function redisTarget(config: { REDIS_URL?: string | undefined; REDIS_CLUSTER_NODES?: ClusterNodeAddress[] | undefined; REDIS_USERNAME?: string | undefined; REDIS_PASSWORD?: string | undefined; REDIS_TLS: boolean }): RedisTarget | null {
  if (config.REDIS_CLUSTER_NODES) return { nodes: config.REDIS_CLUSTER_NODES, username: config.REDIS_USERNAME, password: config.REDIS_PASSWORD, tls: config.REDIS_TLS };
  return config.REDIS_URL ? { url: config.REDIS_URL } : null;
}

/**
 * Connects and waits until Redis answers; an unreachable Redis at start-up is one clear line
 * naming the variable (no retries in the background). Afterwards outages are logged once each
 * way, and ioredis reconnects by itself (on a cluster it also follows a failover to the promoted replica).
 */
export async function connectRedis(target: RedisTarget, role: ConnectionRole, logger: Logger): Promise<RedisClient> {
  const client = "url" in target ? new Redis(target.url, { ...roleOptions(role), lazyConnect: true }) : new Cluster([...target.nodes], clusterOptions(target, role));
  let firstError: Error | undefined;
  client.on("error", (error: Error) => {
    firstError ??= error;
  });
  // A cluster reports each node's own failure (refused, wrong password, not a cluster) here, and only "Failed to refresh slots cache." as its error.
  let nodeError: Error | undefined;
  client.on("node error", (error: Error) => {
    nodeError ??= error;
  });
  try {
    const timeout = sleep(START_TIMEOUT_MS, undefined, { ref: false }).then(() => {
      throw new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`);
    });
    await Promise.race([client.connect(), timeout]);
    await Promise.race([client.ping(), timeout]);
  } catch (error) {
    client.disconnect();
    const reason = nodeError ?? firstError ?? (error instanceof Error ? error : new Error(String(error)));
    throw new DependencyDownError(unreachable(target, "nodes" in target && reason.message === CLOSED ? await probe(target) : reason), { cause: error });
  }
  watch(client, role, logger);
  return client;
}

function roleOptions(role: ConnectionRole) {
  return { ...(role === "data" ? DATA_OPTIONS : WORKER_OPTIONS), connectionName: `mock-interview-${role}` };
}

function clusterOptions(target: Extract<RedisTarget, { nodes: unknown }>, role: ConnectionRole) {
  // The cluster client owns reconnecting and the offline queue; node connections carry the rest.
  const { connectionName, maxRetriesPerRequest, connectTimeout } = roleOptions(role);
  const perNode = { connectionName, maxRetriesPerRequest, connectTimeout, ...(role === "data" ? { commandTimeout: DATA_OPTIONS.commandTimeout } : {}) };
  return {
    lazyConnect: true,
    // Replicas lag behind: reading one could miss the turn just committed.
    scaleReads: "master" as const,
    enableOfflineQueue: role === "worker",
    clusterRetryStrategy: retryStrategy,
    // TLS certificates of managed clusters name hosts, not addresses: connect by the name given.
    ...(target.tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
    redisOptions: {
      ...perNode,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
}

/** What ioredis says of a cluster node it could not connect to, whatever the cause. */
const CLOSED = "Connection is closed.";

/** Why the first seed node refuses, asked over a plain connection (the cluster client only says CLOSED). */
async function probe(target: Extract<RedisTarget, { nodes: unknown }>): Promise<Error> {
  const [node] = target.nodes;
  if (!node) return new Error("no nodes given");
  const plain = new Redis({ ...node, username: target.username, password: target.password, tls: target.tls ? {} : undefined, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3_000 });
  let failure: Error = new Error(CLOSED);
  plain.on("error", (error: Error) => (failure = error));
  try {
    await plain.connect();
    await plain.call("CLUSTER", "INFO");
  } catch (error) {
    if (failure.message === CLOSED && error instanceof Error) failure = error;
  } finally {
    plain.disconnect();
  }
  return failure;
}

function unreachable(target: RedisTarget, error: Error): string {
  if ("url" in target) return `REDIS_URL: cannot reach Redis at ${redactUrl(target.url)} (${error.message})`;
  return `REDIS_CLUSTER_NODES: cannot reach a Redis Cluster at ${target.nodes.map((node) => `${node.host}:${node.port}`).join(",")} (${error.message})`;
}

function watch(client: RedisClient, role: ConnectionRole, logger: Logger): void {
  let down = false;
  client.removeAllListeners("error");
  // Without a listener an 'error' event would end the process; each retry's error is only worth debug.
  client.on("error", (error: Error) => logger.debug({ connection: role, err: error.message }, "redis error"));
  client.on("close", () => {
    if (down) return;
    down = true;
    logger.warn({ connection: role }, "redis connection lost; reconnecting");
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info({ connection: role }, "redis connection restored");
  });
}
