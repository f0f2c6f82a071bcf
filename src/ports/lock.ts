import type { Peek } from "./inbox.js";

/** One turn at a time per thread, across processes, with an expiry so a crashed holder wedges nothing for long. */
export interface ThreadLocks {
  /**
   * Takes the thread's turn and peeks at its inbox; null when another process has the turn.
   * `replyWaiting`: an earlier turn's reply is still in the outbox, to deliver before anything else.
   */
  claim(threadKey: string, max: number): Promise<{ lease: Lease; peek: Peek; replyWaiting: boolean } | null>;
}

/** A held turn. Every write made under it is fenced by `token`: once the lease is lost, they are refused. */
export interface Lease {
  readonly threadKey: string;
  readonly token: string;
  /** Set when a renewal found the lock gone: the turn's commit will be refused. */
  readonly lost: boolean;
  /** Drops `count` answered events from the inbox, only while the lease holds. */
  trim(count: number): Promise<boolean>;
  /** After a turn: frees the lock if nothing waits (null), else keeps it and returns what arrived meanwhile. */
  finish(max: number): Promise<Peek | null>;
  /** Frees the lock; returns how many events still wait in the inbox. */
  release(): Promise<number>;
}

/** A write was refused because another process took over the thread's turn. */
export class LockLostError extends Error {
  constructor(threadKey: string) {
    super(`lost the turn lock of ${threadKey}`);
    this.name = "LockLostError";
  }
}
