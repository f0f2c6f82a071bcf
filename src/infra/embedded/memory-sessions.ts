import type { Session } from "../../domain/session.js";
import type { SessionStore } from "../../ports/sessions.js";

interface Thread {
  current: string;
  interviews: Map<string, Session>;
}

/**
 * The embedded store for the terminal and single-process use. It keeps deep copies so callers
 * cannot change a stored session by accident, as with a real store.
 */
export class MemorySessionStore implements SessionStore {
  private readonly threads = new Map<string, Thread>();
  private readonly candidates = new Map<string, Array<{ threadKey: string; id: string }>>();

  async get(threadKey: string): Promise<Session | null> {
    const thread = this.threads.get(threadKey);
    return thread ? this.copy(thread.interviews.get(thread.current)) : null;
  }

  async save(session: Session): Promise<void> {
    const thread = this.threads.get(session.threadKey) ?? { current: session.id, interviews: new Map<string, Session>() };
    thread.current = session.id;
    thread.interviews.set(session.id, structuredClone(session));
    this.threads.set(session.threadKey, thread);
    const refs = this.candidates.get(session.candidate.id) ?? [];
    if (!refs.some((ref) => ref.id === session.id)) refs.push({ threadKey: session.threadKey, id: session.id });
    this.candidates.set(session.candidate.id, refs);
  }

  async getInterview(threadKey: string, interviewId: string): Promise<Session | null> {
    return this.copy(this.threads.get(threadKey)?.interviews.get(interviewId));
  }

  async listForCandidate(candidateId: string, limit = 20): Promise<Session[]> {
    const sessions = (this.candidates.get(candidateId) ?? [])
      .map((ref) => this.threads.get(ref.threadKey)?.interviews.get(ref.id))
      .filter((session) => session !== undefined)
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, limit);
    return sessions.map((session) => structuredClone(session));
  }

  private copy(session: Session | undefined): Session | null {
    return session ? structuredClone(session) : null;
  }
}
