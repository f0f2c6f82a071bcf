import { isAppError } from "../../src/core/errors.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Logger } from "../../src/ops/logger.js";

/** What the user reads when something unexpected failed: no stack trace, and never silence. */
export const SOMETHING_FAILED = "Something went wrong on my side. Try again in a minute; if it keeps happening, tell whoever runs Mock Interview in your workspace.";

/** A Web API rejection's error code (`not_in_channel`, `expired_trigger_id`, …), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null && "error" in data && typeof data.error === "string" ? data.error : undefined;
}

/**
 * A failure as the message to show the user: a typed error says its own message; anything else is
 * logged once and becomes SOMETHING_FAILED.
 */
export function failureMessage(error: unknown, logger: Logger, context: string): OutgoingMessage {
  // A set-up problem (a missing scope) is the operator's to fix, so it reaches the logs as well.
  if (isAppError(error) && error.code === "config") logger.error({ platform: "slack", err: error.message, context }, "slack is not set up for this");
  if (isAppError(error)) return { kind: "error", paragraphs: [error.message] };
  logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error), context }, "slack team handler failed");
  return { kind: "error", paragraphs: [SOMETHING_FAILED] };
}
