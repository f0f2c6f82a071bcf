import type { RedisClient } from "./client.js";
import type { KeySpace } from "./keys.js";
import type { Inbox, Peek, WaitingEntry } from "../../ports/inbox.js";
import { InboxEntrySchema, type InboxEntry, type InboxEvent } from "../../ports/events.js";
import { PEEK, TAKE_IN } from "./turn-scripts.js";
import type { ReplicaAcks } from "./script.js";

export interface InboxOptions {
  keys: KeySpace;
  /** How long an event id is remembered: longer than any platform keeps retrying. */
  dedupeTtlMs: number;
  /** Waiting events expire with the session they belong to. */
  ttlMs: number;
  /** Replicas that must hold an event before it is acknowledged to the platform. @defaultValue none */
  acks?: ReplicaAcks | undefined;
}

/**
 * Each thread's inbox: events appended atomically in arrival order, so concurrent messages from
 * any number of processes are all kept, then answered by whichever process takes the turn.
 */
export class RedisInbox implements Inbox {
  constructor(
    private readonly redis: RedisClient,
    private readonly options: InboxOptions,
  ) {}

  async takeIn(event: InboxEvent): Promise<{ outcome: "queued" | "duplicate" | "ignored"; candidateId?: string }> {
    const { keys } = this.options;
    const { threadKey } = event;
    const result = await TAKE_IN.run(
      this.redis,
      [keys.seen(threadKey, event.eventId), keys.inbox(threadKey), keys.interviews(threadKey), keys.lastMessageAt(threadKey)],
      [JSON.stringify(event), this.options.dedupeTtlMs, this.options.ttlMs, event.kind === "start" ? 0 : 1, event.kind === "message" ? 1 : 0],
      this.options.acks,
    );
    const outcome = Array.isArray(result) ? result[0] : undefined;
    if (outcome !== "queued" && outcome !== "duplicate" && outcome !== "ignored") throw new Error(`take-in script answered ${String(outcome)}`);
    // The worklist lets another process answer if this one dies before the turn is taken. It is
    // not awaited: commands on one connection run in order, so it lands before this turn's claim.
    if (outcome === "queued") this.markWaiting(threadKey).catch(() => undefined);
    const candidateId = Array.isArray(result) && typeof result[2] === "string" && result[2] ? result[2] : undefined;
    return candidateId ? { outcome, candidateId } : { outcome };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async peek(threadKey: string, max: number): Promise<Peek> {
    const { keys } = this.options;
    return readPeek(await PEEK.run(this.redis, [keys.inbox(threadKey), keys.lastMessageAt(threadKey)], [max]));
  }

  async settled(threadKey: string): Promise<void> {
    await this.redis.zrem(this.options.keys.pendingThreads, threadKey);
  }

  async markWaiting(threadKey: string): Promise<void> {
    await this.redis.zadd(this.options.keys.pendingThreads, "NX", Date.now(), threadKey);
  }

  async waitingSince(before: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.options.keys.pendingThreads, "-inf", before, "LIMIT", 0, limit);
  }
}

/** A peek as the PEEK, CLAIM and FINISH scripts return it (CLAIM adds a fourth element, read by ThreadLock). */
export function readPeek(result: unknown): Peek {
  if (!Array.isArray(result) || result.length < 3) throw new Error("inbox script answered an unexpected shape");
  const [now, lastMessageAt, raw] = result as [number, number, string[]];
  return { now: Number(now), lastMessageAt: Number(lastMessageAt), entries: raw.map(readEntry) };
}

function readEntry(raw: string): WaitingEntry {
  try {
    const parsed = InboxEntrySchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data satisfies InboxEntry;
  } catch {
    // Falls through: an unreadable entry is dropped rather than blocking the thread forever.
  }
  return { at: 0, event: null };
}
