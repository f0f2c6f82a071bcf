import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Redis } from "ioredis";
import { keySpace } from "../../../src/infra/redis/keys.js";
import { EmbeddedSessionStore } from "../../../src/infra/embedded/sessions.js";
import type { SessionStore } from "../../../src/ports/sessions.js";
import { RedisSessionStore } from "../../../src/infra/redis/sessions.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { sessionFixture } from "../../support/session-fixture.js";
import { SESSION_SCHEMA_VERSION } from "../../../src/domain/session.js";

const DAY_MS = 86_400_000;
let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  server = await startRedis();
  client = new Redis(server.url);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

const session = sessionFixture;

const stores: Array<[string, () => SessionStore]> = [
  ["embedded", () => new EmbeddedSessionStore({ ttlMs: 30 * DAY_MS })],
  ["redis", () => new RedisSessionStore(client, { keys: keySpace(`${server.env.REDIS_KEY_PREFIX}${Math.random().toString(36).slice(2, 8)}`), ttlMs: 30 * DAY_MS })],
];

describe.each(stores)("SessionStore contract: %s", (_name, make) => {
  test("a saved session reads back equal, and changing the copy read does not change the store", async () => {
    const store = make();
    const saved = session({ id: "s1", threadKey: "slack:T1:C1:1700000000.000100" });
    await store.save(saved);
    const read = await store.get(saved.threadKey);
    expect(read).toEqual(saved);
    read?.transcript.push({ role: "candidate", kind: "answer", text: "changed", phase: "requirements", at: 1 });
    expect(await store.get(saved.threadKey)).toEqual(saved);
  });

  test("a thread without an interview reads as null", async () => {
    expect(await make().get("discord:1:2")).toBeNull();
  });

  test("a second interview in a thread becomes current while the first stays readable by id", async () => {
    const store = make();
    const threadKey = "discord:100:200";
    const first = session({ id: "first", threadKey, phase: "ended", endedAt: Date.parse("2026-11-02T10:40:00Z") });
    const second = session({ id: "second", threadKey, startedAt: Date.parse("2026-11-03T09:00:00Z") });
    await store.save(first);
    await store.save(second);
    expect((await store.get(threadKey))?.id).toBe("second");
    expect((await store.getInterview(threadKey, "first"))?.phase).toBe("ended");
    expect(await store.getInterview(threadKey, "missing")).toBeNull();
  });

  test("a candidate's interviews are listed newest first, across threads", async () => {
    const store = make();
    await store.save(session({ id: "older", threadKey: "slack:T1:C1:1", startedAt: Date.parse("2026-10-01T10:00:00Z") }));
    await store.save(session({ id: "newer", threadKey: "slack:T1:C1:2", startedAt: Date.parse("2026-11-01T10:00:00Z") }));
    await store.save(session({ id: "someone-else", threadKey: "slack:T1:C1:3", candidate: { id: "test:U2", name: "Bo" } }));
    expect((await store.listForCandidate("test:U1")).map((entry) => entry.id)).toEqual(["newer", "older"]);
    expect((await store.listForCandidate("test:U1", 1)).map((entry) => entry.id)).toEqual(["newer"]);
  });
});

describe("RedisSessionStore", () => {
  test("sessions expire SESSION_TTL_DAYS after their last save", async () => {
    const store = new RedisSessionStore(client, { keys: keySpace(`${server.env.REDIS_KEY_PREFIX}ttl`), ttlMs: 30 * DAY_MS });
    await store.save(session({ id: "ttl", threadKey: "slack:T1:C9:1" }));
    const ttl = await store.ttl("slack:T1:C9:1");
    expect(ttl).toBeGreaterThan(29.9 * DAY_MS);
    expect(ttl).toBeLessThanOrEqual(30 * DAY_MS);
  });

  test("the stored form is plain JSON carrying its schemaVersion", async () => {
    const keys = keySpace(`${server.env.REDIS_KEY_PREFIX}raw`);
    await new RedisSessionStore(client, { keys, ttlMs: DAY_MS }).save(session({ id: "raw", threadKey: "slack:T1:C9:2" }));
    const raw = JSON.parse((await client.hget(keys.interviews("slack:T1:C9:2"), "raw")) ?? "{}") as Record<string, unknown>;
    expect(raw.schemaVersion).toBe(SESSION_SCHEMA_VERSION);
  });
});
