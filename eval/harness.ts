import { embeddedApp } from "../src/app/embedded.js";
import { LocalThread } from "../src/app/local-thread.js";
import type { Clock } from "../src/core/clock.js";
import { loadConfig } from "../src/config/env.js";
import { DIMENSION_IDS, RATINGS, type DimensionId, type Rating } from "../src/content/schemas.js";
import type { Session } from "../src/domain/session.js";
import type { Summary } from "../src/domain/summary.js";
import type { EvalCase } from "./cases.js";

/** Minutes between candidate messages: a 45-minute interview over the case's messages. */
const MINUTES_PER_MESSAGE = 4;

/** 0 for not shown up to 3 for strong: the ladder the labels and the tool are compared on. */
export function ladder(rating: Rating): number {
  return RATINGS.length - 1 - RATINGS.indexOf(rating);
}

export interface CaseResult {
  case: EvalCase;
  ratings: Record<DimensionId, Rating>;
  /** Planted misconception ids the reply to their own message challenged. */
  challengedNext: string[];
  /** Planted ids listed under claims to revisit on the scorecard. */
  flagged: string[];
  /** Ids the tool listed that nobody planted: false alarms, or errors the labeller did not mark. */
  unplanted: string[];
  /** Concepts the labeller marked as rejected that the scorecard still credits. */
  creditedRejections: string[];
  summary: Summary;
}

class StepClock implements Clock {
  private time = Date.parse("2026-12-01T10:00:00Z");
  now(): number {
    return this.time;
  }
  advance(minutes: number): void {
    this.time += minutes * 60_000;
  }
}

/** Ids of findings that went out as a challenge in this turn. */
function challengedThisTurn(before: Session, after: Session): string[] {
  return after.findings
    .filter((finding) => finding.status !== "open")
    .filter((finding) => {
      const previous = before.findings.find((candidate) => candidate.id === finding.id);
      return !previous || previous.status === "open";
    })
    .map((finding) => finding.id);
}

/** Runs one case through the real interview path (engine, interviewer, summarizer) as the terminal does. */
export async function runCase(testCase: EvalCase, env: NodeJS.ProcessEnv = process.env): Promise<CaseResult> {
  const clock = new StepClock();
  let summary: Summary | undefined;
  const app = embeddedApp(loadConfig(env), { clock, poster: { post: async () => undefined }, onSummary: (_job, written) => (summary = written) });
  const thread = new LocalThread(app, `eval:${testCase.id}`, { id: "eval:candidate", name: "Candidate" });
  await thread.start({ level: testCase.level, problem: testCase.problem });
  const challengedNext: string[] = [];
  for (const message of testCase.messages) {
    clock.advance(MINUTES_PER_MESSAGE);
    const before = await thread.session();
    await thread.say(message.text);
    const after = await thread.session();
    if (!before || !after || after.transcript.length === before.transcript.length) throw new Error(`${testCase.id}: the interview did not answer a message`);
    const challenged = new Set(challengedThisTurn(before, after));
    challengedNext.push(...message.plants.filter((id) => challenged.has(id)));
  }
  await thread.press("end");
  if (!summary) throw new Error(`${testCase.id}: no scorecard was written`);
  const planted = new Set(testCase.messages.flatMap((message) => message.plants));
  const listed = new Set(summary.claimsToRevisit.map((claim) => claim.id));
  const creditedLabels = new Set(Object.values(summary.coverage).flatMap((area) => area?.concepts ?? []));
  return {
    case: testCase,
    ratings: Object.fromEntries(summary.scorecard.map((row) => [row.dimension, row.rating])) as Record<DimensionId, Rating>,
    challengedNext,
    flagged: [...planted].filter((id) => listed.has(id)),
    unplanted: [...listed].filter((id) => !planted.has(id)),
    creditedRejections: testCase.expected.notCredited.filter((concept) => creditedLabels.has(app.content.matcher.label(concept))),
    summary,
  };
}

export interface Figures {
  cases: number;
  ratings: number;
  exact: number;
  withinOne: number;
  perDimension: Record<DimensionId, { exact: number; withinOne: number }>;
  planted: number;
  challengedNext: number;
  flagged: number;
  unplanted: number;
  /** Pairs whose label totals differ, and those the tool ordered the other way. */
  pairs: number;
  pairsReversed: number;
  termListAboveDeveloping: number;
  terseRightTotal: number | null;
  termListTotal: number | null;
  negatedCredited: number;
}

const total = (ratings: Record<DimensionId, Rating>) => DIMENSION_IDS.reduce((sum, id) => sum + ladder(ratings[id]), 0);
const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

/** The agreement figures over a set of results. */
export function figures(results: readonly CaseResult[]): Figures {
  const perDimension = Object.fromEntries(DIMENSION_IDS.map((id) => [id, { exact: 0, withinOne: 0 }])) as Figures["perDimension"];
  let exact = 0;
  let withinOne = 0;
  for (const result of results) {
    for (const id of DIMENSION_IDS) {
      const gap = Math.abs(ladder(result.ratings[id]) - ladder(result.case.expected.ratings[id]));
      if (gap === 0) {
        exact++;
        perDimension[id].exact++;
      }
      if (gap <= 1) {
        withinOne++;
        perDimension[id].withinOne++;
      }
    }
  }
  let pairs = 0;
  let pairsReversed = 0;
  results.forEach((left, index) => {
    for (const right of results.slice(index + 1)) {
      const labelled = total(left.case.expected.ratings) - total(right.case.expected.ratings);
      if (labelled === 0) continue;
      pairs++;
      const rated = total(left.ratings) - total(right.ratings);
      if (Math.sign(rated) === -Math.sign(labelled)) pairsReversed++;
    }
  });
  const ofKind = (kind: EvalCase["kind"]) => results.filter((result) => result.case.kind === kind);
  return {
    cases: results.length,
    ratings: results.length * DIMENSION_IDS.length,
    exact,
    withinOne,
    perDimension,
    planted: results.reduce((sum, result) => sum + new Set(result.case.messages.flatMap((message) => message.plants)).size, 0),
    challengedNext: results.reduce((sum, result) => sum + new Set(result.challengedNext).size, 0),
    flagged: results.reduce((sum, result) => sum + result.flagged.length, 0),
    unplanted: results.reduce((sum, result) => sum + result.unplanted.length, 0),
    pairs,
    pairsReversed,
    termListAboveDeveloping: ofKind("term-list").reduce((sum, result) => sum + DIMENSION_IDS.filter((id) => ladder(result.ratings[id]) > ladder("developing")).length, 0),
    terseRightTotal: mean(ofKind("terse-right").map((result) => total(result.ratings))),
    termListTotal: mean(ofKind("term-list").map((result) => total(result.ratings))),
    negatedCredited: results.reduce((sum, result) => sum + result.creditedRejections.length, 0),
  };
}

/** Runs every case in order (an LLM server sees one interview at a time). */
export async function runCases(cases: readonly EvalCase[], env?: NodeJS.ProcessEnv): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const testCase of cases) results.push(await runCase(testCase, env));
  return results;
}
