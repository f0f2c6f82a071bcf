import type { Problem } from "../../content/schemas.js";
import type { Beat } from "../../engine/plan.js";
import type { InterviewerState, Session } from "../../domain/session.js";
import type { ModelClaim } from "../../domain/finding.js";

/** One turn to put into words: the session after the engine's decision and the beats it chose. */
export interface TurnRequest {
  session: Session;
  problem: Problem | undefined;
  beats: readonly Beat[];
  /** The candidate's words this turn, when the turn answers a message. */
  candidateText: string | null;
  /**
   * Told the reply's text so far while a model writes it (each call's text begins with the last
   * one's), so a host can show it as it arrives. The returned reply is what counts.
   */
  onText?: (text: string) => void;
}

export interface InterviewerReply {
  text: string;
  /** Changes to the session's interviewer state (usage, failures, offline mode); absent for the offline one. */
  state?: Partial<InterviewerState>;
  /** A model's judgement of the claims in the candidate's words, unverified: the engine checks every quote. */
  claims?: ModelClaim[];
}

/**
 * Writes the interviewer's words. The offline interviewer is the embedded default; the LLM one
 * sits behind the same port, so every adapter gets either without knowing which.
 */
export interface Interviewer {
  readonly name: string;
  write(request: TurnRequest): Promise<InterviewerReply>;
}
