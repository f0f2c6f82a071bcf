// Pipeline overhead per turn, excluding any LLM: intake, lock, decide, the offline interviewer, commit and delivery on embedded storage.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { embeddedApp } from "../src/app/embedded.js";
import { LocalThread } from "../src/app/local-thread.js";
import { loadConfig } from "../src/config/env.js";
import { percentile } from "./stats.js";

export async function benchEngineTurn(): Promise<void> {
  await run("repeated answers", (text) => text);
  // Every answer new to the claim and misconception caches: the judgement's full cost per turn.
  await run("never-seen answers", (text, run, turn) => `${text} Interview ${run}, turn ${turn}.`);
}

async function run(name: string, vary: (text: string, run: number, turn: number) => string): Promise<void> {
  const app = embeddedApp(loadConfig(), { poster: { post: async () => undefined } });
  const script = readFileSync(join(import.meta.dirname, "..", "tests", "fixtures", "candidates", "strong-fraud.txt"), "utf8")
    .split("\n")
    .filter((line) => line && line !== "end");
  const timings: number[] = [];
  const interviews = 50;
  for (let run = 0; run < interviews; run++) {
    const threadKey = `bench:${run}`;
    const candidate = { id: "bench:candidate", name: "Bench" };
    const thread = new LocalThread(app, threadKey, candidate);
    await thread.start({ level: "senior", problem: "fraud" });
    // 40 turns: the scripted answers, cycled, as a long interview would grow its transcript.
    for (let turn = 0; turn < 40; turn++) {
      const started = process.hrtime.bigint();
      await thread.say(vary(script[turn % script.length] ?? "ok", run, turn));
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await thread.press("end");
  }
  console.log(
    `pipeline turn, ${name} (offline interviewer, embedded storage, ${interviews} interviews x 40 turns): p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms (target p99 < 5 ms)`,
  );
}
