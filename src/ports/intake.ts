import type { ActionEvent, MessageEvent, StartEvent } from "./events.js";

/**
 * What became of an event:
 * - `queued`: recorded; the reply will be posted to the thread through the platform's Poster.
 * - `duplicate`: the same event was taken in before (a platform retry); nothing more happens.
 * - `ignored`: nothing to do (no interview in that thread, or an empty message).
 * - `unavailable`: storage is down; the user was told to try again shortly (in the thread for a
 *   message or a press; a start's opener tells its caller, see openInterview).
 * - `closed`: this process is shutting down and took nothing; let the platform redeliver it.
 */
export type IntakeOutcome = "queued" | "duplicate" | "ignored" | "unavailable" | "closed";

/**
 * The one door from a chat platform into the service. Adapters call it for every event and ack
 * the platform at once; replies arrive later through their Poster, one per burst, even when
 * several processes share the thread.
 */
export interface Intake {
  /** A message posted in a thread. */
  message(event: MessageEvent): Promise<IntakeOutcome>;
  /** A button pressed on an interviewer message. */
  action(event: ActionEvent): Promise<IntakeOutcome>;
  /** `/mock-interview [level] [problem]`, once the adapter has a thread for the interview (see openInterview). */
  start(event: StartEvent): Promise<IntakeOutcome>;
  /** Whether a start would be taken in now, or why not; asked before anything public is posted. */
  probe(): Promise<"ready" | "unavailable" | "closed">;
}
