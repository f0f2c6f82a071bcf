import type { Area, Dimension, HintLadder, Probe, Problem } from "../content/schemas.js";
import type { Finding } from "../domain/finding.js";
import type { Diagram } from "./analysis/diagram/model.js";
import type { Level } from "../content/levels.js";
import type { HintedPhase, Phase } from "../content/phases.js";

/**
 * What the engine decided should happen this turn, in order. The engine owns these decisions
 * (phases, pacing, hints, difficulty, which probe); an interviewer only puts them into words.
 */
export type Beat =
  | { kind: "greeting"; candidateName: string }
  /** A focused follow-up says up front what it leans on, so the candidate knows why the questions go there. */
  | { kind: "focus"; dimensions: Dimension[]; areas: Area[] }
  | { kind: "ask-level"; retry: boolean }
  | { kind: "level-assumed"; level: Level }
  | { kind: "present"; problem: Problem; level: Level; offLevel: boolean }
  | { kind: "switch-problem"; direction: "harder" | "easier"; problem: Problem; level: Level }
  | { kind: "acknowledge"; concepts: string[] }
  | { kind: "clarification"; facts: string[] }
  | { kind: "phase-intro"; phase: Phase; reason: PhaseChangeReason }
  | { kind: "probe"; probe: Probe }
  /** A claim that is wrong for this problem, put back to the candidate to defend or revise. */
  | { kind: "challenge"; finding: Finding; order: number }
  /** What the candidate did with the last challenge: corrected or held. */
  | { kind: "revision"; finding: Finding }
  /** The answer named components without explaining any: ask for the reasoning behind two of them. */
  | { kind: "unpack"; concepts: string[] }
  /**
   * The candidate drew: what the drawing shows of the framework and what it leaves out; with `ask`,
   * the first gap is this turn's question. The diagram rides along so the reply can carry its picture.
   */
  | { kind: "diagram"; diagram: Diagram; components: number; arrows: number; shows: Area[]; gaps: DrawingGap[]; ask: boolean }
  /** A drawing that could not be read: the line and what is wrong. The answer still counts as text. */
  | { kind: "diagram-unreadable"; line: number; text: string; reason: string }
  /** A drawing past the limits, refused before layout; the answer still counts as text. */
  | { kind: "diagram-refused"; reason: "too-many-nodes" | "too-many-edges" | "too-large"; size: number; limit: number }
  | { kind: "area-question"; area: Area }
  | { kind: "deep-dive"; title: string; question: string }
  | { kind: "guiding"; question: string }
  | { kind: "hint"; phase: HintedPhase; rung: number; text: HintLadder[number] }
  | { kind: "hint-exhausted"; phase: HintedPhase }
  | { kind: "no-hint-here" }
  | { kind: "follow-up"; constraint: string; question: string; requested: boolean }
  | { kind: "simplification"; text: string; requested: boolean }
  | { kind: "nothing-more"; what: "harder" | "easier" }
  | { kind: "nudge"; phase: Phase; minutes: number; budget: number }
  | { kind: "wrap-up-done" }
  | { kind: "closing" }
  | { kind: "truncated"; limit: number }
  | { kind: "help" }
  | { kind: "needs-level" };

export type BeatKind = Beat["kind"];

/** Parts of a production ML system a drawing of one is expected to show, in the order they are asked about. */
export const DRAWING_GAPS = ["feedback", "monitoring", "serving"] as const;
export type DrawingGap = (typeof DRAWING_GAPS)[number];

export type PhaseChangeReason = "start" | "goal-met" | "command" | "time" | "turns" | "budget";
