import type { RedisClient } from "./client.js";
import { z } from "zod";
import { LockLostError, type Lease } from "../../ports/lock.js";
import type { OutboxStore, StoredReply } from "../../ports/outbox.js";
import { storage } from "../../domain/storage-errors.js";
import type { KeySpace } from "./keys.js";
import { ATTEMPT_REPLY, SETTLE_REPLY } from "./turn-scripts.js";

const StoredReplySchema = z.object({
  id: z.string().min(1),
  messages: z.string(),
  replaces: z.string(),
  interview: z.string(),
  delivered: z.coerce.number().int().min(0),
  attempts: z.coerce.number().int().min(1),
});

/** Each thread's committed reply in a Redis hash, queued by COMMIT_TURN with its turn. */
export class RedisOutboxStore implements OutboxStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async attempt(lease: Lease): Promise<StoredReply | null | "unreadable"> {
    const { threadKey } = lease;
    const raw = await storage(() => ATTEMPT_REPLY.run(this.redis, [this.keys.lock(threadKey), this.keys.outbox(threadKey)], [lease.token]));
    if (raw === null) throw new LockLostError(threadKey);
    if (!Array.isArray(raw) || raw.length === 0) return null;
    const fields: Record<string, unknown> = {};
    for (let index = 0; index + 1 < raw.length; index += 2) fields[String(raw[index])] = raw[index + 1];
    const stored = StoredReplySchema.safeParse(fields);
    if (stored.success) return stored.data;
    await storage(() => this.redis.del(this.keys.outbox(threadKey)));
    return "unreadable";
  }

  async settle(threadKey: string, replyId: string, delivered: number, total: number): Promise<void> {
    await storage(() => SETTLE_REPLY.run(this.redis, [this.keys.outbox(threadKey)], [replyId, delivered, total]));
  }
}
