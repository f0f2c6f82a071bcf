import { LuaScript } from "./script.js";

/** KEYS: interviews hash. The thread's latest interview as stored JSON, or nil. */
export const READ_CURRENT = new LuaScript(
  "read-current",
  `local id = redis.call('HGET', KEYS[1], 'current')
if not id then return false end
return redis.call('HGET', KEYS[1], id)`,
  1,
);

/**
 * KEYS: interviews hash, thread lock, inbox. ARGV: interview id, session JSON, ttl ms, lock token,
 * inbox entries consumed. Saves the session and drops the events it answered in one step, but only
 * while the caller still holds the thread's lock, so a process that lost its lock cannot overwrite
 * a newer turn. Returns 1 when saved, 0 when the lock was lost.
 */
export const COMMIT_TURN = new LuaScript(
  "commit-turn",
  `if redis.call('GET', KEYS[2]) ~= ARGV[4] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'current', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local consumed = tonumber(ARGV[5])
if consumed > 0 then redis.call('LTRIM', KEYS[3], consumed, -1) end
return 1`,
  3,
);
