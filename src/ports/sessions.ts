import type { Session } from "../domain/session.js";

/** Where sessions live, keyed by their platform-neutral thread key. */
export interface SessionStore {
  /** The thread's latest interview, or null when the thread never had one (or it expired). */
  get(threadKey: string): Promise<Session | null>;
  /** Saves an interview; it becomes its thread's latest. */
  save(session: Session): Promise<void>;
  /** One interview by its id, even after its thread has moved on to a newer one (the summary worker reads this). */
  getInterview(threadKey: string, interviewId: string): Promise<Session | null>;
  /** A candidate's interviews that are still kept, newest first (for history features). */
  listForCandidate(candidateId: string, limit?: number): Promise<Session[]>;
}
