import type { RedisClient } from "./client.js";
import type { KeySpace } from "./keys.js";
import type { DueSummaries } from "../../ports/summaries.js";
import { SummaryJobSchema, type SummaryJob } from "../../ports/summary-job.js";

/**
 * Ended interviews whose summary has not been requested yet. The mark is written before the
 * ending turn is saved and cleared once the job is enqueued, so a crash in between is repaired
 * by the sweeper instead of leaving the candidate without a scorecard.
 */
export class RedisDueSummaries implements DueSummaries {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async mark(job: SummaryJob): Promise<void> {
    await this.redis.zadd(this.keys.summariesDue, "NX", Date.now(), member(job));
  }

  async clear(job: SummaryJob): Promise<void> {
    await this.redis.zrem(this.keys.summariesDue, member(job));
  }

  /** Marks older than `before` (epoch ms), oldest first, with when they were made. */
  async overdue(before: number, limit: number): Promise<Array<{ job: SummaryJob; markedAt: number }>> {
    const flat = await this.redis.zrangebyscore(this.keys.summariesDue, "-inf", before, "WITHSCORES", "LIMIT", 0, limit);
    const marks: Array<{ job: SummaryJob; markedAt: number }> = [];
    for (let index = 0; index + 1 < flat.length; index += 2) {
      const job = parse(flat[index] ?? "");
      if (job) marks.push({ job, markedAt: Number(flat[index + 1]) });
      else await this.redis.zrem(this.keys.summariesDue, flat[index] ?? "");
    }
    return marks;
  }
}

function member(job: SummaryJob): string {
  return JSON.stringify([job.threadKey, job.interviewId]);
}

function parse(raw: string): SummaryJob | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return null;
    const parsed = SummaryJobSchema.safeParse({ threadKey: value[0], interviewId: value[1] });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
