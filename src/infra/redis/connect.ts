import { Redis } from "ioredis";
import { DependencyDownError } from "../../core/errors.js";
import { redactUrl, type Logger } from "../../ops/logger.js";

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

export type ConnectionRole = "data" | "worker";

/**
 * Connects and waits until Redis answers; an unreachable Redis at start-up is one clear line
 * (no retries in the background). Afterwards outages are logged once each way, and ioredis
 * reconnects by itself.
 */
export async function connectRedis(url: string, role: ConnectionRole, logger: Logger): Promise<Redis> {
  const client = new Redis(url, { ...(role === "data" ? DATA_OPTIONS : WORKER_OPTIONS), lazyConnect: true, connectionName: `mock-interview-${role}` });
  let firstError: Error | undefined;
  client.on("error", (error: Error) => {
    firstError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    const reason = (firstError ?? (error instanceof Error ? error : new Error(String(error)))).message;
    throw new DependencyDownError(`REDIS_URL: cannot reach Redis at ${redactUrl(url)} (${reason})`, { cause: error });
  }
  watch(client, role, logger);
  return client;
}

function watch(client: Redis, role: ConnectionRole, logger: Logger): void {
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
