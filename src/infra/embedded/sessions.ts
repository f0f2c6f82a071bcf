import { join } from "node:path";
import { z } from "zod";
import { systemClock, type Clock } from "../../core/clock.js";
import { CandidateSchema, type Session } from "../../domain/session.js";
import type { InterviewRef } from "../../ports/interview-ref.js";
import { decodeSession, encodeSession } from "../../domain/session-codec.js";
import { UnreadableSessionError } from "../../domain/storage-errors.js";
import type { SessionStore } from "../../ports/sessions.js";
import { ExpiringMap } from "./expiring-map.js";

/** A thread's interviews as kept: each as its stored JSON (read through the session codec, so migrations apply), and the latest one's id. */
const ThreadSchema = z.object({
  current: z.string().nullable(),
  interviews: z.array(z.tuple([z.string(), z.unknown()])),
});
type Thread = z.infer<typeof ThreadSchema>;

const OwnerSchema = z.object({ candidate: CandidateSchema.pick({ id: true }) });

export interface EmbeddedSessionOptions {
  /** Sessions expire this long after their thread's last save (SESSION_TTL_DAYS). */
  ttlMs: number;
  /** The data directory; sessions are kept in `sessions.json` there. @defaultValue in memory only */
  dataDir?: string | undefined;
  clock?: Clock | undefined;
}

/** A thread holding some of one user's interviews, as forget-me sees it. */
export interface ThreadOfUser {
  threadKey: string;
  interviewIds: string[];
  /** Someone else's interview is in the thread too. */
  shared: boolean;
}

/**
 * Sessions in process, optionally persisted to the data directory, with Redis's semantics: a
 * thread's interviews expire together, `ttlMs` after its last save; an unreadable interview is an
 * UnreadableSessionError for its thread and skipped by history.
 */
export class EmbeddedSessionStore implements SessionStore {
  private readonly threads: ExpiringMap<typeof ThreadSchema>;
  private readonly clock: Clock;

  constructor(private readonly options: EmbeddedSessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.threads = new ExpiringMap(this.clock, ThreadSchema, options.dataDir === undefined ? null : join(options.dataDir, "sessions.json"));
  }

  async get(threadKey: string): Promise<Session | null> {
    const thread = this.threads.get(threadKey);
    const raw = thread && thread.current !== null ? find(thread, thread.current) : undefined;
    return raw === undefined ? null : decode(raw);
  }

  async save(session: Session): Promise<void> {
    const thread = this.threads.get(session.threadKey) ?? { current: null, interviews: [] };
    const stored: unknown = JSON.parse(encodeSession(session));
    const index = thread.interviews.findIndex(([id]) => id === session.id);
    if (index === -1) thread.interviews.push([session.id, stored]);
    else thread.interviews[index] = [session.id, stored];
    thread.current = session.id;
    this.threads.set(session.threadKey, thread, this.clock.now() + this.options.ttlMs);
  }

  async getInterview(threadKey: string, interviewId: string): Promise<Session | null> {
    const thread = this.threads.get(threadKey);
    const raw = thread && find(thread, interviewId);
    return raw === undefined ? null : decode(raw);
  }

  async listForCandidate(candidateId: string, limit = 20): Promise<Session[]> {
    const sessions: Session[] = [];
    for (const [, thread] of this.threads) {
      for (const [, raw] of thread.interviews) {
        if (ownerOf(raw) !== candidateId) continue;
        try {
          sessions.push(decode(raw));
        } catch (unreadable) {
          // History skips what it cannot read; the thread itself reports it when the candidate returns.
          if (!(unreadable instanceof UnreadableSessionError)) throw unreadable;
        }
      }
    }
    return sessions.sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
  }

  /** When the interview's data goes (epoch ms), or undefined when it is not stored: what attached records take as their lifetime. */
  lifetime(interview: InterviewRef): number | undefined {
    const thread = this.threads.get(interview.threadKey);
    if (!thread || find(thread, interview.interviewId) === undefined) return undefined;
    return this.threads.expiresAt(interview.threadKey);
  }

  /** The threads holding the user's interviews. */
  threadsOf(user: string): ThreadOfUser[] {
    const found: ThreadOfUser[] = [];
    for (const [threadKey, thread] of this.threads) {
      const owners = thread.interviews.map(([id, raw]) => ({ id, owner: ownerOf(raw) }));
      const interviewIds = owners.filter((entry) => entry.owner === user).map((entry) => entry.id);
      if (interviewIds.length) found.push({ threadKey, interviewIds, shared: owners.some((entry) => entry.owner !== undefined && entry.owner !== user) });
    }
    return found;
  }

  /** Deletes those interviews from the thread (and the thread once it holds none); the others keep their lifetime. */
  drop(threadKey: string, interviewIds: readonly string[]): void {
    const thread = this.threads.get(threadKey);
    const expiresAt = this.threads.expiresAt(threadKey);
    if (!thread || expiresAt === undefined) return;
    const kept = thread.interviews.filter(([id]) => !interviewIds.includes(id));
    if (!kept.length) {
      this.threads.delete([threadKey]);
      return;
    }
    this.threads.set(threadKey, { current: thread.current !== null && interviewIds.includes(thread.current) ? null : thread.current, interviews: kept }, expiresAt);
  }
}

function find(thread: Thread, interviewId: string): unknown {
  return thread.interviews.find(([id]) => id === interviewId)?.[1];
}

function decode(raw: unknown): Session {
  return decodeSession(JSON.stringify(raw));
}

function ownerOf(raw: unknown): string | undefined {
  const parsed = OwnerSchema.safeParse(raw);
  return parsed.success ? parsed.data.candidate.id : undefined;
}
