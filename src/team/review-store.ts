import type { Redis } from "ioredis";
import { z } from "zod";
import { storage } from "../domain/storage-errors.js";
import { writeAttached } from "../infra/redis/attached.js";
import type { KeySpace } from "../infra/redis/keys.js";
import { ReviewInputSchema } from "./port.js";

/** One reviewer's review of one interview. The reviewer is kept by user key only, never by name. */
export const StoredReviewSchema = ReviewInputSchema.extend({
  reviewer: z.string().min(1),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type StoredReview = z.infer<typeof StoredReviewSchema>;

/**
 * Peer reviews in Redis: one hash per interview, inside the thread's hash tag, keyed by reviewer,
 * so a second review by the same person replaces the first. The hash expires with the interview
 * it belongs to, however late the review came.
 */
export class ReviewStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
  ) {}

  async get(threadKey: string, interviewId: string, reviewer: string): Promise<StoredReview | null> {
    const raw = await storage(() => this.redis.hget(this.keys.reviews(threadKey, interviewId), reviewer));
    return raw === null ? null : parse(raw);
  }

  /** Saves the review, expiring with its interview; false when the interview is gone. */
  async put(threadKey: string, interviewId: string, review: StoredReview): Promise<boolean> {
    const key = this.keys.reviews(threadKey, interviewId);
    return writeAttached(this.redis, this.keys, { threadKey, interviewId }, key, { kind: "hset", field: review.reviewer, value: JSON.stringify(review) }, this.ttlMs);
  }

  /** Every readable review of the interview, oldest first. */
  async all(threadKey: string, interviewId: string): Promise<StoredReview[]> {
    const raw = await storage(() => this.redis.hvals(this.keys.reviews(threadKey, interviewId)));
    return raw
      .map(parse)
      .filter((review) => review !== null)
      .sort((a, b) => a.createdAt - b.createdAt);
  }
}

function parse(raw: string): StoredReview | null {
  try {
    const parsed = StoredReviewSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON: read as missing, like an unreadable summary, so one bad entry does not hide the rest.
    return null;
  }
}
