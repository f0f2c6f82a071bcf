import type { Session } from "../engine/session.js";

/** Where sessions live, keyed by their platform-neutral thread key. */
export interface SessionStore {
  get(threadKey: string): Promise<Session | null>;
  save(session: Session): Promise<void>;
}
