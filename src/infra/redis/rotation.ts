import type { RedisClient } from "./client.js";
import { systemClock, type Clock } from "../../core/clock.js";
import type { KeySpace } from "./keys.js";
import { LuaScript } from "./script.js";
import { MIN_ROTATION_TTL_MS, type Rotation } from "../../ports/schedules.js";

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

/** The rotation in Redis, renewed (SESSION_TTL_DAYS, at least eight days) on every tick. */
export class RedisRotation implements Rotation {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeySpace,
    ttlMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    // Ticks are a week apart: a retention shorter than that would forget the rotation between them.
    this.ttlMs = Math.max(ttlMs, MIN_ROTATION_TTL_MS);
  }

  async pick(channelKey: string, tickId: string, ordered: readonly string[]): Promise<string | null> {
    if (ordered.length === 0) throw new Error("no problems to pick from");
    const picked = await PICK.run(this.redis, this.rotationKeys(channelKey), [tickId, this.ttlMs, ...ordered]);
    if (picked === null) return null;
    if (typeof picked !== "string") throw new Error(`practice-pick returned ${String(picked)}`);
    return picked;
  }

  /**
   * Its pick is no longer needed once the tick is marked (the mark stops a re-run first), so the
   * ticks hash holds only ticks in flight; marks older than the TTL go, as no retry comes that late.
   */
  async recordPosted(channelKey: string, tickId: string): Promise<void> {
    const posted = this.keys.schedulePosted(channelKey);
    const now = this.clock.now();
    await this.redis
      .multi()
      .zadd(posted, now, tickId)
      .zremrangebyscore(posted, "-inf", now - this.ttlMs)
      .pexpire(posted, this.ttlMs)
      .hdel(this.keys.scheduleTicks(channelKey), tickId)
      .exec();
  }

  async clear(channelKey: string): Promise<void> {
    await this.redis.del(...this.rotationKeys(channelKey));
  }

  private rotationKeys(channelKey: string): string[] {
    return [this.keys.scheduleTicks(channelKey), this.keys.scheduleUsed(channelKey), this.keys.schedulePosted(channelKey)];
  }
}
