import { expect, test } from "@jest/globals";
import type { Session } from "../../src/domain/session.js";
import { EmbeddedTurnStorage } from "../../src/infra/embedded/turns.js";
import { systemClock } from "../../src/core/clock.js";
import type { RedisClient } from "../../src/infra/redis/client.js";
import { RedisInbox } from "../../src/infra/redis/inbox.js";
import { RedisThreadLocks } from "../../src/infra/redis/locks.js";
import { RedisOutboxStore } from "../../src/infra/redis/outbox.js";
import { RedisPlaceholders } from "../../src/infra/redis/placeholders.js";
import type { Inbox } from "../../src/ports/inbox.js";
import { LockLostError, type ThreadLocks } from "../../src/ports/lock.js";
import type { OutboxStore } from "../../src/ports/outbox.js";
import type { Placeholders } from "../../src/ports/placeholders.js";
import type { DueSummaries } from "../../src/ports/summaries.js";
import type { TurnStore } from "../../src/ports/turns.js";
import { RedisDueSummaries } from "../../src/infra/redis/due.js";
import { keySpace } from "../../src/infra/redis/keys.js";
import { RedisSessionStore } from "../../src/infra/redis/sessions.js";
import { sessionFixture } from "../support/session-fixture.js";

/** Everything the turn pipeline stores, as one implementation provides it. */
export interface TurnStorage {
  inbox: Inbox;
  locks: ThreadLocks;
  turns: TurnStore;
  outbox: OutboxStore;
  placeholders: Placeholders;
  due: DueSummaries;
}

const DAY_MS = 86_400_000;

/** The turn storage on one Redis node or cluster, under a key prefix of its own. */
export function redisTurnStorage(client: RedisClient, prefix: string): TurnStorage {
  const keys = keySpace(`${prefix}${Math.random().toString(36).slice(2, 8)}`);
  return {
    inbox: new RedisInbox(client, { keys, dedupeTtlMs: DAY_MS, ttlMs: DAY_MS }),
    locks: new RedisThreadLocks(client, keys, 30_000),
    turns: new RedisSessionStore(client, { keys, ttlMs: DAY_MS }),
    outbox: new RedisOutboxStore(client, keys),
    placeholders: new RedisPlaceholders(client, keys),
    due: new RedisDueSummaries(client, keys),
  };
}

export function embeddedTurnStorage(): TurnStorage {
  const storage = new EmbeddedTurnStorage(systemClock);
  return { inbox: storage, locks: storage, turns: storage, outbox: storage, placeholders: storage.placeholders, due: storage };
}

const THREAD = "test:T1:C1:1700000000.000100";
const CANDIDATE = { id: "test:U1", name: "Ada" };

function session(id: string, overrides: Partial<Session> = {}): Session {
  return sessionFixture({ id, threadKey: THREAD, candidate: CANDIDATE, ...overrides });
}

const message = (eventId: string, text: string, authorId = CANDIDATE.id) => ({ kind: "message" as const, eventId, threadKey: THREAD, authorId, text });
const start = (eventId: string) => ({ kind: "start" as const, eventId, threadKey: THREAD, candidate: CANDIDATE, level: "senior" });

/** Opens the thread's interview as a start turn would: the start taken in, then committed with its session. */
async function opened(storage: TurnStorage, id = "interview-1"): Promise<void> {
  await storage.inbox.takeIn(start(`start-${id}`));
  const claim = await storage.locks.claim(THREAD, 10);
  if (!claim) throw new Error("the thread's lock was taken");
  await storage.turns.commit(THREAD, session(id), { lease: claim.lease, consumed: claim.peek.entries.length }, null);
  await claim.lease.release();
}

