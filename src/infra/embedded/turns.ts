import { randomUUID } from "node:crypto";
import type { Clock } from "../../core/clock.js";
import type { Session } from "../../domain/session.js";
import type { InboxEvent } from "../../ports/events.js";
import type { Inbox, Peek, TakeInOutcome, WaitingEntry } from "../../ports/inbox.js";
import { LockLostError, type Lease, type ThreadLocks } from "../../ports/lock.js";
import type { OutboxStore, StoredReply } from "../../ports/outbox.js";
import type { Placeholders } from "../../ports/placeholders.js";
import type { DueSummaries } from "../../ports/summaries.js";
import type { QueuedReply, TurnFence, TurnStore } from "../../ports/turns.js";
import type { SummaryJob } from "../../ports/summary-job.js";
import { EmbeddedSessionStore } from "./sessions.js";
import { DEFAULT_EMBEDDED_TTL_MS } from "./team-storage.js";
import type { SessionStore } from "../../ports/sessions.js";

/** How long an event id is remembered, as in Redis: longer than any platform keeps retrying. */
const DEDUPE_MS = 24 * 3600_000;

interface Thread {
  inbox: WaitingEntry[];
  lastMessageAt: number;
  lock: string | null;
  placeholder: string | null;
  outbox: StoredReply | null;
  seen: Map<string, number>;
}

/**
 * The turn pipeline's storage inside one process: inbox, lock, fenced commit, outbox, placeholder
 * and due summaries, with the same semantics as the Redis implementations (the storage contract
 * suite runs against both). One process owns it, so a lock is never orphaned and needs no expiry;
 * every step runs without yielding between its reads and writes, which is what makes it atomic.
 * Sessions live in `sessions`: in memory by default, on disk for the terminal's history.
 */
export class EmbeddedTurnStorage implements Inbox, ThreadLocks, TurnStore, OutboxStore, DueSummaries {
  /** The "thinking…" placeholders; a property because `claim` already means the thread's lock here. */
  readonly placeholders: Placeholders = {
    claim: async (threadKey) => {
      const thread = this.thread(threadKey);
      if (thread.placeholder !== null) return false;
      thread.placeholder = "";
      return true;
    },
    // A placeholder posted late changes nothing once a streamed reply took the thread over.
    shown: async (threadKey, ref) => {
      const thread = this.thread(threadKey);
      if (thread.placeholder === "") thread.placeholder = ref;
    },
    abandon: async (threadKey) => {
      const thread = this.thread(threadKey);
      if (thread.placeholder === "") thread.placeholder = null;
    },
    showing: async (threadKey) => this.thread(threadKey).placeholder || undefined,
    takeOver: async (threadKey, ref) => {
      this.thread(threadKey).placeholder = ref;
    },
  };
  private readonly threads = new Map<string, Thread>();
  private readonly waiting = new Map<string, number>();
  private readonly setAsideThreads = new Set<string>();
  private readonly due = new Map<string, { job: SummaryJob; markedAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly sessions: SessionStore = new EmbeddedSessionStore({ ttlMs: DEFAULT_EMBEDDED_TTL_MS, clock }),
  ) {}

  // Inbox

  async takeIn(event: InboxEvent): Promise<{ outcome: TakeInOutcome; candidateId?: string }> {
    const { threadKey } = event;
    const current = event.kind === "start" ? null : await this.get(threadKey);
    if (event.kind !== "start" && !current) return { outcome: "ignored" };
    const thread = this.thread(threadKey);
    const now = this.clock.now();
    for (const [id, at] of thread.seen) if (at + DEDUPE_MS < now) thread.seen.delete(id);
    if (thread.seen.has(event.eventId)) return { outcome: "duplicate" };
    thread.seen.set(event.eventId, now);
    thread.inbox.push({ at: now, event: structuredClone(event) });
    if (event.kind === "message") thread.lastMessageAt = now;
    if (!this.waiting.has(threadKey)) this.waiting.set(threadKey, now);
    return current ? { outcome: "queued", candidateId: current.candidate.id } : { outcome: "queued" };
  }

  async ping(): Promise<void> {}

  async peek(threadKey: string, max: number): Promise<Peek> {
    return this.peekNow(this.thread(threadKey), max);
  }

  async settled(threadKey: string): Promise<void> {
    this.waiting.delete(threadKey);
  }

  async markWaiting(threadKey: string): Promise<void> {
    if (!this.waiting.has(threadKey)) this.waiting.set(threadKey, this.clock.now());
  }

