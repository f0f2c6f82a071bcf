import { z } from "zod";
import { DimensionIdSchema, RatingSchema } from "../../content/schemas.js";
import { VERDICTS } from "../../judgement/finding.js";
import { NarrativeSchema } from "../../summary/schema.js";

/**
 * What the model returns each turn. Length limits are checked after parsing rather than in the
 * schema, because strict structured-output modes reject minItems/maxLength keywords.
 */
/** One claim of the latest answer as the model judges it; the engine checks the quote before using it. */
export const ModelClaimSchema = z.object({
  quote: z.string().describe("The claim, copied exactly from the candidate's latest message."),
  verdict: z.enum(VERDICTS).describe("sound: right for this problem; wrong: a mistake for this problem; unsupported: asserted without a reason."),
  dimension: DimensionIdSchema.describe("The rubric dimension the claim bears on."),
  misconceptionId: z.string().nullable().describe("For a wrong claim: the id from the misconception list, or null."),
  correction: z.string().nullable().describe("For a wrong claim: one sentence on what is right instead; otherwise null."),
});
export type ModelClaim = z.infer<typeof ModelClaimSchema>;

export const TurnOutputSchema = z.object({
  message: z.string().describe("What you say to the candidate now, in plain text."),
  phaseGoalMet: z.boolean().describe("True when the candidate has done what the current phase asks."),
  claims: z.array(ModelClaimSchema).describe("The design claims in the latest answer, at most five; empty when there are none."),
});
export type TurnOutput = z.infer<typeof TurnOutputSchema>;

export const SummaryOutputSchema = z.object({
  scorecard: z.array(
    z.object({
      dimension: DimensionIdSchema,
      rating: RatingSchema,
      quotes: z.array(z.string()).describe("Exact sentences copied from the candidate's messages."),
      justification: z.string(),
    }),
  ),
  strengths: z.array(z.string()).describe("Exactly three."),
  improvements: z.array(z.string()).describe("Exactly three, each actionable."),
  resourceIds: z.array(z.string()).describe("Two or three ids from the resource list."),
  narrative: NarrativeSchema,
});
export type SummaryOutput = z.infer<typeof SummaryOutputSchema>;
