import { systemClock, type Clock } from "../../core/clock.js";
import type { SummaryJobs } from "../../ports/user-data.js";
import { EmbeddedSummaryArchive } from "./archive.js";
import { EmbeddedPostedRecord } from "./posted.js";
import { EmbeddedReviewStore } from "./reviews.js";
import { EmbeddedRotation } from "./rotation.js";
import { EmbeddedScheduleRecords } from "./schedule-records.js";
import { EmbeddedSessionStore } from "./sessions.js";
import { EmbeddedUserData } from "./user-data.js";

/** SESSION_TTL_DAYS' default: data lives as long as it would on the bot. */
export const DEFAULT_EMBEDDED_TTL_MS = 30 * 24 * 3600_000;

export interface EmbeddedTeamStorageOptions {
  /** The folder to persist to (see resolveDataDir). @defaultValue in memory only: gone when the process ends */
  dataDir?: string | undefined;
  clock?: Clock | undefined;
  /** How long an interview and everything attached to it is kept after its last save. @defaultValue DEFAULT_EMBEDDED_TTL_MS */
  ttlMs?: number | undefined;
}

/** No queue in process: the caller writes the summary itself, so forget-me has no job to remove. */
const NO_SUMMARY_JOBS: SummaryJobs = { remove: async () => false };

/**
 * Every team-side port plus the session store, embedded and sharing one notion of which interviews
 * exist, so a scorecard or review is kept only while its interview is. Spread it into TeamDeps.
 * Files in `dataDir`: sessions.json, summaries.json, reviews.json, posted.json, schedules.json,
 * rotation.json. Each store re-reads its file before each change, so two terminals open on one
 * folder keep each other's interviews.
 */
export function embeddedTeamStorage(options: EmbeddedTeamStorageOptions = {}) {
  const clock = options.clock ?? systemClock;
  const ttlMs = options.ttlMs ?? DEFAULT_EMBEDDED_TTL_MS;
  const { dataDir } = options;
  const store = new EmbeddedSessionStore({ ttlMs, dataDir, clock });
  const archive = new EmbeddedSummaryArchive(store, clock, dataDir);
  const reviews = new EmbeddedReviewStore(store, clock, dataDir);
  const posted = new EmbeddedPostedRecord(store, clock, ttlMs, dataDir);
  return {
    store,
    archive,
    reviews,
    posted,
    userData: new EmbeddedUserData({ sessions: store, archive, reviews, posted }),
    summaries: NO_SUMMARY_JOBS,
    records: new EmbeddedScheduleRecords(clock, dataDir),
    rotation: new EmbeddedRotation(clock, ttlMs, dataDir),
  };
}

export type EmbeddedTeamStorage = ReturnType<typeof embeddedTeamStorage>;
