import type { Clock } from "../../core/clock.js";
import type { Content } from "../../engine/context.js";
import type { Poster } from "../../ports/poster.js";
import type { SummaryArchive } from "../../ports/archive.js";
import type { ReviewStore } from "../../ports/reviews.js";
import type { SummaryJobs, UserData } from "../../ports/user-data.js";
import type { SessionStore } from "../../ports/sessions.js";
import type { Directory } from "../../ports/directory.js";

/** Where the team features keep their data: Redis for the bot, embedded (in memory or on disk) for the terminal. */
export interface TeamStorage {
  store: SessionStore;
  archive: SummaryArchive;
  reviews: ReviewStore;
  userData: UserData;
  /** So forget-me can remove an interview's summary job as well. */
  summaries: SummaryJobs;
}

/** What the team features work with; the composition root builds it once. */
export interface TeamDeps extends TeamStorage {
  content: Content;
  poster: Poster;
  directory: Directory;
  clock: Clock;
}
