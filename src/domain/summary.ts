import { z } from "zod";
import { AreaIdSchema, DimensionIdSchema, RatingSchema } from "../content/schemas.js";
import { LevelSchema } from "../content/levels.js";
import { HintedPhaseSchema, PhaseSchema } from "../content/phases.js";
import { FindingStatusSchema } from "./finding.js";

/** The end-of-interview write-up. Named ratings only: no numeric score anywhere. */
export const CoverageStatusSchema = z.enum(["covered", "partial", "missing"]);

export const ScorecardRowSchema = z.object({
  dimension: DimensionIdSchema,
  title: z.string(),
  rating: RatingSchema,
  /** Verbatim quotes from the candidate's own messages. */
  evidence: z.array(z.string()),
  justification: z.string(),
});
export type ScorecardRow = z.infer<typeof ScorecardRowSchema>;

/** Seed 000's end-of-interview points: decisions, approach, strengths, readiness, what to explore, overall. */
export const NarrativeSchema = z.object({
  keyDecisions: z.array(z.string()),
  mlApproach: z.string(),
  architectureStrengths: z.string(),
  productionReadiness: z.string(),
  strengthsDemonstrated: z.string(),
  areasToExplore: z.array(z.string()),
  overallAssessment: z.string(),
});

/** A claim the interviewer pushed back on: what was said, what is right instead, and what the candidate did. */
export const ClaimToRevisitSchema = z.object({
  id: z.string(),
  dimension: DimensionIdSchema,
  /** Verbatim from the candidate's messages. */
  quote: z.string(),
  correction: z.string(),
  status: FindingStatusSchema,
});
export type ClaimToRevisit = z.infer<typeof ClaimToRevisitSchema>;

export const SummarySchema = z.object({
  interviewId: z.string(),
  candidate: z.string(),
  problem: z.string().nullable(),
  problemTitle: z.string().nullable(),
  level: LevelSchema.nullable(),
  phaseReached: PhaseSchema,
  minutes: z.number().int().min(0),
  hintsUsed: z.number().int().min(0),
  hintsByPhase: z.partialRecord(HintedPhaseSchema, z.number().int().min(1).max(4)),
  coverage: z.partialRecord(
    AreaIdSchema,
    z.object({ title: z.string(), status: CoverageStatusSchema, concepts: z.array(z.string()) }),
  ),
  scorecard: z.array(ScorecardRowSchema),
  strengths: z.array(z.string()).length(3),
  improvements: z.array(z.string()).length(3),
  resources: z.array(z.object({ title: z.string(), author: z.string(), why: z.string() })).min(2).max(3),
  redFlags: z.array(z.object({ id: z.string(), description: z.string() })),
  /** Defaulted so scorecards archived before claims were judged still read back. */
  claimsToRevisit: z.array(ClaimToRevisitSchema).default([]),
  narrative: NarrativeSchema,
  notes: z.array(z.string()),
});
export type Summary = z.infer<typeof SummarySchema>;
