import type { RedisClient } from "./client.js";
import type { Clock } from "../../core/clock.js";
import { systemClock } from "../../core/clock.js";
import { storage } from "../../domain/storage-errors.js";
import type { KeySpace } from "./keys.js";
import type { InterviewRef } from "../../ports/interview-ref.js";
import type { PostedKind, PostedRecord } from "../../ports/posted.js";
import { writeAttached } from "./attached.js";

/** The posted record in Redis: a hash per interview (kind → when), attached to the interview like its scorecard. */
export class RedisPostedRecord implements PostedRecord {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    private readonly ttlMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  async has(interview: InterviewRef, kind: PostedKind): Promise<boolean> {
    return (await storage(() => this.redis.hexists(this.keys.posted(interview.threadKey, interview.interviewId), kind))) === 1;
  }

  async record(interview: InterviewRef, kind: PostedKind): Promise<void> {
    const key = this.keys.posted(interview.threadKey, interview.interviewId);
    const write = { kind: "hsetnx", field: kind, value: String(this.clock.now()) } as const;
    if (await writeAttached(this.redis, this.keys, interview, key, write, this.ttlMs)) return;
    if (kind === "failure-notice") await storage(() => this.redis.multi().hsetnx(key, kind, write.value).pexpire(key, this.ttlMs).exec());
  }
}
