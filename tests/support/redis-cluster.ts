import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Cluster, Redis } from "ioredis";

/**
 * A real Redis Cluster for one test file: three masters and three replicas of the machine's
 * redis-server on free ports, joined by `redis-cli --cluster create`. A low node timeout keeps a
 * failover (a master SIGKILLed, its replica promoted) to a couple of seconds.
 */
export interface RedisCluster {
  /** Every node's port, masters and replicas. */
  readonly ports: readonly number[];
  /** What the service needs to run on it, with key prefixes of this handle's own. */
  readonly env: { REDIS_CLUSTER_NODES: string; REDIS_KEY_PREFIX: string; BULLMQ_PREFIX: string };
  /** A cluster client for the test's own reads and writes. */
  client(): Cluster;
  /** The ports of the master serving `key`'s slot and of its replica (none once a failover used it up). */
  shardOf(key: string): Promise<{ master: number; replica: number | undefined }>;
  /** SIGKILLs one node, as a crash or an OOM kill would. */
  kill(port: number): Promise<void>;
  /** Resolves once `port` is a master in every live node's view and the cluster is whole again; the time it took from `since`. */
  waitForMaster(port: number, since: number): Promise<number>;
  stop(): Promise<void>;
}

/** Milliseconds before a silent node is thought failed: low, so a test's failover is quick. */
const NODE_TIMEOUT_MS = 1_000;
const NODES = 6;
const START_TIMEOUT_MS = 30_000;

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "mock-interview-cluster-"));
  const ports = await clusterPorts(NODES);
  const children = new Map<number, ChildProcess>();
  for (const port of ports) {
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir);
    const args = [
      "--port", String(port), "--bind", "127.0.0.1", "--dir", nodeDir, "--save", "", "--appendonly", "yes", "--appendfsync", "always",
      "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String(NODE_TIMEOUT_MS),
      // A replica takes over however long its link was down: the test kills masters on purpose.
      "--cluster-replica-validity-factor", "0", "--loglevel", "warning",
      // Replicas sync at once rather than after the default 5 s wait for more replicas.
      "--repl-diskless-sync-delay", "0",
      // A replica is listed in CLUSTER SLOTS once its offset is non-zero, which waits for the master's first ping (default every 10 s).
      "--repl-ping-replica-period", "1",
    ];
    children.set(port, spawn("redis-server", args, { stdio: "ignore" }));
  }
  const kill = async (port: number) => {
    const child = children.get(port);
    children.delete(port);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  const stop = async () => {
    for (const port of [...children.keys()]) await kill(port);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await until(async () => (await Promise.all(ports.map((port) => command(port, "PING").catch(() => "")))).every((reply) => reply === "PONG"), "the nodes to start");
    const created = spawnSync("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "1", "--cluster-yes"], { encoding: "utf8", timeout: START_TIMEOUT_MS });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    await until(() => whole(ports), "the cluster to be whole");
  } catch (error) {
    await stop();
    throw error;
  }
  const prefix = `t${randomUUID().slice(0, 8)}`;
  return {
    ports,
    env: { REDIS_CLUSTER_NODES: ports.slice(0, 3).map((port) => `127.0.0.1:${port}`).join(","), REDIS_KEY_PREFIX: prefix, BULLMQ_PREFIX: `{${prefix}}` },
    client: () => new Cluster(ports.map((port) => ({ host: "127.0.0.1", port })), { scaleReads: "master" }),
    shardOf: async (key) => {
      const live = [...children.keys()];
      const slot = Number(await command(live[0] ?? 0, "CLUSTER", "KEYSLOT", key));
      const shard = (await slots(live[0] ?? 0)).find((range) => range.from <= slot && slot <= range.to);
      const [master, replica] = shard?.ports ?? [];
      if (master === undefined) throw new Error(`no master serves slot ${slot}`);
      return { master, replica };
    },
    kill,
    waitForMaster: async (port, since) => {
      await until(async () => {
        const live = [...children.keys()];
        const views = await Promise.all(live.map(async (node) => ({ state: await info(node), ranges: await slots(node) })));
        return views.every((view) => view.state.cluster_state === "ok" && view.ranges.some((range) => range.ports[0] === port));
      }, `node ${port} to take over as master`);
      return Date.now() - since;
    },
    stop,
  };
}

/** All nodes agree: state ok, every slot assigned, six nodes known, three replicas in sync and known as each shard's replica. */
async function whole(ports: readonly number[]): Promise<boolean> {
  const views = await Promise.all(ports.map(async (port) => ({ cluster: await info(port), replication: await info(port, ["INFO", "replication"]), ranges: await slots(port) })));
  const replicasInSync = views.filter((view) => view.replication.role === "slave" && view.replication.master_link_status === "up").length;
  // CLUSTER SLOTS names a replica only once gossip has told the node its offset: the last thing to settle.
  const shardsSeen = (view: (typeof views)[number]) => view.ranges.length === NODES / 2 && view.ranges.every((range) => range.ports.length === 2);
  return replicasInSync === NODES / 2 && views.every((view) => view.cluster.cluster_state === "ok" && view.cluster.cluster_slots_ok === "16384" && view.cluster.cluster_known_nodes === String(NODES) && shardsSeen(view));
}

/** `CLUSTER INFO` (or another INFO-style reply) as fields. */
async function info(port: number, words: [string, ...string[]] = ["CLUSTER", "INFO"]): Promise<Record<string, string>> {
  const text = String(await command(port, ...words).catch(() => ""));
  return Object.fromEntries(text.split(/\r?\n/).flatMap((line) => (line.includes(":") ? [line.split(":", 2) as [string, string]] : [])));
}

/** `CLUSTER SLOTS` as ranges with their nodes' ports, master first. */
async function slots(port: number): Promise<Array<{ from: number; to: number; ports: number[] }>> {
  const reply = (await command(port, "CLUSTER", "SLOTS").catch(() => [])) as unknown[];
  return reply.map((entry) => {
    const [from, to, ...nodes] = entry as [number, number, ...Array<[string, number]>];
    return { from: Number(from), to: Number(to), ports: nodes.map((node) => Number(node[1])) };
  });
}

/** One command on one node, outside the cluster client (it is the cluster's state being checked). */
async function command(port: number, name: string, ...args: string[]): Promise<unknown> {
  const node = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  node.on("error", () => undefined);
  try {
    await node.connect();
    return await node.call(name, args);
  } finally {
    node.disconnect();
  }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Ports free for a node and for its cluster bus (port + 10000), so below 55536. */
async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (ports.includes(port) || ports.includes(port + 10_000) || ports.includes(port - 10_000)) continue;
    if ((await listenable(port)) && (await listenable(port + 10_000))) ports.push(port);
  }
  return ports;
}

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
