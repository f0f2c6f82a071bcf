/** BullMQ worker settings that decide how soon a dead worker's job is taken over. */
export interface TakeoverTimings {
  lockDuration: number;
  stalledInterval: number;
}

/**
 * Lock and stall-check timings under which a job whose worker died is taken over within `lockMs`
 * (WORKER_LOCK_MS). BullMQ moves a job back to wait only at a stall check that finds it unlocked
 * and marked by an earlier check made since the lock's last renewal. Checks are throttled by a key
 * that lasts one stalledInterval, which the dead worker may have set just before dying, and a
 * surviving worker tries on its own timer, so the first check after the kill can come up to two
 * intervals late. The worst case is therefore max(3 × stalledInterval, lockDuration +
 * stalledInterval) after the kill. With both equal to `lockMs`, as before, that was 3 × `lockMs`
 * (the 92 s seen with the default 30 s); a half and a quarter make it ¾ × `lockMs`, leaving a
 * quarter for picking the job up. How long the job runs (a summary's LLM call) does not matter: a
 * live worker renews the lock on a timer every lockDuration / 4 to / 2 while it waits, so the
 * lock lapses only when the worker is gone or cut off from Redis for about lockDuration.
 */
export function takeoverTimings(lockMs: number): TakeoverTimings {
  return { lockDuration: Math.round(lockMs / 2), stalledInterval: Math.round(lockMs / 4) };
}
