import type { RedisClient } from "./client.js";
import { storage } from "../../domain/storage-errors.js";
import type { KeySpace } from "./keys.js";
import { StoredReviewSchema, type ReviewStore, type StoredReview } from "../../ports/reviews.js";
import { writeAttached } from "./attached.js";
import { parseOrNull } from "./parse.js";

/**
 * Peer reviews in Redis: one hash per interview, inside the thread's hash tag, keyed by reviewer,
 * so a second review by the same person replaces the first. The hash expires with the interview
 * it belongs to, however late the review came.
 */
export class RedisReviewStore implements ReviewStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
  ) {}

  async get(threadKey: string, interviewId: string, reviewer: string): Promise<StoredReview | null> {
    const raw = await storage(() => this.redis.hget(this.keys.reviews(threadKey, interviewId), reviewer));
    return raw === null ? null : parseOrNull(raw, StoredReviewSchema);
  }

  async put(threadKey: string, interviewId: string, review: StoredReview): Promise<boolean> {
    const key = this.keys.reviews(threadKey, interviewId);
    return writeAttached(this.redis, this.keys, { threadKey, interviewId }, key, { kind: "hset", field: review.reviewer, value: JSON.stringify(review) }, this.ttlMs);
  }

  async all(threadKey: string, interviewId: string): Promise<StoredReview[]> {
    const raw = await storage(() => this.redis.hvals(this.keys.reviews(threadKey, interviewId)));
    return raw
      .map((entry) => parseOrNull(entry, StoredReviewSchema))
      .filter((review) => review !== null)
      .sort((a, b) => a.createdAt - b.createdAt);
  }
}
