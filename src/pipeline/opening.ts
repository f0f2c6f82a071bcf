import { DependencyDownError, type AppError } from "../core/errors.js";
import type { StartEvent } from "../ports/events.js";
import type { Intake, IntakeOutcome } from "../ports/intake.js";

export const START_DOWN_MESSAGE = "I can't reach my storage right now, so your interview didn't start. Please try again in a moment.";
export const START_CLOSED_MESSAGE = "I'm restarting right now, so your interview didn't start. Please try again in a moment.";

/** What a platform does to open an interview; `T` is what it posted (a parent message, a thread). */
export interface OpeningSteps<T> {
  /** Posts the interview's public place: the parent message and its thread. */
  post(): Promise<T>;
  /** The start event for what was posted. */
  start(posted: T): StartEvent;
  /** Takes back what `post` made; resolves even when the platform refuses (logging why). */
  remove(posted: T): Promise<void>;
}

/**
 * Opens an interview the one way every platform shares. Nothing public is posted while storage is
 * known to be down, and a start storage did not take is undone, so a channel never keeps a parent
 * message over an empty thread. A refusal is a typed error whose message tells the caller why.
 */
export async function openInterview<T>(intake: Intake, steps: OpeningSteps<T>): Promise<T> {
  const before = startRefusal(await intake.probe());
  if (before) throw before;
  const posted = await steps.post();
  let outcome: IntakeOutcome;
  try {
    outcome = await intake.start(steps.start(posted));
  } catch (error) {
    await steps.remove(posted);
    throw error;
  }
  const refusal = startRefusal(outcome);
  if (refusal) {
    await steps.remove(posted);
    throw refusal;
  }
  return posted;
}

/** Why a start did not open an interview, or undefined when it did (a duplicate is a retry of one that did). */
function startRefusal(outcome: IntakeOutcome | "ready"): AppError | undefined {
  if (outcome === "unavailable") return new DependencyDownError(START_DOWN_MESSAGE);
  if (outcome === "closed") return new DependencyDownError(START_CLOSED_MESSAGE);
  return undefined;
}
