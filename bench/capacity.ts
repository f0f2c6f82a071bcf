// Capacity, measured: two bot processes and two worker processes (the real command line, Slack over
// HTTP) against one Redis, the fake Slack and the load generator each in a process of their own.
// N candidates answer every few seconds for a while, then end; prints turn p50/p99 with the
// offline interviewer, Redis commands per turn, memory per session, lost and duplicated replies,
// and how many scorecards were posted once.
//
//   npm run bench -- capacity --interviews=2000 --seconds=60 --answer-every-ms=3000 --start-rate=100
//
// Redis: its own redis-server; with --cluster, the test suite's cluster (three masters, three
// replicas) started for the run; or, when REDIS_URL (one node) or REDIS_CLUSTER_NODES (a cluster,
// comma-separated host:port) is set, that Redis, as the service reads them, with fresh key prefixes.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { startRedis, type RedisServer } from "../tests/support/redis-server.js";
import { startRedisCluster, type RedisCluster } from "../tests/support/redis-cluster.js";
import { freePort } from "../tests/support/ports.js";
import { SIGNING_SECRET } from "../tests/support/slack-requests.js";
import type { CapacityLoadOptions, CapacityLoadResult } from "./capacity-load.js";
import { runToEnd, startHelper } from "./processes/spawn.js";
import type { FakeSlackInfo } from "./processes/slack-report.js";
import { percentile } from "./stats.js";

const ROOT = join(import.meta.dirname, "..");
/** How long the idle roles' own Redis traffic is sampled before the load starts. */
const IDLE_SAMPLE_MS = 5_000;

function flag(name: string, fallback: number): number {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? Number(given.slice(name.length + 3)) : fallback;
}

interface Role {
  child: ChildProcess;
  port: number;
}