/** What the turn pipeline needs of its storage (intake, locks, commits, outbox, worklists), the same on every implementation. */
export function turnStorageContract(make: () => TurnStorage): void {
  test("a message in a thread without an interview is ignored; a start is taken in", async () => {
    const storage = make();
    expect((await storage.inbox.takeIn(message("m1", "hello"))).outcome).toBe("ignored");
    expect((await storage.inbox.takeIn(start("s1"))).outcome).toBe("queued");
  });

  test("a platform's retry of the same event is taken in once, and the thread's candidate is named", async () => {
    const storage = make();
    await opened(storage);
    expect(await storage.inbox.takeIn(message("m1", "my answer"))).toEqual({ outcome: "queued", candidateId: CANDIDATE.id });
    expect((await storage.inbox.takeIn(message("m1", "my answer"))).outcome).toBe("duplicate");
    const peek = await storage.inbox.peek(THREAD, 10);
    expect(peek.entries.map((entry) => entry.event?.eventId)).toEqual(["m1"]);
    expect(peek.lastMessageAt).toBeGreaterThan(0);
  });

  test("one holder per thread: a second claim waits until the first is released", async () => {
    const storage = make();
    const first = await storage.locks.claim(THREAD, 10);
    expect(first).not.toBeNull();
    expect(await storage.locks.claim(THREAD, 10)).toBeNull();
    expect(await first?.lease.release()).toBe(0);
    const second = await storage.locks.claim(THREAD, 10);
    expect(second).not.toBeNull();
    await second?.lease.release();
  });

  test("a commit after the lease was lost is refused and changes nothing", async () => {
    const storage = make();
    await opened(storage, "interview-1");
    await storage.inbox.takeIn(message("m1", "my answer"));
    const claim = await storage.locks.claim(THREAD, 10);
    if (!claim) throw new Error("no claim");
    await claim.lease.release();
    const newer = await storage.locks.claim(THREAD, 10);
    await expect(storage.turns.commit(THREAD, session("interview-1", { phaseTurns: 9 }), { lease: claim.lease, consumed: 1 }, null)).rejects.toThrow(LockLostError);
    expect((await storage.turns.get(THREAD))?.phaseTurns).toBe(0);
    expect((await storage.inbox.peek(THREAD, 10)).entries).toHaveLength(1);
    await newer?.lease.release();
  });

  test("a commit saves the turn, drops what it answered and queues its reply in the placeholder's place", async () => {
    const storage = make();
    await opened(storage);
    await storage.inbox.takeIn(message("m1", "first"));
    await storage.inbox.takeIn(message("m2", "second"));
    expect(await storage.placeholders.claim(THREAD)).toBe(true);
    expect(await storage.placeholders.claim(THREAD)).toBe(false);
    await storage.placeholders.shown(THREAD, "placeholder-ts");
    const claim = await storage.locks.claim(THREAD, 10);
    if (!claim) throw new Error("no claim");
    const replaces = await storage.turns.commit(THREAD, session("interview-1", { phaseTurns: 1 }), { lease: claim.lease, consumed: 1 }, { id: "reply-1", messages: "[]" });
    expect(replaces).toBe("placeholder-ts");
    expect((await storage.turns.get(THREAD))?.phaseTurns).toBe(1);
    expect((await storage.inbox.peek(THREAD, 10)).entries.map((entry) => entry.event?.eventId)).toEqual(["m2"]);
    // The placeholder went with the reply: the next burst claims its own.
    expect(await storage.placeholders.claim(THREAD)).toBe(true);
    await claim.lease.release();

    const next = await storage.locks.claim(THREAD, 10);
    if (!next) throw new Error("no claim");
    expect(next.replyWaiting).toBe(true);
    const waiting = await storage.outbox.attempt(next.lease);
    expect(waiting).toMatchObject({ id: "reply-1", replaces: "placeholder-ts", interview: "interview-1", delivered: 0, attempts: 2 });
    await storage.outbox.settle(THREAD, "reply-1", 1, 1);
    expect(await storage.outbox.attempt(next.lease)).toBeNull();
    await next.lease.release();
    expect((await storage.locks.claim(THREAD, 10))?.replyWaiting).toBe(false);
  });

  test("a streamed reply takes the thread over, and a placeholder posted late does not undo that", async () => {
    const storage = make();
    await opened(storage);
    await storage.inbox.takeIn(message("m1", "first"));
    expect(await storage.placeholders.claim(THREAD)).toBe(true);
    expect(await storage.placeholders.showing(THREAD)).toBeUndefined();
    // The turn streamed into a message of its own before the placeholder's post came back.
    await storage.placeholders.takeOver(THREAD, "streamed-ts");
    await storage.placeholders.shown(THREAD, "late-placeholder-ts");
    await storage.placeholders.abandon(THREAD);
    expect(await storage.placeholders.showing(THREAD)).toBe("streamed-ts");
    const claim = await storage.locks.claim(THREAD, 10);
    if (!claim) throw new Error("no claim");
    expect(await storage.turns.commit(THREAD, session("interview-1"), { lease: claim.lease, consumed: 1 }, { id: "reply-1", messages: "[]" })).toBe("streamed-ts");
    expect(await storage.placeholders.showing(THREAD)).toBeUndefined();
    await claim.lease.release();
  });

  test("a shown placeholder is what a streamed reply writes into", async () => {
    const storage = make();
    await opened(storage);
    expect(await storage.placeholders.claim(THREAD)).toBe(true);
    await storage.placeholders.shown(THREAD, "placeholder-ts");
    expect(await storage.placeholders.showing(THREAD)).toBe("placeholder-ts");
    await storage.placeholders.shown(THREAD, "second-ts");
    expect(await storage.placeholders.showing(THREAD)).toBe("placeholder-ts");
  });

  test("finishing a turn frees the thread only when nothing arrived meanwhile", async () => {
    const storage = make();
    await opened(storage);
    const claim = await storage.locks.claim(THREAD, 10);
    if (!claim) throw new Error("no claim");
    await storage.inbox.takeIn(message("m1", "arrived during the turn"));
    const meanwhile = await claim.lease.finish(10);
    expect(meanwhile?.entries.map((entry) => entry.event?.eventId)).toEqual(["m1"]);
    expect(await storage.locks.claim(THREAD, 10)).toBeNull();
    expect(await claim.lease.trim(1)).toBe(true);
    expect(await claim.lease.finish(10)).toBeNull();
    const again = await storage.locks.claim(THREAD, 10);
    expect(again).not.toBeNull();
    expect(await claim.lease.trim(1)).toBe(false);
    await again?.lease.release();
  });

  test("an unreadable interview set aside leaves the thread free for a new one", async () => {
    const storage = make();
    await opened(storage, "interview-1");
    await storage.turns.setAside(THREAD);
    expect(await storage.turns.get(THREAD)).toBeNull();
    expect(await storage.turns.getInterview(THREAD, "interview-1")).not.toBeNull();
    await opened(storage, "interview-2");
    expect((await storage.turns.get(THREAD))?.id).toBe("interview-2");
  });

  test("a candidate's interviews are listed newest first", async () => {
    const storage = make();
    await opened(storage, "interview-1");
    const claim = await storage.locks.claim(THREAD, 10);
    if (!claim) throw new Error("no claim");
    await storage.turns.commit(THREAD, session("interview-2", { startedAt: Date.parse("2026-11-09T10:00:00Z") }), { lease: claim.lease, consumed: 0 }, null);
    await claim.lease.release();
    expect((await storage.turns.listForCandidate(CANDIDATE.id)).map((listed) => listed.id)).toEqual(["interview-2", "interview-1"]);
  });

  test("a due scorecard is remembered once until it is requested", async () => {
    const storage = make();
    const job = { threadKey: THREAD, interviewId: "interview-1" };
    await storage.due.mark(job);
    await storage.due.mark(job);
    const overdue = await storage.due.overdue(Date.now() + 1_000, 10);
    expect(overdue.map((mark) => mark.job)).toEqual([job]);
    await storage.due.clear(job);
    expect(await storage.due.overdue(Date.now() + 1_000, 10)).toEqual([]);
  });

  test("a thread with waiting events is on the worklist until it is settled", async () => {
    const storage = make();
    await storage.inbox.markWaiting(THREAD);
    expect(await storage.inbox.waitingSince(Date.now() + 1_000, 10)).toEqual([THREAD]);
    await storage.inbox.settled(THREAD);
    expect(await storage.inbox.waitingSince(Date.now() + 1_000, 10)).toEqual([]);
  });
}
