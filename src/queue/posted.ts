import type { Redis } from "ioredis";
import type { KeySpace } from "../store/keys.js";
import type { SummaryJob } from "./summary-job.js";

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

  async record(job: SummaryJob, kind: PostedKind): Promise<void> {
    const key = this.keys.posted(job.threadKey, job.interviewId);
    await this.redis.multi().hsetnx(key, kind, String(Date.now())).pexpire(key, this.ttlMs).exec();
  }
}
