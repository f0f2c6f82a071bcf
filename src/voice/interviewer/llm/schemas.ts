import { z } from "zod";
import { DimensionIdSchema, RatingSchema } from "../../../content/schemas.js";
import { ModelClaimSchema } from "../../../domain/finding.js";
import { NarrativeSchema } from "../../../domain/summary.js";

/**
 * What the model returns each turn. Length limits are checked after parsing rather than in the
 * schema, because strict structured-output modes reject minItems/maxLength keywords.
 */
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
