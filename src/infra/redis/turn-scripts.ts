import { LuaScript } from "./script.js";

/** Redis time in ms; all burst timing uses Redis's clock so processes on skewed clocks agree. */
const NOW = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

/**
 * KEYS: seen marker, inbox, interviews hash, last-message-at. ARGV: event JSON, dedupe ttl ms,
 * inbox ttl ms, needs an interview (1/0), is a message (1/0).
 * Takes an event in exactly once: skips threads without an interview (chatter in other threads),
 * skips events already seen, then appends. Returns {outcome, inbox length, candidate id}; the
 * candidate id (of the thread's current interview, for messages and presses) lets the intake show
 * a "thinking…" placeholder to the candidate alone, and tell only them during an outage.
 */
export const TAKE_IN = new LuaScript(
  "take-in",
  `if ARGV[4] == '1' and redis.call('HEXISTS', KEYS[3], 'current') == 0 then return {'ignored', 0} end
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then return {'duplicate', 0} end
${NOW}
local length = redis.call('RPUSH', KEYS[2], '{"at":' .. now .. ',"event":' .. ARGV[1] .. '}')
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if ARGV[5] == '1' then redis.call('SET', KEYS[4], now, 'PX', ARGV[3]) end
local candidate = ''
if ARGV[4] == '1' then
  local current = redis.call('HGET', KEYS[3], 'current')
  local raw = current and redis.call('HGET', KEYS[3], current)
  if raw then
    local ok, session = pcall(cjson.decode, raw)
    if ok and type(session) == 'table' and type(session.candidate) == 'table' and type(session.candidate.id) == 'string' then candidate = session.candidate.id end
  end
end
return {'queued', length, candidate}`,
  4,
);

/** {Redis now, last message time or 0, waiting entries, …extra}: what a turn needs to decide whether the burst is over. */
const peekReply = (extra = "") => `${NOW}
return {now, tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)${extra}}`;
const PEEK_REPLY = peekReply();

/** KEYS: inbox, last-message-at. ARGV: most entries. Returns a peek. */
export const PEEK = new LuaScript("peek", PEEK_REPLY, 2);

/**
 * KEYS: inbox, last-message-at, lock, outbox. ARGV: most entries, token, ttl ms. Takes the thread's
 * lock and peeks in one round trip, saying also whether a reply waits in the outbox (1/0); nil when
 * another process holds the lock.
 */
export const CLAIM = new LuaScript(
  "claim",
  `if not redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[3]) then return false end
${peekReply(", redis.call('EXISTS', KEYS[4])")}`,
  4,
);

/**
 * KEYS: inbox, last-message-at, lock. ARGV: most entries, token. After a turn: frees the lock when
 * nothing waits (returns 0), otherwise keeps it and returns a peek of what arrived meanwhile.
 */
export const FINISH = new LuaScript(
  "finish",
  `if redis.call('LLEN', KEYS[1]) == 0 then
  if redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
  return 0
end
${PEEK_REPLY}`,
  3,
);

/** KEYS: lock. ARGV: token, ttl ms. Extends the lock only for its holder; 1 when extended. */
export const RENEW = new LuaScript(
  "renew",
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  1,
);

/** KEYS: lock, inbox. ARGV: token. Frees the lock if still held; returns how many events still wait. */
export const RELEASE = new LuaScript(
  "release",
  `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return redis.call('LLEN', KEYS[2])`,
  2,
);

/** KEYS: lock, inbox. ARGV: token, count. Drops answered events while the lock holds; 1 when dropped. */
export const TRIM = new LuaScript(
  "trim",
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('LTRIM', KEYS[2], tonumber(ARGV[2]), -1)
return 1`,
  2,
);

/**
 * KEYS: lock, outbox. ARGV: token. For the lock's holder: counts one more delivery attempt of the
 * reply waiting in the outbox and returns it (HGETALL's flat list; empty when none waits); nil
 * when the lock is not the caller's.
 */
export const ATTEMPT_REPLY = new LuaScript(
  "attempt-reply",
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
if redis.call('EXISTS', KEYS[2]) == 0 then return {} end
redis.call('HINCRBY', KEYS[2], 'attempts', 1)
return redis.call('HGETALL', KEYS[2])`,
  2,
);

/**
 * KEYS: outbox. ARGV: reply id, messages delivered, messages in all. Records how much of the reply
 * the platform accepted, deleting it once all of it (or it is dropped); only while the outbox still
 * holds that reply. Not fenced by the lock: what a platform accepted is true whoever holds the thread.
 */
export const SETTLE_REPLY = new LuaScript(
  "settle-reply",
  `if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) >= tonumber(ARGV[3]) then redis.call('DEL', KEYS[1]) else redis.call('HSET', KEYS[1], 'delivered', ARGV[2]) end
return 1`,
  1,
);
