import { ConflictError, DependencyDownError } from "../core/errors.js";

export type UnreadableReason = "corrupt" | "invalid" | "unversioned" | "newer";

/**
 * A stored session that cannot be used: not JSON, not a session, or written by a newer release.
 * The message is for the candidate; `reason` is for logs and metrics.
 */
export class UnreadableSessionError extends ConflictError {
  constructor(
    readonly reason: UnreadableReason,
    readonly detail: string,
  ) {
    super(
      reason === "newer"
        ? "This interview was saved by a newer version of Mock Interview that is still rolling out. Please try again in a few minutes."
        : "I can't read this interview's saved state, so I can't continue it. Start a new interview with /mock-interview; your other interviews are not affected.",
    );
  }
}

export const STORAGE_DOWN_MESSAGE = "I can't reach my storage right now. Please try again shortly.";

/** Redis did not answer; the candidate is asked to try again and the cause is logged once. */
export class StorageDownError extends DependencyDownError {
  constructor(cause: unknown) {
    super(STORAGE_DOWN_MESSAGE, { cause });
  }
}

/** Wraps a Redis call so a connection failure reaches callers as a typed error with a user-facing message. */
export async function storage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConflictError || error instanceof DependencyDownError) throw error;
    throw new StorageDownError(error);
  }
}
