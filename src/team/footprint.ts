import type { Redis } from "ioredis";
import { z } from "zod";
import { CandidateSchema } from "../domain/session.js";
import { storage } from "../domain/storage-errors.js";
import { CURRENT_FIELD, type KeySpace } from "../infra/redis/keys.js";

/** A thread holding some of the user's interviews. */
export interface ThreadFootprint {
  threadKey: string;
  /** The user's interviews there: those in their index and any others of theirs in the thread's hash. */
  interviewIds: string[];
  /** The thread also holds someone else's interview, so only the user's entries may go. */
  shared: boolean;
}

/** What is stored about a user as a candidate: what forget-me deletes and counts. */
export interface Footprint {
  threads: ThreadFootprint[];
  /** Interviews still stored (expired ones left in the index do not count). */
  interviews: number;
  summaries: number;
  reviewsReceived: number;
}

const IndexEntrySchema = z.tuple([z.string().min(1), z.string().min(1)]);
const OwnerSchema = z.object({ candidate: CandidateSchema.pick({ id: true }) });

/** Reads the user's whole candidate index (not a page of it) and what each thread it names holds. */
export async function footprint(redis: Redis, keys: KeySpace, user: string): Promise<Footprint> {
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
      const owner = parseJson(raw, OwnerSchema)?.candidate.id;
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

/** A `[threadKey, interviewId]` member, as the candidate index and the due-summaries set store them. */
export function parseEntry(member: string): [threadKey: string, interviewId: string] | null {
  return parseJson(member, IndexEntrySchema);
}

function parseJson<S extends z.ZodType>(raw: string, schema: S): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON: an entry written by something else, or damaged; it is nobody's we can name.
    return null;
  }
}
