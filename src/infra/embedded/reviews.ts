import { join } from "node:path";
import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { InterviewRef } from "../../ports/interview-ref.js";
import { StoredReviewSchema, type ReviewStore, type StoredReview } from "../../ports/reviews.js";
import { ExpiringMap, interviewKey } from "./expiring-map.js";
import type { EmbeddedSessionStore } from "./sessions.js";

/** One interview's reviews by reviewer key; pairs, since a reviewer key is any string. */
const ReviewsSchema = z.array(z.tuple([z.string(), StoredReviewSchema]));

/** Peer reviews in process (and `reviews.json`), one per reviewer per interview, living as long as the interview. */
export class EmbeddedReviewStore implements ReviewStore {
  private readonly reviews: ExpiringMap<typeof ReviewsSchema>;

  constructor(
    private readonly sessions: EmbeddedSessionStore,
    clock: Clock,
    dataDir?: string,
  ) {
    this.reviews = new ExpiringMap(clock, ReviewsSchema, dataDir === undefined ? null : join(dataDir, "reviews.json"));
  }

  async get(threadKey: string, interviewId: string, reviewer: string): Promise<StoredReview | null> {
    return this.reviews.get(interviewKey(threadKey, interviewId))?.find(([key]) => key === reviewer)?.[1] ?? null;
  }

  async put(threadKey: string, interviewId: string, review: StoredReview): Promise<boolean> {
    const expiresAt = this.sessions.lifetime({ threadKey, interviewId });
    if (expiresAt === undefined) return false;
    const key = interviewKey(threadKey, interviewId);
    const others = (this.reviews.get(key) ?? []).filter(([reviewer]) => reviewer !== review.reviewer);
    this.reviews.set(key, [...others, [review.reviewer, StoredReviewSchema.parse(review)]], expiresAt);
    return true;
  }

  async all(threadKey: string, interviewId: string): Promise<StoredReview[]> {
    return (this.reviews.get(interviewKey(threadKey, interviewId)) ?? []).map(([, review]) => review).sort((a, b) => a.createdAt - b.createdAt);
  }

  count(ref: InterviewRef): number {
    return this.reviews.get(interviewKey(ref.threadKey, ref.interviewId))?.length ?? 0;
  }

  forget(refs: readonly InterviewRef[]): void {
    this.reviews.delete(refs.map((ref) => interviewKey(ref.threadKey, ref.interviewId)));
  }
}