  async waitingSince(before: number, limit: number): Promise<string[]> {
    return [...this.waiting.entries()]
      .filter(([, since]) => since <= before)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([threadKey]) => threadKey);
  }

  // Locks

  async claim(threadKey: string, max: number): Promise<{ lease: Lease; peek: Peek; replyWaiting: boolean } | null> {
    const thread = this.thread(threadKey);
    if (thread.lock !== null) return null;
    const token = randomUUID();
    thread.lock = token;
    return { lease: this.lease(threadKey, token), peek: this.peekNow(thread, max), replyWaiting: thread.outbox !== null };
  }

  // Sessions and the fenced commit

  async get(threadKey: string): Promise<Session | null> {
    if (this.setAsideThreads.has(threadKey)) return null;
    return this.sessions.get(threadKey);
  }

  async save(session: Session): Promise<void> {
    this.setAsideThreads.delete(session.threadKey);
    await this.sessions.save(session);
  }

  getInterview(threadKey: string, interviewId: string): Promise<Session | null> {
    return this.sessions.getInterview(threadKey, interviewId);
  }

  listForCandidate(candidateId: string, limit?: number): Promise<Session[]> {
    return this.sessions.listForCandidate(candidateId, limit);
  }

  async commit(threadKey: string, session: Session | null, fence: TurnFence, reply: QueuedReply | null): Promise<string | undefined> {
    const thread = this.thread(threadKey);
    if (thread.lock !== fence.lease.token) throw new LockLostError(threadKey);
    // The session goes first: if the backing store fails, nothing else of the turn is applied.
    if (session) await this.save(session);
    if (thread.lock !== fence.lease.token) throw new LockLostError(threadKey);
    thread.inbox.splice(0, fence.consumed);
    if (!reply) return undefined;
    const replaces = thread.placeholder ?? "";
    thread.placeholder = null;
    thread.outbox = { id: reply.id, messages: reply.messages, replaces, interview: session?.id ?? "", delivered: 0, attempts: 1 };
    return replaces || undefined;
  }

  async setAside(threadKey: string): Promise<void> {
    this.setAsideThreads.add(threadKey);
  }

  // Outbox

  async attempt(lease: Lease): Promise<StoredReply | null | "unreadable"> {
    const thread = this.thread(lease.threadKey);
    if (thread.lock !== lease.token) throw new LockLostError(lease.threadKey);
    if (!thread.outbox) return null;
    thread.outbox = { ...thread.outbox, attempts: thread.outbox.attempts + 1 };
    return { ...thread.outbox };
  }

  async settle(threadKey: string, replyId: string, delivered: number, total: number): Promise<void> {
    const thread = this.thread(threadKey);
    if (thread.outbox?.id !== replyId) return;
    thread.outbox = delivered >= total ? null : { ...thread.outbox, delivered };
  }

  // Due summaries

  async mark(job: SummaryJob): Promise<void> {
    const key = dueKey(job);
    if (!this.due.has(key)) this.due.set(key, { job, markedAt: this.clock.now() });
  }

  async clear(job: SummaryJob): Promise<void> {
    this.due.delete(dueKey(job));
  }

  async overdue(before: number, limit: number): Promise<Array<{ job: SummaryJob; markedAt: number }>> {
    return [...this.due.values()].filter((mark) => mark.markedAt < before).sort((a, b) => a.markedAt - b.markedAt).slice(0, limit);
  }

  private peekNow(thread: Thread, max: number): Peek {
    return { now: this.clock.now(), lastMessageAt: thread.lastMessageAt, entries: thread.inbox.slice(0, max).map((entry) => structuredClone(entry)) };
  }

  private lease(threadKey: string, token: string): Lease {
    const thread = this.thread(threadKey);
    const owns = () => thread.lock === token;
    return {
      threadKey,
      token,
      get lost() {
        return !owns();
      },
      trim: async (count) => {
        if (!owns()) return false;
        thread.inbox.splice(0, count);
        return true;
      },
      finish: async (max) => {
        if (thread.inbox.length === 0) {
          if (owns()) thread.lock = null;
          return null;
        }
        return this.peekNow(thread, max);
      },
      release: async () => {
        if (owns()) thread.lock = null;
        return thread.inbox.length;
      },
    };
  }

  private thread(threadKey: string): Thread {
    let thread = this.threads.get(threadKey);
    if (!thread) {
      thread = { inbox: [], lastMessageAt: 0, lock: null, placeholder: null, outbox: null, seen: new Map() };
      this.threads.set(threadKey, thread);
    }
    return thread;
  }
}

function dueKey(job: SummaryJob): string {
  return JSON.stringify([job.threadKey, job.interviewId]);
}
