import type { Session } from "../engine/session.js";
import type { SessionStore } from "../store/port.js";
import type { RedisSessionStore } from "../store/redis.js";

/**
 * The store one turn's engine sees: reads pass through; the save lands only while the turn still
 * holds its thread's lock and drops the inbox entries the turn answered in the same step.
 */
export class TurnStore implements SessionStore {
  /** The session this turn saved, if it saved one. */
  saved: Session | null = null;

  constructor(
    private readonly base: RedisSessionStore,
    private readonly token: string,
    private readonly consumed: number,
    /** Called before a save that ends the interview, so its summary cannot be forgotten by a crash. */
    private readonly beforeEnding: (session: Session) => Promise<void>,
  ) {}

  get(threadKey: string): Promise<Session | null> {
    return this.base.get(threadKey);
  }

  getInterview(threadKey: string, interviewId: string): Promise<Session | null> {
    return this.base.getInterview(threadKey, interviewId);
  }

  listForCandidate(candidateId: string, limit?: number): Promise<Session[]> {
    return this.base.listForCandidate(candidateId, limit);
  }

  async save(session: Session): Promise<void> {
    if (session.phase === "ended") await this.beforeEnding(session);
    // Entries are consumed by the first save only, should the engine ever save twice in one call.
    await this.base.commit(session, { token: this.token, consumed: this.saved ? 0 : this.consumed });
    this.saved = session;
  }
}
