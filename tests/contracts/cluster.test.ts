import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { RedisClient } from "../../src/infra/redis/client.js";
import { RedisInbox } from "../../src/infra/redis/inbox.js";
import { keySpace } from "../../src/infra/redis/keys.js";
import { archiveContract } from "./archive.contract.js";
import { postedContract } from "./posted.contract.js";
import { reviewsContract } from "./reviews.contract.js";
import { schedulesContract } from "./schedules.contract.js";
import { sessionsContract } from "./sessions.contract.js";
import { redisTurnStorage, turnStorageContract } from "./turn-storage.contract.js";
import { userDataContract } from "./user-data.contract.js";
import { cluster, redisWorlds, type RedisBackend } from "./world.js";

/**
 * Every storage contract once more, on a real Redis Cluster (one for this whole file: starting one
 * takes seconds). A script, transaction or pipeline whose keys spanned slots would fail here with
 * CROSSSLOT; a keyspace walk that visited one node only would miss keys on the others.
 */
let backend: Promise<RedisBackend> | undefined;
const shared = () => (backend ??= cluster());
const worlds = redisWorlds(shared);

afterAll(() => worlds.stop());

describe("on Redis Cluster", () => {
  describe("sessions", () => sessionsContract(worlds.make));
  describe("archive", () => archiveContract(worlds.make));
  describe("posted record", () => postedContract(worlds.make));
  describe("reviews", () => reviewsContract(worlds.make));
  describe("schedules", () => schedulesContract(worlds.make));
  describe("user data", () => userDataContract(worlds.make));
  describe("turn storage", () => {
    let client: RedisClient | undefined;
    let prefix = "";
    beforeAll(async () => ({ client, prefix } = await shared()));
    turnStorageContract(() => {
      if (!client) throw new Error("the cluster has not started");
      return redisTurnStorage(client, prefix);
    });
  });

  describe("hash tags", () => {
    const awkward = ["}opens-with-a-brace", "a}b", "{braced}", "per%7Dcent"];

    test("a thread key holding braces or percent signs keeps its thread on one slot: its event is taken in, not refused as CROSSSLOT", async () => {
      const { client, prefix } = await shared();
      const inbox = new RedisInbox(client, { keys: keySpace(`${prefix}tags`), dedupeTtlMs: 60_000, ttlMs: 60_000 });
      for (const threadKey of awkward) {
        const start = { kind: "start" as const, eventId: `start-${threadKey}`, threadKey, candidate: { id: "test:U1", name: "Ada" }, level: "senior" };
        expect((await inbox.takeIn(start)).outcome).toBe("queued");
      }
    });

    test("distinct thread keys never share a key name, however they are written", () => {
      const keys = keySpace("mi");
      const names = ["a}b", "a%7Db", "a%257Db", "a}}b"].map((threadKey) => keys.inbox(threadKey));
      expect(new Set(names).size).toBe(names.length);
      expect(() => keys.inbox("")).toThrow();
    });
  });
});
