import type { RedisClient } from "./client.js";
import { storage } from "../../domain/storage-errors.js";
import type { KeySpace } from "./keys.js";
import type { InterviewRef } from "../../ports/interview-ref.js";
import { StoredSummarySchema, type StoredSummary, type SummaryArchive } from "../../ports/archive.js";
import { writeAttached } from "./attached.js";
import { parseOrNull } from "./parse.js";

/**
 * Summaries in Redis: one key per interview inside the thread's hash tag, written only while the
 * interview exists and expiring with it (one Lua step, see attached.ts).
 */
export class RedisSummaryArchive implements SummaryArchive {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
  ) {}

  async save(stored: StoredSummary): Promise<boolean> {
    return writeAttached(this.redis, this.keys, stored, this.keys.summary(stored.threadKey, stored.interviewId), { kind: "set", value: JSON.stringify(stored) }, this.ttlMs);
  }

  async get(threadKey: string, interviewId: string): Promise<StoredSummary | null> {
    const raw = await storage(() => this.redis.get(this.keys.summary(threadKey, interviewId)));
    return raw === null ? null : parseOrNull(raw, StoredSummarySchema);
  }

  async getMany(refs: readonly InterviewRef[]): Promise<Array<StoredSummary | null>> {
    if (!refs.length) return [];
    // Separate GETs (ioredis still writes them in one go), not MGET or a pipeline: each key sits in
    // its own thread's slot, and a cluster refuses a multi-key command or pipeline across slots.
    const results = await storage(() => Promise.all(refs.map((ref) => this.redis.get(this.keys.summary(ref.threadKey, ref.interviewId)))));
    return results.map((raw) => (raw === null ? null : parseOrNull(raw, StoredSummarySchema)));
  }
}
