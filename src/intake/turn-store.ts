import type { Session } from "../engine/session.js";
import type { SessionStore } from "../store/port.js";

/**
 * The store one turn's engine sees: reads pass through; a save is held, not written, so the turn
 * can commit the session together with the reply the engine returns (see TurnRunner), in one step.
 */
export class TurnStore implements SessionStore {
  /** The session this turn saved, if it saved one (the latest, should the engine save twice in one call). */
  saved: Session | null = null;

  constructor(
    private readonly base: SessionStore,
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
    this.saved = session;
  }
}
