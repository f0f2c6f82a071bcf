import { z } from "zod";
import { AreaIdSchema, DimensionIdSchema } from "../content/schemas.js";

/**
 * What a focused follow-up interview aims at: the weakest dimensions and framework areas from the
 * candidate's past scorecards. The interviewer says so when it opens, and leans its probes there.
 */
export const FocusSchema = z.object({
  dimensions: z.array(DimensionIdSchema).max(3),
  areas: z.array(AreaIdSchema).max(4),
});
export type Focus = z.infer<typeof FocusSchema>;
