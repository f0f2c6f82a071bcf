import { join } from "node:path";
import type { Clock } from "../../core/clock.js";
import { StoredSummarySchema, type StoredSummary, type SummaryArchive } from "../../ports/archive.js";
import type { InterviewRef } from "../../ports/interview-ref.js";
import { ExpiringMap, interviewKey } from "./expiring-map.js";
import type { EmbeddedSessionStore } from "./sessions.js";

/** Summaries in process (and `summaries.json`), kept only while their interview is, and for no longer. */
export class EmbeddedSummaryArchive implements SummaryArchive {
  private readonly summaries: ExpiringMap<typeof StoredSummarySchema>;

  constructor(
    private readonly sessions: EmbeddedSessionStore,
    clock: Clock,
    dataDir?: string,
  ) {
    this.summaries = new ExpiringMap(clock, StoredSummarySchema, dataDir === undefined ? null : join(dataDir, "summaries.json"));
  }

  async save(stored: StoredSummary): Promise<boolean> {
    // Checked and written in one synchronous step: nothing else runs in between, as in the Redis script.
    const expiresAt = this.sessions.lifetime(stored);
    if (expiresAt === undefined) return false;
    this.summaries.set(interviewKey(stored.threadKey, stored.interviewId), StoredSummarySchema.parse(stored), expiresAt);
    return true;
  }

  async get(threadKey: string, interviewId: string): Promise<StoredSummary | null> {
    return this.summaries.get(interviewKey(threadKey, interviewId)) ?? null;
  }

  async getMany(refs: readonly InterviewRef[]): Promise<Array<StoredSummary | null>> {
    return refs.map((ref) => this.summaries.get(interviewKey(ref.threadKey, ref.interviewId)) ?? null);
  }

  has(ref: InterviewRef): boolean {
    return this.summaries.get(interviewKey(ref.threadKey, ref.interviewId)) !== undefined;
  }

  forget(refs: readonly InterviewRef[]): void {
    this.summaries.delete(refs.map((ref) => interviewKey(ref.threadKey, ref.interviewId)));
  }
}
