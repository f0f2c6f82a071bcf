// Per-turn cost without any LLM, two ways: the engine alone (decide → offline interviewer →
// record, pure), and the whole pipeline the terminal runs (intake, lock, engine, fenced commit,
// delivery) on embedded storage.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { embeddedApp } from "../src/app/embedded.js";
import { LocalThread } from "../src/app/local-thread.js";
import { loadConfig } from "../src/config/env.js";
import { systemClock } from "../src/core/clock.js";
import type { Session } from "../src/domain/session.js";
import { loadContent } from "../src/engine/context.js";
import { decide, type TurnInput } from "../src/engine/decide.js";
import { recordTurn } from "../src/pipeline/record.js";
import { OfflineInterviewer } from "../src/voice/interviewer/offline.js";
import { percentile } from "./stats.js";

const INTERVIEWS = 50;
const TURNS = 40;
type Vary = (text: string, run: number, turn: number) => string;

export async function benchEngineTurn(): Promise<void> {
  const repeated: Vary = (text) => text;
  // Every answer new to the claim and misconception caches: the judgement's full cost per turn.
  const neverSeen: Vary = (text, run, turn) => `${text} Interview ${run}, turn ${turn}.`;
  await engineOnly("repeated answers", repeated);
  await engineOnly("never-seen answers", neverSeen);
  await pipeline("never-seen answers", neverSeen);
}

function script(): string[] {
  return readFileSync(join(import.meta.dirname, "..", "tests", "fixtures", "candidates", "strong-fraud.txt"), "utf8")
    .split("\n")
    .filter((line) => line && line !== "end");
}

async function engineOnly(name: string, vary: Vary): Promise<void> {
  const content = loadContent();
  const interviewer = new OfflineInterviewer();
  const lines = script();
  const timings: number[] = [];
  const play = async (session: Session | null, input: TurnInput): Promise<Session> => {
    const decision = decide(session, input, systemClock.now(), content);
    if (decision.kind !== "turn") throw new Error(`no turn: ${decision.kind}`);
    const { turn, candidateText } = decision;
    const problem = turn.session.problemId ? content.bank.find(turn.session.problemId) : undefined;
    const reply = await interviewer.write({ session: turn.session, problem, beats: turn.beats, candidateText });
    return recordTurn(turn, reply, candidateText, systemClock.now(), content).session;
  };
  const candidate = { id: "bench:candidate", name: "Bench" };
  for (let run = 0; run < INTERVIEWS; run++) {
    let session = await play(null, { kind: "start", id: randomUUID(), threadKey: `bench:${run}`, candidate, level: "senior", problem: "fraud" });
    for (let turn = 0; turn < TURNS; turn++) {
      const started = process.hrtime.bigint();
      session = await play(session, { kind: "answers", messages: [{ authorId: candidate.id, text: vary(lines[turn % lines.length] ?? "ok", run, turn) }] });
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  console.log(`engine turn, ${name} (decide, offline interviewer, record; ${INTERVIEWS} interviews x ${TURNS} turns): p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms (target p99 < 5 ms)`);
}

async function pipeline(name: string, vary: Vary): Promise<void> {
  const app = embeddedApp(loadConfig(), { poster: { post: async () => undefined } });
  const lines = script();
  const timings: number[] = [];
  for (let run = 0; run < INTERVIEWS; run++) {
    const thread = new LocalThread(app, `bench:${run}`, { id: "bench:candidate", name: "Bench" });
    await thread.start({ level: "senior", problem: "fraud" });
    for (let turn = 0; turn < TURNS; turn++) {
      const started = process.hrtime.bigint();
      await thread.say(vary(lines[turn % lines.length] ?? "ok", run, turn));
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await thread.press("end");
  }
  console.log(
    `pipeline turn, ${name} (intake, lock, engine, fenced commit, delivery on embedded storage; ${INTERVIEWS} interviews x ${TURNS} turns): p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms`,
  );
}
