import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../ops/logger.js";
import type { Metrics } from "../ops/metrics.js";
import type { Inbox, Peek } from "../ports/inbox.js";
import { LockLostError, type ThreadLocks } from "../ports/lock.js";
import { StorageDownError } from "../domain/storage-errors.js";
import { ReplyPendingError } from "./delivery.js";
import type { TurnRunner } from "./runner.js";

export interface CoordinatorOptions {
  inbox: Inbox;
  lock: ThreadLocks;
  runner: TurnRunner;
  metrics: Metrics;
  logger: Logger;
  /** BURST_WINDOW_MS: a turn waits until the thread has been quiet this long. */
  burstWindowMs: number;
  /** However long a burst goes on, its first message is answered within this. */
  maxBurstWaitMs?: number;
  /** Most events answered per pass; more wait for the next pass. */
  batchSize?: number;
}

/**
 * Decides when a thread's turn is taken. Events are answered once the thread has been quiet for
 * the burst window (by the store's clock, so it holds across processes), one turn at a time under the
 * thread's lock; the holder keeps answering until the inbox is empty.
 */
export class TurnCoordinator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private closing = false;

  constructor(private readonly options: CoordinatorOptions) {}

  /** Takes the thread's turn after `delayMs`; a later call for the same thread replaces an earlier one. */
  schedule(threadKey: string, delayMs: number = this.options.burstWindowMs): void {
    clearTimeout(this.timers.get(threadKey));
    this.timers.delete(threadKey);
    // Nothing to wait out (a press, a start, a host without a burst window): no timer's tick of delay.
    if (this.closing || delayMs <= 0) {
      void this.drain(threadKey);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(threadKey);
      void this.drain(threadKey);
    }, delayMs);
    this.timers.set(threadKey, timer);
  }

  /** Answers what waits in the thread unless another process is already on it; resolves when this process is done. */
  drain(threadKey: string): Promise<void> {
    const current = this.running.get(threadKey);
    if (current) {
      this.again.add(threadKey);
      return current;
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(threadKey);
          await this.takeTurn(threadKey);
        } while (this.again.has(threadKey));
      } finally {
        this.running.delete(threadKey);
      }
    })();
    this.running.set(threadKey, run);
    return run;
  }

  /** For shutdown: answers what this process has scheduled now, without waiting out bursts, and waits for every turn in hand. */
  async close(): Promise<void> {
    this.closing = true;
    const scheduled = [...this.timers.keys()];
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const threadKey of scheduled) void this.drain(threadKey);
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Resolves once nothing is scheduled or running: how a single-process host knows a line has been answered. */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      if (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
      else await sleep(1);
    }
  }

  get busy(): number {
    return this.running.size;
  }

  private async takeTurn(threadKey: string): Promise<void> {
    const { inbox, lock, runner, logger, metrics } = this.options;
    const batch = this.options.batchSize ?? 100;
    let claim;
    try {
      claim = await lock.claim(threadKey, batch);
    } catch (error) {
      metrics.error("storage-down");
      logger.warn({ sessionKey: threadKey, err: errorText(error) }, "could not take the turn; the sweeper retries");
      return;
    }
    // Another process holds the turn and keeps answering until the inbox is empty.
    if (!claim) return;
    const { lease } = claim;
    let peek: Peek | null = claim.peek;
    let replyPending = false;
    try {
      // A reply an earlier turn could not deliver (or a crash cut short) goes first: replies keep their order.
      if (claim.replyWaiting && !(await runner.redeliver(lease))) throw new ReplyPendingError(threadKey);
      if (peek.entries.length === 0) {
        // Nothing waits (the sweeper checking a thread): off the worklist, while the lock still holds.
        await inbox.settled(threadKey);
      } else {
        while (peek) {
          const oldest = peek.entries[0];
          const quietFor = peek.now - peek.lastMessageAt;
          if (oldest && !this.closing && quietFor < this.options.burstWindowMs && peek.now - oldest.at < (this.options.maxBurstWaitMs ?? 10_000)) {
            await sleep(this.options.burstWindowMs - quietFor);
            peek = await inbox.peek(threadKey, batch);
            continue;
          }
          if (lease.lost) throw new LockLostError(threadKey);
          if (peek.entries.length > 0) await runner.run(lease, peek.entries);
          // The thread stays on the worklist until the sweeper finds it empty: one round trip less per turn.
          peek = await lease.finish(batch);
        }
        return;
      }
    } catch (error) {
      if (error instanceof ReplyPendingError) {
        replyPending = true;
      } else if (error instanceof LockLostError) {
        metrics.error("lock-lost");
        logger.warn({ sessionKey: threadKey }, "turn lock expired mid-turn; another process answers");
      } else {
        metrics.error(error instanceof StorageDownError ? "storage-down" : "unexpected");
        logger.warn({ sessionKey: threadKey, err: errorText(error) }, "turn interrupted; its events wait for the next try");
      }
    }
    let remaining: number;
    try {
      remaining = await lease.release();
    } catch {
      // The lock expires by itself; the thread is still on the sweeper's worklist.
      return;
    }
    if (replyPending) {
      // Not at once: the sweeper tries again in a few seconds, and later events wait behind the reply.
      await inbox.markWaiting(threadKey).catch(() => undefined);
      return;
    }
    if (remaining > 0) {
      // Events arrived while the turn was ending: answer them too.
      await inbox.markWaiting(threadKey).catch(() => undefined);
      this.schedule(threadKey, 0);
    }
  }
}

function errorText(error: unknown): string {
  if (error instanceof StorageDownError && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
