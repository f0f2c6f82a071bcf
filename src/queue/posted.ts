import type { Redis } from "ioredis";
import { writeAttached } from "../infra/redis/attached.js";
import type { KeySpace } from "../infra/redis/keys.js";
import type { SummaryJob } from "../ports/summary-job.js";

export type PostedKind = "summary" | "failure-notice";

/**
 * What the worker has already posted for an interview. A job that runs again (its worker was
 * killed after posting, or the job was re-added after removal) finds the record and posts nothing.
 */
export class PostedRecord {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
  ) {}

  async has(job: SummaryJob, kind: PostedKind): Promise<boolean> {
    return (await this.redis.hexists(this.keys.posted(job.threadKey, job.interviewId), kind)) === 1;
  }

  /**
   * Records a post for as long as the interview is kept. A failure notice is recorded even for an
   * interview that is gone (that is often why it failed), so the notice is never repeated; a
   * summary for a forgotten interview leaves nothing behind.
   */
  async record(job: SummaryJob, kind: PostedKind): Promise<void> {
    const key = this.keys.posted(job.threadKey, job.interviewId);
    const write = { kind: "hsetnx", field: kind, value: String(Date.now()) } as const;
    if (await writeAttached(this.redis, this.keys, job, key, write, this.ttlMs)) return;
    if (kind === "failure-notice") await this.redis.multi().hsetnx(key, kind, write.value).pexpire(key, this.ttlMs).exec();
  }
}
