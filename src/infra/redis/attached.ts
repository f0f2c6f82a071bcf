import type { RedisClient } from "./client.js";
import { storage } from "../../domain/storage-errors.js";
import type { KeySpace } from "./keys.js";
import { LuaScript } from "./script.js";

/**
 * KEYS: the thread's interviews hash, the key to write. ARGV: interview id, write kind, field or
 * value, value, fallback TTL. Writes only while the interview exists and gives the key the
 * interview's remaining lifetime, in one step: so nothing that belongs to an interview (its
 * scorecard, reviews, posted record) outlives it, or is written back after forget-me deleted it.
 */
const WRITE_ATTACHED = new LuaScript(
  "write-attached",
  `if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then ttl = tonumber(ARGV[5]) end
if ARGV[2] == 'set' then
  redis.call('SET', KEYS[2], ARGV[3])
elseif ARGV[2] == 'hset' then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
else
  redis.call('HSETNX', KEYS[2], ARGV[3], ARGV[4])
end
redis.call('PEXPIRE', KEYS[2], ttl)
return 1`,
  2,
);

export type AttachedWrite = { kind: "set"; value: string } | { kind: "hset" | "hsetnx"; field: string; value: string };

/**
 * Writes `key` as part of one interview: false (and nothing written) when the interview is gone
 * (expired, or deleted by forget-me). Both keys share the thread's hash tag, so this stays on one
 * Redis Cluster slot.
 */
export async function writeAttached(redis: RedisClient, keys: KeySpace, interview: { threadKey: string; interviewId: string }, key: string, write: AttachedWrite, fallbackTtlMs: number): Promise<boolean> {
  const args = write.kind === "set" ? [write.value, ""] : [write.field, write.value];
  const written = await storage(() => WRITE_ATTACHED.run(redis, [keys.interviews(interview.threadKey), key], [interview.interviewId, write.kind, ...args, fallbackTtlMs]));
  return written === 1;
}
