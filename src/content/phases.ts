import { z } from "zod";

/** The interview's phases in the order they run; `ended` is the terminal state. */
export const PHASES = [
  "selection",
  "presentation",
  "requirements",
  "high-level-design",
  "deep-dive",
  "scaling",
  "wrap-up",
  "ended",
] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

/** Phases that have a four-rung hint ladder in every problem file. */
export const HINTED_PHASES = ["requirements", "high-level-design", "deep-dive", "scaling"] as const;
export const HintedPhaseSchema = z.enum(HINTED_PHASES);
export type HintedPhase = z.infer<typeof HintedPhaseSchema>;

export interface PhaseSpec {
  title: string;
  /** Minutes the phase should take; past `max` the interviewer nudges, then moves on. */
  budget: { min: number; max: number };
}

export const PHASE_SPECS = {
  selection: { title: "Problem selection", budget: { min: 2, max: 2 } },
  presentation: { title: "Problem presentation", budget: { min: 3, max: 3 } },
  requirements: { title: "Requirements", budget: { min: 5, max: 10 } },
  "high-level-design": { title: "High-level design", budget: { min: 15, max: 20 } },
  "deep-dive": { title: "Deep dive", budget: { min: 15, max: 20 } },
  scaling: { title: "Scaling and production", budget: { min: 5, max: 10 } },
  "wrap-up": { title: "Wrap-up", budget: { min: 2, max: 5 } },
  ended: { title: "Ended", budget: { min: 0, max: 0 } },
} as const satisfies Record<Phase, PhaseSpec>;

export function nextPhase(phase: Phase): Phase {
  const index = PHASES.indexOf(phase);
  return PHASES[Math.min(index + 1, PHASES.length - 1)] ?? "ended";
}

export function isHintedPhase(phase: Phase): phase is HintedPhase {
  return (HINTED_PHASES as readonly string[]).includes(phase);
}

/** The ladder a `hint` draws on: during the presentation the candidate is already clarifying requirements. */
export function hintPhaseFor(phase: Phase): HintedPhase | null {
  if (phase === "presentation") return "requirements";
  return isHintedPhase(phase) ? phase : null;
}
