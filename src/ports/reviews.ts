import { z } from "zod";
import { DimensionIdSchema, RatingSchema } from "../content/schemas.js";

export const ReviewInputSchema = z.object({
  ratings: z.partialRecord(DimensionIdSchema, RatingSchema),
  comments: z.partialRecord(DimensionIdSchema, z.string().trim().max(1_000)),
  notes: z.string().trim().max(3_000),
});
/** What a reviewer fills in: a named rating and a comment per dimension (each optional), and overall notes. */
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** One reviewer's review of one interview. The reviewer is kept by user key only, never by name. */
export const StoredReviewSchema = ReviewInputSchema.extend({
  reviewer: z.string().min(1),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type StoredReview = z.infer<typeof StoredReviewSchema>;

/**
 * Peer reviews, one per reviewer per interview: a second review by the same person replaces the
 * first. Reviews live exactly as long as the interview they belong to, however late they came.
 */
export interface ReviewStore {
  get(threadKey: string, interviewId: string, reviewer: string): Promise<StoredReview | null>;
  /** Saves the review for the interview's remaining lifetime; false (nothing saved) when the interview is gone. */
  put(threadKey: string, interviewId: string, review: StoredReview): Promise<boolean>;
  /** Every readable review of the interview, oldest first. */
  all(threadKey: string, interviewId: string): Promise<StoredReview[]>;
}
