import type { Session } from "../engine/session.js";
import type { SessionStore } from "./port.js";

/**
 * The embedded store for the terminal and single-process use. It keeps deep copies so callers
 * cannot change a stored session by accident, as with a real store.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();

  async get(threadKey: string): Promise<Session | null> {
    const stored = this.sessions.get(threadKey);
    return stored ? structuredClone(stored) : null;
  }

  async save(session: Session): Promise<void> {
    this.sessions.set(session.threadKey, structuredClone(session));
  }
}
