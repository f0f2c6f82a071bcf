import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { Clock } from "../../src/core/clock.js";
import { loadContent, type Content } from "../../src/engine/context.js";
import type { Session } from "../../src/domain/session.js";
import { sessionFixture } from "../support/session-fixture.js";
import { embeddedTeamStorage } from "../../src/infra/embedded/team-storage.js";
import { RedisRotation } from "../../src/infra/redis/rotation.js";
import { RedisScheduleRecords } from "../../src/infra/redis/schedule-records.js";
import { redisTeamStorage } from "../../src/infra/redis/team-storage.js";
import { storedSummaryOf, type StoredSummary, type SummaryArchive } from "../../src/ports/archive.js";
import type { PostedRecord } from "../../src/ports/posted.js";
import type { ReviewStore } from "../../src/ports/reviews.js";
import type { Rotation, ScheduleRecords } from "../../src/ports/schedules.js";
import type { SummaryJobs, UserData } from "../../src/ports/user-data.js";
import { keySpace } from "../../src/infra/redis/keys.js";
import type { SessionStore } from "../../src/ports/sessions.js";
import { RedisSessionStore } from "../../src/infra/redis/sessions.js";
import { buildSummary } from "../../src/voice/summary/build.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Image, Poster } from "../../src/ports/poster.js";
import type { TeamDeps } from "../../src/features/team/deps.js";
import { TeamPracticeService } from "../../src/features/team/practice.js";
import { startRedis } from "../support/redis-server.js";
import { startRedisCluster } from "../support/redis-cluster.js";
import { scanEach, type RedisClient } from "../../src/infra/redis/client.js";
import { TestDirectory } from "../support/test-directory.js";

export const DAY_MS = 86_400_000;
/** Every world keeps interviews this long after their last save. */
export const TTL_MS = 30 * DAY_MS;
export const START = Date.parse("2026-11-02T10:00:00Z");

/** One implementation of the team-side storage under test, with a way to let time pass for everything it holds. */
export interface StorageWorld {
  store: SessionStore;
  archive: SummaryArchive;
  reviews: ReviewStore;
  posted: PostedRecord;
  userData: UserData;
  summaries: SummaryJobs;
  records: ScheduleRecords;
  rotation: Rotation;
  clock: Clock;
  /** Lets `ms` pass for everything stored: Redis shortens every key's TTL by it (deleting what runs out), embedded moves its clock. */
  elapse(ms: number): Promise<void>;
  close(): Promise<void>;
}

export type WorldFactory = () => Promise<StorageWorld>;

class MovableClock implements Clock {
  time = START;
  now(): number {
    return this.time;
  }
}

/** A Redis the worlds share: one node or a cluster, with a key prefix unique to it. */
export interface RedisBackend {
  client: RedisClient;
  prefix: string;
  stop(): Promise<void>;
}

/** One redis-server of the test file's own. */
export async function singleNode(): Promise<RedisBackend> {
  const server = await startRedis();
  const client = new Redis(server.url);
  return { client, prefix: server.env.REDIS_KEY_PREFIX, stop: async () => (client.disconnect(), server.stop()) };
}

/** A Redis Cluster of the test file's own (three masters, three replicas). */
export async function cluster(): Promise<RedisBackend> {
  const started = await startRedisCluster();
  const client = started.client();
  return { client, prefix: started.env.REDIS_KEY_PREFIX, stop: async () => (client.disconnect(), started.stop()) };
}

