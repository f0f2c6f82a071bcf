import type { Redis } from "ioredis";
import { hash } from "../content/bank.js";
import type { Problem } from "../content/schemas.js";
import type { KeySpace } from "../infra/redis/keys.js";
import { LuaScript } from "../infra/redis/script.js";

/**
 * KEYS: ticks hash, used set, posted sorted set. ARGV: tick id, ttl ms, candidate problem ids in
 * the channel's order. Returns nil when the tick is already posted; otherwise the tick's problem:
 * the one it picked on an earlier attempt, else the first candidate not yet used in this rotation;
 * when all are used a new rotation starts. One script, so two workers cannot pick twice for one tick.
 */
const PICK = new LuaScript(
  "practice-pick",
  `if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return false end
local picked = redis.call('HGET', KEYS[1], ARGV[1])
if not picked then
  for index = 3, #ARGV do
    if redis.call('SISMEMBER', KEYS[2], ARGV[index]) == 0 then
      picked = ARGV[index]
      break
    end
  end
  if not picked then
    redis.call('DEL', KEYS[2])
    picked = ARGV[3]
  end
  redis.call('SADD', KEYS[2], picked)
  redis.call('HSET', KEYS[1], ARGV[1], picked)
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return picked`,
  3,
);

/**
 * Which problem each tick of a channel's schedule posts: every problem once per rotation, and a
 * tick that runs again posts what it picked the first time, or nothing once it has posted. This
 * state is renewed (SESSION_TTL_DAYS) on every tick, so it lapses only with a schedule that stopped
 * ticking; the schedule itself is channel configuration and stays until someone removes it.
 */
/** Eight days: a weekly tick always finds the previous one's state. */
export const MIN_ROTATION_TTL_MS = 8 * 24 * 3600_000;

export class Rotation {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    ttlMs: number,
  ) {
    // Ticks are a week apart: a retention shorter than that would forget the rotation between them.
    this.ttlMs = Math.max(ttlMs, MIN_ROTATION_TTL_MS);
  }

  /** The tick's problem id among `candidates` (which must not be empty), or null once the tick has posted. */
  async pick(channelKey: string, tickId: string, candidates: readonly Problem[]): Promise<string | null> {
    if (candidates.length === 0) throw new Error("no problems to pick from");
    const ordered = channelOrder(channelKey, candidates);
    const picked = await PICK.run(this.redis, rotationKeys(this.keys, channelKey), [tickId, this.ttlMs, ...ordered]);
    if (picked === null) return null;
    if (typeof picked !== "string") throw new Error(`practice-pick returned ${String(picked)}`);
    return picked;
  }

  /**
   * Marks the tick posted. Its pick is no longer needed (the mark stops a re-run first), so the
   * ticks hash holds only ticks in flight; marks older than the TTL go, as no retry comes that late.
   */
  async recordPosted(channelKey: string, tickId: string): Promise<void> {
    const posted = this.keys.schedulePosted(channelKey);
    const now = Date.now();
    await this.redis
      .multi()
      .zadd(posted, now, tickId)
      .zremrangebyscore(posted, "-inf", now - this.ttlMs)
      .pexpire(posted, this.ttlMs)
      .hdel(this.keys.scheduleTicks(channelKey), tickId)
      .exec();
  }
}

/** Forgets a channel's rotation when its schedule is removed: one set again later starts afresh. */
export async function clearRotation(redis: Redis, keys: KeySpace, channelKey: string): Promise<void> {
  await redis.del(...rotationKeys(keys, channelKey));
}

function rotationKeys(keys: KeySpace, channelKey: string): string[] {
  return [keys.scheduleTicks(channelKey), keys.scheduleUsed(channelKey), keys.schedulePosted(channelKey)];
}

/**
 * The same order for a channel on every rotation, different between channels. Because it repeats,
 * the last problem of one rotation is not the first of the next (unless the bank has one problem).
 */
function channelOrder(channelKey: string, candidates: readonly Problem[]): string[] {
  return candidates
    .map((problem) => ({ id: problem.id, rank: hash(`${channelKey}#${problem.id}`) }))
    .sort((left, right) => left.rank - right.rank || left.id.localeCompare(right.id))
    .map((candidate) => candidate.id);
}