/** One `mock-interview <role>` process, resolved once it logs that it started. */
async function startRole(role: "bot" | "worker", env: Record<string, string>): Promise<Role> {
  const port = await freePort();
  const compiled = process.argv.includes("--compiled");
  const entry = compiled ? ["dist/bin/mock-interview.js", role] : ["--import", "tsx", "bin/mock-interview.ts", role];
  if (compiled && !existsSync(join(ROOT, "dist", "bin", "mock-interview.js"))) throw new Error("--compiled: run `npm run build` first");
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: "info", PORT: String(port), METRICS_PORT: String(await freePort()) };
  delete childEnv.OPENAI_API_KEY;
  const child = spawn(process.execPath, entry, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('"msg":"mock-interview started"')) return;
      child.stdout?.off("data", onData);
      // Keep draining its logs so a full pipe never blocks it.
      child.stdout?.resume();
      resolve();
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${role} exited with ${code} before it started`)));
  });
  return { child, port };
}

async function stopRole(role: Role): Promise<void> {
  if (role.child.exitCode !== null) return;
  const exited = new Promise((resolve) => role.child.once("exit", resolve));
  role.child.kill("SIGTERM");
  await exited;
}

function rssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
    return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Redis's own counters, summed over every node: commands processed and memory used. */
async function redisCounters(nodes: readonly string[]): Promise<{ commands: number; memoryMb: number }> {
  let commands = 0;
  let memory = 0;
  for (const node of nodes) {
    const client = new Redis(node, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    const info = await client.info();
    await client.quit();
    commands += Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
    memory += Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  }
  return { commands, memoryMb: memory / 2 ** 20 };
}

export async function benchCapacity(): Promise<void> {
  const interviews = flag("interviews", 2_000);
  const seconds = flag("seconds", 60);
  const answerEveryMs = flag("answer-every-ms", 3_000);
  const startRate = flag("start-rate", 100);
  const burstWindowMs = flag("burst-window-ms", 0);
  let cluster = process.env.REDIS_CLUSTER_NODES;
  let server: RedisServer | undefined;
  let testCluster: RedisCluster | undefined;
  let redisEnv: Record<string, string>;
  let nodes: string[];
  if (process.argv.includes("--cluster")) {
    // The test suite's own cluster: three masters, three replicas. Counted on the masters only, where every command runs once.
    testCluster = await startRedisCluster();
    redisEnv = testCluster.env;
    cluster = testCluster.env.REDIS_CLUSTER_NODES;
    const client = testCluster.client();
    await client.ping();
    nodes = client.nodes("master").map((node) => `redis://127.0.0.1:${node.options.port}`);
    client.disconnect();
  } else if (cluster || process.env.REDIS_URL) {
    const prefix = `cap${randomUUID().slice(0, 8)}`;
    redisEnv = { ...(cluster ? { REDIS_CLUSTER_NODES: cluster } : { REDIS_URL: process.env.REDIS_URL ?? "" }), REDIS_KEY_PREFIX: prefix, BULLMQ_PREFIX: `{${prefix}}` };
    nodes = cluster ? cluster.split(",").map((node) => (node.includes("://") ? node : `redis://${node}`)) : [process.env.REDIS_URL ?? ""];
  } else {
    server = await startRedis();
    redisEnv = server.env;
    nodes = [server.url];
  }
  const where = testCluster ? `the test Redis Cluster (3 masters, 3 replicas)` : cluster ? `a Redis Cluster of ${nodes.length} nodes` : server ? "one redis-server the bench started" : `one Redis node at ${process.env.REDIS_URL}`;
  const fake = await startHelper<FakeSlackInfo>(join(import.meta.dirname, "processes", "fake-slack.ts"));
  const slackEnv = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.info.apiUrl, BURST_WINDOW_MS: String(burstWindowMs) };
  const roles: Role[] = [];
  try {
    const bots = [await startRole("bot", { ...redisEnv, ...slackEnv }), await startRole("bot", { ...redisEnv, ...slackEnv })];
    const workers = [await startRole("worker", { ...redisEnv, ...slackEnv }), await startRole("worker", { ...redisEnv, ...slackEnv })];
    roles.push(...bots, ...workers);
    const baseline = bots.map((bot) => rssMb(bot.child.pid));
    const peak = [...baseline];
    const sampler = setInterval(() => bots.forEach((bot, index) => (peak[index] = Math.max(peak[index] ?? 0, rssMb(bot.child.pid)))), 1_000);
    // What the idle roles cost Redis (BullMQ's blocking polls, the sweepers), so a turn's own commands can be told apart.
    const idleStart = await redisCounters(nodes);
    const idleBegan = Date.now();
    await sleep(IDLE_SAMPLE_MS);
    const before = await redisCounters(nodes);
    const idlePerSecond = ((before.commands - idleStart.commands) * 1000) / (Date.now() - idleBegan);
    const loadBegan = Date.now();
    const options: CapacityLoadOptions = {
      bots: bots.map((bot) => `http://127.0.0.1:${bot.port}/slack/events`),
      secret: SIGNING_SECRET,
      slack: fake.info,
      interviews,
      seconds,
      answerEveryMs,
      startRate,
      replyTimeoutMs: 30_000,
      lostAfterMs: flag("lost-after-ms", 120_000),
    };
    const result = await runToEnd<CapacityLoadResult>(join(import.meta.dirname, "capacity-load.ts"), [JSON.stringify(options)]);
    clearInterval(sampler);
    const after = await redisCounters(nodes);
    const netCommands = after.commands - before.commands - (idlePerSecond * (Date.now() - loadBegan)) / 1000;
    const turns = result.started + result.answers + result.started; // starts, answers, ends
    const perSessionMb = (peak.reduce((sum, mb) => sum + mb, 0) - baseline.reduce((sum, mb) => sum + mb, 0)) / Math.max(1, result.started);
    const fmt = (values: number[], p: number) => (percentile(values, p) / 1000).toFixed(2);
    console.log(`capacity: 2 bots + 2 workers against ${where}; ${result.started} of ${interviews} interviews started at ${startRate}/s, answering every ~${answerEveryMs} ms for ${seconds} s (all ended after ${(result.answeringEndedMs / 1000).toFixed(0)} s), burst window ${burstWindowMs} ms, offline interviewer`);
    console.log(`capacity: turn (answer to reply shown) p50 ${fmt(result.turnMs, 50)} s, p99 ${fmt(result.turnMs, 99)} s over ${result.turnMs.length} turns; command to first question p50 ${fmt(result.firstQuestionMs, 50)} s, p99 ${fmt(result.firstQuestionMs, 99)} s`);
    console.log(`capacity: Redis ${(netCommands / Math.max(1, turns)).toFixed(1)} commands executed per turn, each call inside a Lua script counted (${after.commands - before.commands} over ${turns} starts, answers and ends, less the idle roles' ${idlePerSecond.toFixed(0)}/s of polling; summaries included; round trips per turn: bench redis-turn); Redis memory ${(after.memoryMb - before.memoryMb).toFixed(1)} MB more (${(((after.memoryMb - before.memoryMb) * 1024) / Math.max(1, result.started)).toFixed(1)} KB per session)`);
    console.log(`capacity: bot RSS ${baseline.map((mb) => mb.toFixed(0)).join(" + ")} MB idle, ${peak.map((mb) => mb.toFixed(0)).join(" + ")} MB at peak: ${(perSessionMb * 1024).toFixed(1)} KB per session`);
    console.log(`capacity: ${result.lostReplies} replies lost (none within ${options.lostAfterMs / 1000} s), ${result.lateReplies} late (over ${options.replyTimeoutMs / 1000} s), ${result.duplicateReplies} duplicated (target 0 and 0); scorecards posted once ${result.scorecards.once}, missing ${result.scorecards.missing}, more than once ${result.scorecards.more} (the last ${((result.scorecardsDoneMs - result.answeringEndedMs) / 1000).toFixed(0)} s after the last interview ended)`);
  } finally {
    for (const role of roles.reverse()) await stopRole(role);
    await fake.stop();
    await server?.stop();
    await testCluster?.stop();
  }
}
