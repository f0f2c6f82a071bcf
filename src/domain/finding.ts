import { z } from "zod";
import { DimensionIdSchema } from "../content/schemas.js";
import { PhaseSchema } from "../content/phases.js";

/**
 * Where a finding stands: `open` (not asked about yet), `challenged` (asked, awaiting the answer),
 * `corrected` (revised when challenged, which counts in the candidate's favour), `held` (defended
 * or repeated), `unanswered` (the next answer did not take it up).
 */
export const FINDING_STATUSES = ["open", "challenged", "corrected", "held", "unanswered"] as const;
export const FindingStatusSchema = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

/** A claim of the candidate's that a principal engineer would push back on, and what came of it. */
export const FindingSchema = z.object({
  /** The misconception's id, or `model-<answer>-<n>` for one the model found. */
  id: z.string().min(1),
  source: z.enum(["rules", "model"]),
  misconceptionId: z.string().nullable(),
  dimension: DimensionIdSchema,
  /** The wrong idea in one line. */
  claim: z.string(),
  /** The candidate's sentence, verbatim. */
  quote: z.string(),
  correction: z.string(),
  /** What the interviewer asks, in their voice. */
  challenge: z.string(),
  /** Index into the candidate's answers of the message that holds the claim. */
  answerIndex: z.number().int().min(0),
  phase: PhaseSchema,
  status: FindingStatusSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const VERDICTS = ["sound", "wrong", "unsupported"] as const;

/** One claim of the latest answer as a model judges it; the engine checks the quote before using it. */
export const ModelClaimSchema = z.object({
  quote: z.string().describe("The claim, copied exactly from the candidate's latest message."),
  verdict: z.enum(VERDICTS).describe("sound: right for this problem; wrong: a mistake for this problem; unsupported: a choice that matters here, asserted without any reason."),
  dimension: DimensionIdSchema.describe("The rubric dimension the claim bears on."),
  misconceptionId: z.string().nullable().describe("For a wrong claim: the id from the misconception list, or null."),
  correction: z.string().nullable().describe("For a wrong claim: one sentence on what is right instead; otherwise null."),
});
export type ModelClaim = z.infer<typeof ModelClaimSchema>;

/** A model's judgement of one claim in the latest answer, kept only after its quote was found verbatim. */
export const AssessmentSchema = z.object({
  quote: z.string(),
  verdict: z.enum(VERDICTS),
  correction: z.string().nullable(),
  misconceptionId: z.string().nullable(),
  answerIndex: z.number().int().min(0),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** Findings that still count against the candidate (anything but a correction). */
export function standing(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.status !== "corrected");
}
