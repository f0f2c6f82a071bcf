import type { Session } from "../domain/session.js";
import type { SessionStore } from "./sessions.js";
import type { Lease } from "./lock.js";

/** The turn a commit belongs to: it only lands while the lease still holds the thread's lock. */
export interface TurnFence {
  lease: Lease;
  /** Inbox entries this commit answers; they are dropped in the same step. */
  consumed: number;
}

/** A turn's reply, queued in its thread's outbox by the same step that saves the turn. */
export interface QueuedReply {
  id: string;
  /** The messages, as JSON. */
  messages: string;
}

/** The sessions as the turn pipeline writes them: one fenced step per turn. */
export interface TurnStore extends SessionStore {
  /**
   * Commits one turn only while its lease holds: its session (when it saved one), the inbox entries it
   * answered dropped, and its reply queued in the outbox with the thread's placeholder, in one step.
   * Returns the placeholder the reply replaces, if one was showing. Throws LockLostError when the lease is gone.
   */
  commit(threadKey: string, session: Session | null, fence: TurnFence, reply: QueuedReply | null): Promise<string | undefined>;
  /** Lets a new interview start in a thread whose latest one is unreadable; the raw data stays until it expires. */
  setAside(threadKey: string): Promise<void>;
}
