import { z } from "zod";
import { SessionSchema } from "../domain/session.js";

/** Enough to find the interview even after its thread has hosted a newer one. */
export const SummaryJobSchema = z.object({
  threadKey: z.string().min(1),
  interviewId: SessionSchema.shape.id,
});
export type SummaryJob = z.infer<typeof SummaryJobSchema>;

/**
 * BullMQ rejects custom ids containing `:` and ignores a second job with an id it still holds, so
 * the id comes from the interview's own colon-free id: ending twice enqueues once, and a second
 * interview in the same thread gets its own job.
 */
export function summaryJobId(interviewId: string): string {
  return `summary-${interviewId}`;
}
