import type { InterviewRef } from "../../ports/interview-ref.js";
import type { Footprint, UserData } from "../../ports/user-data.js";
import type { EmbeddedSummaryArchive } from "./archive.js";
import type { EmbeddedPostedRecord } from "./posted.js";
import type { EmbeddedReviewStore } from "./reviews.js";
import type { EmbeddedSessionStore } from "./sessions.js";

/** A user's data across the embedded stores: found from their sessions, erased from every store (and its file). */
export class EmbeddedUserData implements UserData {
  constructor(
    private readonly stores: { sessions: EmbeddedSessionStore; archive: EmbeddedSummaryArchive; reviews: EmbeddedReviewStore; posted: EmbeddedPostedRecord },
  ) {}

  async footprint(user: string): Promise<Footprint> {
    const threads = this.stores.sessions.threadsOf(user);
    const refs = refsOf(threads);
    return {
      threads,
      interviews: refs.length,
      summaries: refs.filter((ref) => this.stores.archive.has(ref)).length,
      reviewsReceived: refs.reduce((sum, ref) => sum + this.stores.reviews.count(ref), 0),
    };
  }

  /** Nothing waits in the embedded stores: the terminal has no inbox or due summaries of its own here. */
  async dropPending(): Promise<void> {}

  async erase(_user: string, found: Footprint): Promise<void> {
    const refs = refsOf(found.threads);
    // The interviews go first, so nothing attached can be written back to them from here on.
    for (const thread of found.threads) this.stores.sessions.drop(thread.threadKey, thread.interviewIds);
    this.stores.archive.forget(refs);
    this.stores.reviews.forget(refs);
    this.stores.posted.forget(refs);
  }
}

function refsOf(threads: Footprint["threads"]): InterviewRef[] {
  return threads.flatMap((thread) => thread.interviewIds.map((interviewId) => ({ threadKey: thread.threadKey, interviewId })));
}