/** Worlds on one Redis per test file (started on first use), each under a key prefix of its own. */
export function redisWorlds(start: () => Promise<RedisBackend> = singleNode): { make: WorldFactory; stop(): Promise<void> } {
  let backend: Promise<RedisBackend> | undefined;
  let count = 0;
  return {
    make: async () => {
      backend ??= start();
      const { client: redis, prefix: shared } = await backend;
      const prefix = `${shared}w${++count}`;
      const keys = keySpace(prefix);
      const clock = new MovableClock();
      const storage = redisTeamStorage(redis, keys, TTL_MS, clock);
      const removed: string[] = [];
      return {
        ...storage,
        store: new RedisSessionStore(redis, { keys, ttlMs: TTL_MS }),
        summaries: { remove: async (id) => (removed.push(id), true) },
        records: new RedisScheduleRecords(redis, keys),
        rotation: new RedisRotation(redis, keys, TTL_MS, clock),
        clock,
        elapse: async (ms) => {
          clock.time += ms;
          await elapseRedis(redis, `${prefix}:*`, ms);
        },
        close: async () => undefined,
      };
    },
    stop: async () => {
      await (await backend)?.stop();
    },
  };
}

/** Time passing, as Redis would see it: every key with a TTL under `pattern`, on every master, loses `ms` of it, and goes when none is left. */
async function elapseRedis(redis: RedisClient, pattern: string, ms: number): Promise<void> {
  await scanEach(redis, pattern, 1000, async (found) => {
    for (const key of found) {
      const left = await redis.pttl(key);
      if (left < 0) continue;
      if (left - ms <= 0) await redis.del(key);
      else await redis.pexpire(key, left - ms);
    }
  });
}

/** Embedded worlds, in memory or persisted to a fresh temporary folder. */
export function embeddedWorlds(persisted: boolean): { make: WorldFactory; stop(): Promise<void> } {
  const folders: string[] = [];
  return {
    make: async () => {
      const clock = new MovableClock();
      const dataDir = persisted ? mkdtempSync(join(tmpdir(), "mock-interview-data-")) : undefined;
      if (dataDir) folders.push(dataDir);
      const storage = embeddedTeamStorage({ dataDir, clock, ttlMs: TTL_MS });
      return {
        ...storage,
        clock,
        elapse: async (ms) => {
          clock.time += ms;
        },
        close: async () => undefined,
      };
    },
    stop: async () => {
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}

let content: Content | undefined;
export function testContent(): Content {
  content ??= loadContent();
  return content;
}

/** An interview as the engine stores it, started now by `world`'s clock. */
export function session(world: StorageWorld, overrides: Partial<Session> & Pick<Session, "id" | "threadKey">): Session {
  const at = world.clock.now();
  return sessionFixture({
    phase: "ended",
    startedAt: at,
    endedAt: at + 40 * 60_000,
    transcript: [
      { role: "interviewer", kind: "greeting", text: "Hi Ada", phase: "selection", at },
      { role: "candidate", kind: "answer", text: "I would define fraud loss per transaction as the business metric.", phase: "requirements", at: at + 60_000 },
    ],
    ...overrides,
  });
}

/** Saves an ended interview and returns it. */
export async function interview(world: StorageWorld, overrides: Partial<Session> & Pick<Session, "id" | "threadKey">): Promise<Session> {
  const saved = session(world, overrides);
  await world.store.save(saved);
  return saved;
}

/** The summary the worker would keep for `saved`. */
export function storedSummary(saved: Session): StoredSummary {
  return storedSummaryOf(saved, buildSummary(saved, testContent()), saved.startedAt);
}

/** What the chat platform was sent, in order. */
export class RecordingPoster implements Poster {
  readonly posts: Array<{ key: string; message: OutgoingMessage }> = [];
  readonly images: Array<{ key: string; image: Image }> = [];
  async post(key: string, message: OutgoingMessage): Promise<void> {
    this.posts.push({ key, message });
  }
  async postImage(key: string, image: Image): Promise<void> {
    this.images.push({ key, image });
  }
}

/** The team features (history, focus, forget-me, reviews) on the world's storage. */
export function teamOn(world: StorageWorld): { team: TeamPracticeService; deps: TeamDeps; poster: RecordingPoster } {
  const poster = new RecordingPoster();
  const deps: TeamDeps = {
    store: world.store,
    archive: world.archive,
    reviews: world.reviews,
    userData: world.userData,
    summaries: world.summaries,
    content: testContent(),
    poster,
    directory: new TestDirectory(),
    clock: world.clock,
  };
  return { team: new TeamPracticeService(deps), deps, poster };
}
