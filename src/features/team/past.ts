import type { Session } from "../../domain/session.js";
import type { StoredSummary } from "../../ports/archive.js";
import type { TeamDeps } from "./deps.js";

/** One of the user's interviews with its archived summary, if the worker has written one. */
export interface PastInterview {
  session: Session;
  stored: StoredSummary | null;
}

/** The user's interviews, newest first, at most `limit`, each with its summary. */
export async function pastInterviews(deps: TeamDeps, user: string, limit: number): Promise<PastInterview[]> {
  const sessions = await deps.store.listForCandidate(user, limit);
  const summaries = await deps.archive.getMany(sessions.map((session) => ({ threadKey: session.threadKey, interviewId: session.id })));
  return sessions.map((session, index) => ({ session, stored: summaries[index] ?? null }));
}

/** Those with a summary, newest first. */
export function scored(past: readonly PastInterview[]): Array<PastInterview & { stored: StoredSummary }> {
  return past.filter((entry): entry is PastInterview & { stored: StoredSummary } => entry.stored !== null);
}
