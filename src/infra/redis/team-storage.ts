import type { RedisClient } from "./client.js";
import { systemClock, type Clock } from "../../core/clock.js";
import type { SummaryArchive } from "../../ports/archive.js";
import type { PostedRecord } from "../../ports/posted.js";
import type { ReviewStore } from "../../ports/reviews.js";
import type { UserData } from "../../ports/user-data.js";
import type { KeySpace } from "./keys.js";
import { RedisSummaryArchive } from "./archive.js";
import { RedisPostedRecord } from "./posted.js";
import { RedisReviewStore } from "./reviews.js";
import { RedisUserData } from "./user-data.js";

export interface RedisTeamStorage {
  archive: SummaryArchive;
  reviews: ReviewStore;
  posted: PostedRecord;
  userData: UserData;
}

/** The team-side ports on one Redis connection; `ttlMs` (SESSION_TTL_DAYS) is only the fallback when an interview's own lifetime is unknown. */
export function redisTeamStorage(redis: RedisClient, keys: KeySpace, ttlMs: number, clock: Clock = systemClock): RedisTeamStorage {
  return {
    archive: new RedisSummaryArchive(redis, keys, ttlMs),
    reviews: new RedisReviewStore(redis, keys, ttlMs),
    posted: new RedisPostedRecord(redis, keys, ttlMs, clock),
    userData: new RedisUserData(redis, keys),
  };
}
