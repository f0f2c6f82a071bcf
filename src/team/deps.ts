import type { Redis } from "ioredis";
import type { Clock } from "../core/clock.js";
import type { Content } from "../engine/context.js";
import type { Poster } from "../ports/poster.js";
import type { SummaryQueue } from "../infra/bullmq/summary-queue.js";
import type { KeySpace } from "../infra/redis/keys.js";
import type { RedisSessionStore } from "../infra/redis/sessions.js";
import type { Directory } from "./directory.js";

/** What the team features work with; the service builds it once for the bot role. */
export interface TeamDeps {
  redis: Redis;
  keys: KeySpace;
  /** SESSION_TTL_DAYS in ms: reviews and summaries expire with the interview they belong to. */
  ttlMs: number;
  store: RedisSessionStore;
  content: Content;
  poster: Poster;
  directory: Directory;
  /** So forget-me can remove an interview's summary job as well. */
  summaries: SummaryQueue;
  clock: Clock;
}
