import { scanEach, type RedisClient } from "./client.js";
import { z } from "zod";
import { CandidateSchema } from "../../domain/session.js";
import { storage } from "../../domain/storage-errors.js";
import { CURRENT_FIELD, type KeySpace } from "./keys.js";
import { LuaScript } from "./script.js";
import type { Footprint, ThreadFootprint, UserData } from "../../ports/user-data.js";
import { parseOrNull } from "./parse.js";

/**
 * KEYS: interviews hash, outbox. ARGV: interview ids. Drops those interviews from a thread another
 * candidate also uses, and `current` with them when it names one, and a reply of theirs still
 * waiting to be delivered, in one step so a concurrent start by the other candidate keeps its own
 * `current`.
 */
const DROP_INTERVIEWS = new LuaScript(
  "drop-interviews",
  `local current = redis.call('HGET', KEYS[1], 'current')
local replying = redis.call('HGET', KEYS[2], 'interview')
for _, id in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], id)
  if id == current then redis.call('HDEL', KEYS[1], 'current') end
  if id == replying then redis.call('DEL', KEYS[2]) end
end
return 1`,
  2,
);

const SCAN_BATCH = 500;

const IndexEntrySchema = z.tuple([z.string().min(1), z.string().min(1)]);
const OwnerSchema = z.object({ candidate: CandidateSchema.pick({ id: true }) });

/** A user's data in Redis: their candidate index, the threads it names and every key attached to their interviews. */
export class RedisUserData implements UserData {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
  ) {}

  async footprint(user: string): Promise<Footprint> {
    const { redis, keys } = this;
    const members = await storage(() => redis.zrange(keys.candidate(user), 0, "-1"));
    const indexed = new Map<string, Set<string>>();
    for (const member of members) {
      const entry = parseEntry(member);
      if (entry) indexed.set(entry[0], (indexed.get(entry[0]) ?? new Set()).add(entry[1]));
    }
    const result: Footprint = { threads: [], interviews: 0, summaries: 0, reviewsReceived: 0 };
    for (const [threadKey, ids] of indexed) {
      const stored = await storage(() => redis.hgetall(keys.interviews(threadKey)));
      let shared = false;
      for (const [id, raw] of Object.entries(stored)) {
        if (id === CURRENT_FIELD) continue;
        const owner = parseOrNull(raw, OwnerSchema)?.candidate.id;
        if (owner === user) ids.add(id);
        else if (owner !== undefined) shared = true;
      }
      const interviewIds = [...ids];
      const pipeline = redis.pipeline();
      for (const id of interviewIds) pipeline.exists(keys.summary(threadKey, id)).hlen(keys.reviews(threadKey, id));
      const counts = ((await storage(() => pipeline.exec())) ?? []).map(([error, value]) => (error ? 0 : Number(value)));
      result.threads.push({ threadKey, interviewIds, shared });
      result.interviews += interviewIds.filter((id) => id in stored).length;
      result.summaries += counts.filter((_, index) => index % 2 === 0).reduce((sum, count) => sum + count, 0);
      result.reviewsReceived += counts.filter((_, index) => index % 2 === 1).reduce((sum, count) => sum + count, 0);
    }
    return result;
  }

  async dropPending(found: Footprint): Promise<void> {
    const { redis, keys } = this;
    const wholeThreads = found.threads.filter((thread) => !thread.shared).map((thread) => thread.threadKey);
    const members = await storage(() => redis.zrange(keys.summariesDue, 0, "-1"));
    const gone = members.filter((member) => {
      const entry = parseEntry(member);
      if (entry === null) return false;
      const [threadKey, id] = entry;
      return wholeThreads.includes(threadKey) || found.threads.some((thread) => thread.threadKey === threadKey && thread.interviewIds.includes(id));
    });
    if (gone.length) await storage(() => redis.zrem(keys.summariesDue, ...gone));
    if (wholeThreads.length) await storage(() => redis.zrem(keys.pendingThreads, ...wholeThreads));
  }

  async erase(user: string, found: Footprint): Promise<void> {
    for (const thread of found.threads) await (thread.shared ? this.dropInterviews(thread) : this.dropThread(thread));
    await storage(() => this.redis.unlink(this.keys.candidate(user)));
  }

  /** Every key inside the thread's hash tag: the known ones by name, then whatever else a scan finds. */
  private async dropThread(thread: ThreadFootprint): Promise<void> {
    const { redis, keys } = this;
    const { threadKey } = thread;
    const exact = [
      keys.interviews(threadKey),
      keys.inbox(threadKey),
      keys.lastMessageAt(threadKey),
      keys.lock(threadKey),
      keys.placeholder(threadKey),
      keys.outbox(threadKey),
      ...this.interviewKeys(thread),
    ];
    await storage(() => redis.unlink(...exact));
    // The pattern pins the thread's hash tag, so each batch found is one slot's keys.
    const pattern = `${escapeGlob(keys.thread(threadKey))}:*`;
    await storage(() => scanEach(redis, pattern, SCAN_BATCH, async (found) => void (await redis.unlink(...found))));
  }

  /** The user's interviews and their keys only, in a thread someone else's interview shares. */
  private async dropInterviews(thread: ThreadFootprint): Promise<void> {
    const { redis, keys } = this;
    if (!thread.interviewIds.length) return;
    await storage(() => DROP_INTERVIEWS.run(redis, [keys.interviews(thread.threadKey), keys.outbox(thread.threadKey)], thread.interviewIds));
    await storage(() => redis.unlink(...this.interviewKeys(thread)));
  }

  private interviewKeys(thread: ThreadFootprint): string[] {
    const { keys } = this;
    return thread.interviewIds.flatMap((id) => [keys.summary(thread.threadKey, id), keys.reviews(thread.threadKey, id), keys.posted(thread.threadKey, id)]);
  }
}

/** A `[threadKey, interviewId]` member, as the candidate index and the due-summaries set store them. */
export function parseEntry(member: string): [threadKey: string, interviewId: string] | null {
  return parseOrNull(member, IndexEntrySchema);
}

/** Redis SCAN MATCH treats these as wildcards; a thread key may contain any of them. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}
