import type { AreaId } from "../content/schemas.js";
import type { HintedPhase } from "../content/phases.js";

export interface PhaseGoal {
  /** Areas the candidate must have covered before the phase's goal is met. */
  goalAreas: readonly AreaId[];
  /** Areas the interviewer asks about, in order, when the candidate leaves them out. */
  askOrder: readonly AreaId[];
  /** Candidate turns before the phase may end on its goal alone. */
  minTurns: number;
  /** Candidate turns after which the interviewer moves on regardless. */
  maxTurns: number;
}

export const PHASE_GOALS = {
  requirements: {
    goalAreas: ["formulation", "metrics"],
    askOrder: ["formulation", "metrics", "data"],
    minTurns: 1,
    maxTurns: 4,
  },
  "high-level-design": {
    goalAreas: ["data", "features", "model", "serving"],
    askOrder: ["data", "features", "model", "training-evaluation", "serving", "monitoring-feedback"],
    minTurns: 2,
    maxTurns: 6,
  },
  // The deep dive is driven by the problem's own deep-dive questions; its goal is answering three.
  "deep-dive": {
    goalAreas: [],
    askOrder: ["monitoring-feedback", "training-evaluation", "features"],
    minTurns: 3,
    maxTurns: 5,
  },
  scaling: {
    goalAreas: ["scaling-cost", "monitoring-feedback"],
    askOrder: ["scaling-cost", "monitoring-feedback", "security-privacy-fairness"],
    minTurns: 2,
    maxTurns: 3,
  },
} as const satisfies Record<HintedPhase, PhaseGoal>;

/** A reply this short, or one with no recognisable design content, gets a guiding question. */
export const WEAK_ANSWER = { maxWords: 7, maxWordsWithoutConcepts: 25 } as const;
/** A reply this rich counts towards "strong and fast", which earns follow-up constraints. */
export const STRONG_ANSWER = { minWords: 40, minNewConcepts: 4 } as const;
/** Consecutive weak or strong replies before difficulty adapts on its own. */
export const ADAPT_AFTER = 2;
/** Longest candidate message kept; the rest is cut with a notice. */
export const MAX_MESSAGE_CHARS = 8000;
/** Level assumed when the candidate twice gives none. */
export const DEFAULT_LEVEL = "mid" as const;
