import { SESSION_SCHEMA_VERSION } from "./session.js";

/** A stored session as parsed JSON, before it is validated against the current schema. */
export type StoredSession = Record<string, unknown>;

/** Turns a session of version `from` into one of version `from + 1`. */
export interface Migration {
  from: number;
  up(session: StoredSession): StoredSession;
}

/**
 * The path from every older stored shape to SESSION_SCHEMA_VERSION, one step per version. When the
 * engine bumps the version, add a step here that fills or renames fields; sessions are upgraded as
 * they are read and written back in the new shape on the next turn. Additions with a default in
 * the zod schema (such as the interviewer state added after version 1 first shipped) need no step.
 */
export const MIGRATIONS: readonly Migration[] = [];

export type UpgradeResult =
  | { kind: "current"; session: StoredSession }
  | { kind: "newer"; version: number }
  | { kind: "unversioned" }
  | { kind: "no-path"; version: number };

/** Brings a stored session up to `target`, applying each step in order. */
export function upgrade(session: StoredSession, migrations: readonly Migration[] = MIGRATIONS, target = SESSION_SCHEMA_VERSION): UpgradeResult {
  const version = session.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version)) return { kind: "unversioned" };
  if (version > target) return { kind: "newer", version };
  let current = session;
  for (let from = version; from < target; from++) {
    const step = migrations.find((migration) => migration.from === from);
    if (!step) return { kind: "no-path", version };
    current = { ...step.up(current), schemaVersion: from + 1 };
  }
  return { kind: "current", session: current };
}
