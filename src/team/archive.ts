import type { Redis } from "ioredis";
import { z } from "zod";
import { LevelSchema } from "../content/levels.js";
import { writeAttached } from "../infra/redis/attached.js";
import { storage } from "../domain/storage-errors.js";
import type { KeySpace } from "../infra/redis/keys.js";
import { SummarySchema, type Summary } from "../domain/summary.js";

/** A summary as kept after posting: what history, focus and progress read back. */
export const StoredSummarySchema = z.object({
  threadKey: z.string(),
  interviewId: z.string(),
  candidateId: z.string(),
  level: LevelSchema.nullable(),
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  summary: SummarySchema,
});
export type StoredSummary = z.infer<typeof StoredSummarySchema>;

/**
 * Summaries the worker wrote, one key per interview inside the thread's hash tag, expiring with
 * the interview they summarise. Unreadable entries read as missing rather than failing a list.
 */
export class SummaryArchive {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
  ) {}

  /** Keeps the summary for as long as its interview is kept; false (nothing kept) when the interview is gone. */
  async save(stored: StoredSummary): Promise<boolean> {
    return writeAttached(this.redis, this.keys, stored, this.keys.summary(stored.threadKey, stored.interviewId), { kind: "set", value: JSON.stringify(stored) }, this.ttlMs);
  }

  async get(threadKey: string, interviewId: string): Promise<StoredSummary | null> {
    const raw = await storage(() => this.redis.get(this.keys.summary(threadKey, interviewId)));
    return raw === null ? null : parse(raw);
  }

  /** Many at once, in the order asked; null where there is none (not written yet, expired, unreadable). */
  async getMany(refs: ReadonlyArray<{ threadKey: string; interviewId: string }>): Promise<Array<StoredSummary | null>> {
    if (!refs.length) return [];
    // A pipeline of GETs, not MGET: each key sits in its own thread's cluster slot.
    const pipeline = this.redis.pipeline();
    for (const ref of refs) pipeline.get(this.keys.summary(ref.threadKey, ref.interviewId));
    const results = (await storage(() => pipeline.exec())) ?? [];
    return results.map(([error, raw]) => (error || typeof raw !== "string" ? null : parse(raw)));
  }
}

function parse(raw: string): StoredSummary | null {
  try {
    const parsed = StoredSummarySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type { Summary };
