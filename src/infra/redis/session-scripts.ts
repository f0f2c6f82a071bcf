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
 * KEYS: interviews hash, thread lock, inbox, placeholder, outbox. ARGV: lock token, inbox entries
 * consumed, ttl ms, interview id and session JSON (both empty: the turn saved no session), reply id
 * and messages JSON (both empty: no reply). One turn in one step, only while the caller still holds
 * the thread's lock (so a process that lost its lock cannot overwrite a newer turn): the session
 * saved, the events it answered dropped, and its reply queued in the outbox with the "thinking…"
 * placeholder it replaces, so no crash can keep one without the other. The outbox entry expires
 * with the interview. Returns false when the lock was lost, else the placeholder reference the
 * reply replaces (or an empty string).
 */
export const COMMIT_TURN = new LuaScript(
  "commit-turn",
  `if redis.call('GET', KEYS[2]) ~= ARGV[1] then return false end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], ARGV[4], ARGV[5], 'current', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
local consumed = tonumber(ARGV[2])
if consumed > 0 then redis.call('LTRIM', KEYS[3], consumed, -1) end
if ARGV[6] == '' then return '' end
local replaces = redis.call('GET', KEYS[4]) or ''
redis.call('DEL', KEYS[4])
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then ttl = tonumber(ARGV[3]) end
redis.call('HSET', KEYS[5], 'id', ARGV[6], 'messages', ARGV[7], 'replaces', replaces, 'interview', ARGV[4], 'delivered', 0, 'attempts', 1)
redis.call('PEXPIRE', KEYS[5], ttl)
return replaces`,
  5,
);
