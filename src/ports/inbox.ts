import type { InboxEvent } from "./events.js";

/** An inbox entry as read back; `event` is null when it cannot be read (then it is only dropped). */
export interface WaitingEntry {
  at: number;
  event: InboxEvent | null;
}

/** A look at a thread's inbox, with the store's clock so every process agrees when a burst is over. */
export interface Peek {
  /** The store's time, ms. */
  now: number;
  /** The store's time of the thread's latest message, or 0. */
  lastMessageAt: number;
  entries: WaitingEntry[];
}

export type TakeInOutcome = "queued" | "duplicate" | "ignored";

/**
 * Each thread's inbox: events appended atomically in arrival order, each platform delivery once,
 * so concurrent messages from any number of processes are all kept and answered by whichever
 * process takes the thread's turn.
 */
export interface Inbox {
  /**
   * Records an event once; `ignored` for a message or press in a thread without an interview.
   * For a queued one, also who the thread's candidate is (to show a placeholder to them alone).
   */
  takeIn(event: InboxEvent): Promise<{ outcome: TakeInOutcome; candidateId?: string }>;
  /** Rejects when storage does not answer. */
  ping(): Promise<void>;
  peek(threadKey: string, max: number): Promise<Peek>;
  /** The thread has nothing waiting: off the worklist. Call it holding the lock, before releasing it. */
  settled(threadKey: string): Promise<void>;
  /** Puts the thread (back) on the worklist. */
  markWaiting(threadKey: string): Promise<void>;
  /** Threads whose events have waited since before `before` (epoch ms), oldest first: the sweeper's worklist. */
  waitingSince(before: number, limit: number): Promise<string[]>;
}
