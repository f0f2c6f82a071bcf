// The production runtime, tsx against compiled JavaScript: the real command line (`all` role,
// Slack over HTTP against the fake Slack in its own process, its own redis-server), measured from
// spawn to the "mock-interview started" log line, then its RSS after a few idle seconds, then one
// slash command to its first question (the compiled build answers, not only starts).
// Needs `npm run build` first for the compiled figures.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startRedis } from "../tests/support/redis-server.js";
import { freePort } from "../tests/support/ports.js";
import { SIGNING_SECRET } from "../tests/support/slack-requests.js";
import type { AckResult } from "./ack-load.js";
import { runToEnd, startHelper } from "./processes/spawn.js";
import { awaitFirstQuestions, type FakeSlackInfo } from "./processes/slack-report.js";
import { percentile } from "./stats.js";

const ROOT = join(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNTIME_RUNS ?? 3);
/** Idle after start-up before RSS is read: lazy initialisation settles, and a bench may pace itself. */
const IDLE_MS = 3_000;

const MODES = {
  tsx: ["--import", "tsx", "bin/mock-interview.ts", "all"],
  compiled: ["dist/bin/mock-interview.js", "all"],
} as const;

interface Run {
  readyMs: number;
  rssMb: number;
  answered: boolean;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? Number.NaN) / 1024;
}

async function once(mode: keyof typeof MODES, env: Record<string, string>, slack: FakeSlackInfo, run: number): Promise<Run> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, MODES[mode], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: "info", PORT: String(port), METRICS_PORT: String(await freePort()), SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"msg":"mock-interview started"')) resolve(performance.now() - began);
      });
      child.once("exit", (code) => reject(new Error(`${mode} exited with ${code} before it was ready`)));
    });
    await sleep(IDLE_MS);
    const rssMb = rssOf(child.pid ?? 0);
    const prefix = `RT${mode.toUpperCase()}${run}X`;
    const [ack] = await runToEnd<AckResult[]>(join(import.meta.dirname, "ack-load.ts"), [`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, "1", slack.responseUrl, prefix]);
    const firsts = ack?.status === 200 ? await awaitFirstQuestions(slack, [ack], 20_000) : new Map<string, number>();
    return { readyMs, rssMb, answered: ack !== undefined && firsts.has(ack.channel) };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

export async function benchRuntime(): Promise<void> {
  const redis = await startRedis();
  const fake = await startHelper<FakeSlackInfo>(join(import.meta.dirname, "processes", "fake-slack.ts"));
  try {
    for (const mode of Object.keys(MODES) as Array<keyof typeof MODES>) {
      if (mode === "compiled" && !existsSync(join(ROOT, "dist", "bin", "mock-interview.js"))) {
        console.log("runtime, compiled: skipped (run `npm run build` first)");
        continue;
      }
      const runs: Run[] = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await once(mode, redis.env, fake.info, run));
      const ready = runs.map((entry) => entry.readyMs);
      const rss = runs.map((entry) => entry.rssMb);
      const answered = runs.filter((entry) => entry.answered).length;
      console.log(
        `runtime, ${mode} (\`node ${MODES[mode].join(" ")}\`): start-up to ready median ${percentile(ready, 50).toFixed(0)} ms (${ready.map((ms) => ms.toFixed(0)).join(", ")}); idle RSS median ${percentile(rss, 50).toFixed(0)} MB (${rss.map((mb) => mb.toFixed(0)).join(", ")}); answered a slash command with its first question in ${answered} of ${runs.length} runs`,
      );
    }
  } finally {
    await fake.stop();
    await redis.stop();
  }
}
