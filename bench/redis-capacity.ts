// Sessions per process: 1,000 interviews active at once in one bot process, measured in a fresh
// child process so earlier benches' garbage does not count.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { redisServerAvailable, startRedis } from "../tests/support/redis-server.js";
import { benchEventId, startBenchBot } from "./redis-support.js";

const SESSIONS = 1_000;
const BATCH = 50;

export async function benchRedisCapacity(): Promise<void> {
  if (!redisServerAvailable() && !process.env.TEST_REDIS_URL) {
    console.log("redis capacity: skipped (no redis-server on PATH and no TEST_REDIS_URL)");
    return;
  }
  const server = await startRedis();
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child"], {
        env: { ...process.env, ...server.env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`capacity child exited with ${code}`))));
    });
    const result = JSON.parse(output.trim().split("\n").pop() ?? "{}") as { baselineMb: number; rssMb: number; heapMb: number; seconds: number };
    console.log(
      `sessions per process: ${SESSIONS} active interviews (started and answered once each) in ${result.seconds.toFixed(1)} s; RSS ${result.rssMb.toFixed(0)} MB (${result.baselineMb.toFixed(0)} MB before any session), heap ${result.heapMb.toFixed(0)} MB (target ${SESSIONS} in < 300 MB RSS)`,
    );
  } finally {
    await server.stop();
  }
}

async function child(): Promise<void> {
  const bot = await startBenchBot({
    REDIS_URL: process.env.REDIS_URL ?? "",
    REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX ?? "mi",
    BULLMQ_PREFIX: process.env.BULLMQ_PREFIX ?? "{mock-interview}",
  });
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  const begin = Date.now();
  const candidate = (index: number) => ({ id: `bench:user-${index}`, name: `User ${index}` });
  for (let first = 0; first < SESSIONS; first += BATCH) {
    const indexes = Array.from({ length: Math.min(BATCH, SESSIONS - first) }, (_, offset) => first + offset);
    await Promise.all(
      indexes.map(async (index) => {
        const threadKey = `bench:capacity-${index}`;
        const started = bot.reply(threadKey);
        await bot.intake.start({ eventId: benchEventId(), threadKey, candidate: candidate(index), level: "mid", problem: "spam" });
        await started;
        const answered = bot.reply(threadKey);
        await bot.intake.message({ eventId: benchEventId(), threadKey, authorId: candidate(index).id, text: "I'd start from what counts as spam for our users." });
        await answered;
      }),
    );
  }
  const seconds = (Date.now() - begin) / 1000;
  const { rss, heapUsed } = process.memoryUsage();
  await bot.service.stop();
  console.log(JSON.stringify({ baselineMb, rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20, seconds }));
}

if (process.argv.includes("--child") && process.argv[1] === fileURLToPath(import.meta.url)) await child();
