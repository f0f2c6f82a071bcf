/**
 * Typed errors. Each carries a message fit to show a user as it is; adapters turn them into a
 * reply (or one line on stderr) and log any cause once. Callers branch on `code`, not on text.
 */
export type ErrorCode = "content" | "config" | "user-input" | "not-found" | "dependency-down" | "conflict" | "forbidden";

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A problem or rubric file that does not match its schema. */
export class ContentError extends AppError {
  readonly code = "content";
}

/** A missing or malformed environment variable. */
export class ConfigError extends AppError {
  readonly code = "config";
}

/** Something the user typed that we cannot act on (unknown level, unknown problem, …). */
export class UserInputError extends AppError {
  readonly code = "user-input";
}

/** A thing the user referred to that does not exist (no interview in this thread, …). */
export class NotFoundError extends AppError {
  readonly code = "not-found";
}

/** An outside service (Redis, the LLM, a chat platform) is unavailable right now. */
export class DependencyDownError extends AppError {
  readonly code = "dependency-down";
}

/** The action clashes with the interview's state (already ended, someone else's interview, …). */
export class ConflictError extends AppError {
  readonly code = "conflict";
}

/** The user may not do this (review their own interview, remove someone else's schedule, …). */
export class ForbiddenError extends AppError {
  readonly code = "forbidden";
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
