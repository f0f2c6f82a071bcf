import { join } from "node:path";
import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { InterviewRef } from "../../ports/interview-ref.js";
import { PostedKindSchema, type PostedKind, type PostedRecord } from "../../ports/posted.js";
import { ExpiringMap, interviewKey } from "./expiring-map.js";
import type { EmbeddedSessionStore } from "./sessions.js";

const PostedSchema = z.partialRecord(PostedKindSchema, z.number());

/** The posted record in process (and `posted.json`), attached to its interview like its scorecard. */
export class EmbeddedPostedRecord implements PostedRecord {
  private readonly posted: ExpiringMap<typeof PostedSchema>;

  constructor(
    private readonly sessions: EmbeddedSessionStore,
    private readonly clock: Clock,
    /** How long a failure notice for an interview that is gone is remembered (SESSION_TTL_DAYS). */
    private readonly ttlMs: number,
    dataDir?: string,
  ) {
    this.posted = new ExpiringMap(clock, PostedSchema, dataDir === undefined ? null : join(dataDir, "posted.json"));
  }

  async has(interview: InterviewRef, kind: PostedKind): Promise<boolean> {
    return this.posted.get(interviewKey(interview.threadKey, interview.interviewId))?.[kind] !== undefined;
  }

  async record(interview: InterviewRef, kind: PostedKind): Promise<void> {
    const key = interviewKey(interview.threadKey, interview.interviewId);
    const now = this.clock.now();
    const lifetime = this.sessions.lifetime(interview);
    const expiresAt = lifetime ?? (kind === "failure-notice" ? now + this.ttlMs : undefined);
    if (expiresAt === undefined) return;
    const earlier = this.posted.get(key) ?? {};
    // First record wins, as HSETNX: a re-run does not move when it was posted.
    this.posted.set(key, { [kind]: now, ...earlier }, expiresAt);
  }

  forget(refs: readonly InterviewRef[]): void {
    this.posted.delete(refs.map((ref) => interviewKey(ref.threadKey, ref.interviewId)));
  }
}
