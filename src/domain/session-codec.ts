import { SessionSchema, type Session } from "./session.js";
import { UnreadableSessionError } from "./storage-errors.js";
import { upgrade, type StoredSession } from "./session-migrations.js";

/** A session as stored: plain JSON of the current schema. */
export function encodeSession(session: Session): string {
  return JSON.stringify(session);
}

/** Parses, upgrades and validates a stored session; anything unusable is an UnreadableSessionError, never a crash. */
export function decodeSession(raw: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UnreadableSessionError("corrupt", `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UnreadableSessionError("corrupt", "not a JSON object");
  const upgraded = upgrade(parsed as StoredSession);
  switch (upgraded.kind) {
    case "newer":
      throw new UnreadableSessionError("newer", `schemaVersion ${upgraded.version} is newer than this release`);
    case "unversioned":
      throw new UnreadableSessionError("unversioned", "no schemaVersion");
    case "no-path":
      throw new UnreadableSessionError("invalid", `no migration from schemaVersion ${upgraded.version}`);
    case "current": {
      const result = SessionSchema.safeParse(upgraded.session);
      if (result.success) return result.data;
      const issue = result.error.issues[0];
      throw new UnreadableSessionError("invalid", `${issue?.path.join(".") || "session"}: ${issue?.message ?? "invalid"}`);
    }
  }
}
