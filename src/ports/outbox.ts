import type { Lease } from "./lock.js";

/** A committed reply as its thread's outbox holds it, still raw: the pipeline validates the messages. */
export interface StoredReply {
  id: string;
  /** The messages, as JSON. */
  messages: string;
  /** The "thinking…" placeholder its first message replaces, or empty. */
  replaces: string;
  /** The interview whose turn it answers; empty when that turn saved none. */
  interview: string;
  /** How many messages the platform has accepted. */
  delivered: number;
  /** Deliveries started, the current one included. */
  attempts: number;
}

/** Where each thread's committed reply waits until the platform has all of it. */
export interface OutboxStore {
  /**
   * For the lease's holder: counts one more delivery attempt of the waiting reply and returns it;
   * null when none waits, "unreadable" when what waits cannot be read (it is dropped). Throws LockLostError.
   */
  attempt(lease: Lease): Promise<StoredReply | null | "unreadable">;
  /** Records how much of the reply the platform accepted, removing it once all of it (only while it is still that reply). */
  settle(threadKey: string, replyId: string, delivered: number, total: number): Promise<void>;
}
