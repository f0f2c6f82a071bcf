// Service overhead per turn on Redis, excluding any LLM: intake, inbox, thread lock, session read,
// engine, fenced save, reply. Also Redis commands per turn and memory per 40-turn session.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { keySpace } from "../src/infra/redis/keys.js";
import { redisServerAvailable, startRedis } from "../tests/support/redis-server.js";
import { benchEventId, startBenchBot } from "./redis-support.js";
import { percentile } from "./stats.js";

const TURNS = 40;
const INTERVIEWS = 20;

export async function benchRedisTurn(): Promise<void> {
  if (!redisServerAvailable() && !process.env.TEST_REDIS_URL) {
    console.log("redis turn: skipped (no redis-server on PATH and no TEST_REDIS_URL)");
    return;
  }
  const server = await startRedis();
  const bot = await startBenchBot(server.env);
  const client = new Redis(server.url);
  try {
    const script = readFileSync(join(import.meta.dirname, "..", "tests", "fixtures", "candidates", "strong-fraud.txt"), "utf8")
      .split("\n")
      .filter((line) => line && line !== "end");
    const candidate = { id: "bench:candidate", name: "Bench" };
    const timings: number[] = [];
    let lastThread = "";
    // Run -1 warms up the JIT and the connection; it is not counted.
    for (let run = -1; run < INTERVIEWS; run++) {
      const threadKey = `bench:redis-turn-${run}`;
      lastThread = threadKey;
      const started = bot.reply(threadKey);
      await bot.intake.start({ eventId: benchEventId(), threadKey, candidate, level: "senior", problem: "fraud" });
      await started;
      for (let turn = 0; turn < TURNS; turn++) {
        const replied = bot.reply(threadKey);
        const begin = process.hrtime.bigint();
        await bot.intake.message({ eventId: benchEventId(), threadKey, authorId: candidate.id, text: script[turn % script.length] ?? "ok" });
        await replied;
        if (run >= 0) timings.push(Number(process.hrtime.bigint() - begin) / 1e6);
      }
    }
    console.log(
      `redis turn (bot role, offline interviewer, no burst window, ${INTERVIEWS} interviews x ${TURNS} turns after one warm-up): p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms (target p99 < 10 ms)`,
    );
    const counted = await countCommands(server.url, async () => {
      const threadKey = "bench:redis-turn-counted";
      const started = bot.reply(threadKey);
      await bot.intake.start({ eventId: benchEventId(), threadKey, candidate, level: "senior", problem: "fraud" });
      await started;
      for (let turn = 0; turn < TURNS; turn++) {
        const replied = bot.reply(threadKey);
        await bot.intake.message({ eventId: benchEventId(), threadKey, authorId: candidate.id, text: script[turn % script.length] ?? "ok" });
        await replied;
      }
    });
    console.log(
      `redis round trips per turn: ${(counted.client / (TURNS + 1)).toFixed(1)} client commands, 6 of them awaited in sequence (take-in, claim + peek, session read, fenced save with the reply queued, reply settled once posted, finish); ${(counted.scripted / (TURNS + 1)).toFixed(1)} more operations run inside those scripts`,
    );

    const keys = keySpace(server.env.REDIS_KEY_PREFIX);
    const sessionBytes = Number(await client.memory("USAGE", keys.interviews(lastThread), "SAMPLES", "0"));
    const inboxBytes = Number((await client.memory("USAGE", keys.inbox(lastThread), "SAMPLES", "0")) ?? 0);
    const rawBytes = Buffer.byteLength((await client.hget(keys.interviews(lastThread), (await client.hget(keys.interviews(lastThread), "current")) ?? "")) ?? "");
    console.log(
      `redis memory per session (${TURNS}-turn interview, MEMORY USAGE): ${(sessionBytes / 1024).toFixed(1)} KB for the session hash (${(rawBytes / 1024).toFixed(1)} KB of JSON), inbox ${(inboxBytes / 1024).toFixed(1)} KB (target < 64 KB)`,
    );
  } finally {
    client.disconnect();
    await bot.service.stop();
    await server.stop();
  }
}

/** Watches Redis with MONITOR while `work` runs: commands clients sent (a MULTI…EXEC block counts once) and operations scripts ran. */
async function countCommands(url: string, work: () => Promise<void>): Promise<{ client: number; scripted: number }> {
  const watcher = new Redis(url);
  const monitor = await watcher.monitor();
  let client = 0;
  let scripted = 0;
  let inMulti = false;
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    const command = (args[0] ?? "").toLowerCase();
    if (source.includes("lua")) scripted++;
    else if (command === "multi") inMulti = true;
    else if (command === "exec") {
      inMulti = false;
      client++;
    } else if (!inMulti) client++;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await work();
  // The worklist mark is not awaited by the turn; let it arrive before counting stops.
  await new Promise((resolve) => setTimeout(resolve, 50));
  monitor.disconnect();
  watcher.disconnect();
  return { client, scripted };
}
