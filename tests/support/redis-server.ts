import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "./ports.js";

/**
 * A real redis-server for one test file, on a free port, with AOF (`appendfsync always`) so a
 * SIGKILL and restart keeps every acknowledged write. With TEST_REDIS_URL set, tests that do not
 * need to stop Redis use that server instead, each under its own key prefix.
 */
export interface RedisServer {
  readonly url: string;
  /** Key prefixes unique to this server handle, so files sharing TEST_REDIS_URL do not meet. */
  readonly env: { REDIS_URL: string; REDIS_KEY_PREFIX: string; BULLMQ_PREFIX: string };
  /** SIGKILL, as a crash or an OOM kill would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory (the AOF is replayed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
}

export async function startRedis(options: { controllable?: boolean } = {}): Promise<RedisServer> {
  const external = process.env.TEST_REDIS_URL;
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const env = (url: string) => ({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, BULLMQ_PREFIX: `{${prefix}}` });
  if (external && !options.controllable) {
    return {
      url: external,
      env: env(external),
      kill: () => Promise.reject(new Error("cannot kill TEST_REDIS_URL")),
      restart: () => Promise.reject(new Error("cannot restart TEST_REDIS_URL")),
      stop: async () => undefined,
    };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mock-interview-redis-"));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir, "--loglevel", "warning"],
      { stdio: "ignore" },
    );
    await waitForPong(port);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await launch();
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    env: env(url),
    kill,
    restart: launch,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await sleep(50);
  }
  throw new Error(`redis-server on port ${port} did not start`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
