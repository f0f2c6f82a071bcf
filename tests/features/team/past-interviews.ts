import { Redis } from "ioredis";
import type { Clock } from "../../../src/core/clock.js";
import { AREA_IDS, type AreaId, type DimensionId, type Rating } from "../../../src/content/schemas.js";
import { loadContent, type Content } from "../../../src/engine/context.js";
import type { OutgoingMessage } from "../../../src/core/messages/message.js";
import type { Image, Poster, PostOptions } from "../../../src/ports/poster.js";
import { SummaryQueue } from "../../../src/infra/bullmq/summary-queue.js";
import { keySpace } from "../../../src/infra/redis/keys.js";
import { RedisSessionStore } from "../../../src/infra/redis/sessions.js";
import { buildSummary } from "../../../src/voice/summary/build.js";
import type { CoverageStatusSchema } from "../../../src/domain/summary.js";
import { redisTeamStorage } from "../../../src/infra/redis/team-storage.js";
import type { SummaryArchive } from "../../../src/ports/archive.js";
import type { TeamDeps } from "../../../src/features/team/deps.js";
import { TeamPracticeService } from "../../../src/features/team/practice.js";
import type { RedisServer } from "../../support/redis-server.js";
import { TestDirectory } from "../../support/test-directory.js";
import { DirectTurns } from "../../support/direct-turns.js";

const DAY_MS = 86_400_000;

/** What the chat platform received: plain posts and pictures, in order. */
export class RecordingPoster implements Poster {
  readonly posts: Array<{ key: string; message: OutgoingMessage; options: PostOptions }> = [];
  readonly images: Array<{ key: string; image: Image; message: OutgoingMessage }> = [];

  async post(key: string, message: OutgoingMessage, options: PostOptions = {}): Promise<void> {
    this.posts.push({ key, message, options });
  }

  async postImage(key: string, image: Image, message: OutgoingMessage): Promise<void> {
    this.images.push({ key, image, message });
  }
}

/** A clock the test sets to the day each past interview happened. */
class SettableClock implements Clock {
  time = Date.parse("2026-11-02T10:00:00Z");
  now(): number {
    return this.time;
  }
}

export interface PastInterviewSpec {
  user: string;
  name?: string;
  threadKey: string;
  /** ISO date-time the interview started. */
  at: string;
  level?: string;
  problem?: string;
  /** Ended interviews get a scorecard unless `scorecard` is false; open ones never do. */
  ended?: boolean;
  scorecard?: boolean;
  ratings?: Partial<Record<DimensionId, Rating>>;
  /** Areas not named here count as covered. */
  coverage?: Partial<Record<AreaId, (typeof CoverageStatusSchema)["options"][number]>>;
}

/**
 * The team features on a real Redis with real interviews: each past interview is started (and
 * ended) through the engine, and its scorecard written to the archive as the summary worker does,
 * with the ratings and coverage the test needs.
 */
export class TeamWorld {
  readonly content: Content = loadContent();
  readonly clock = new SettableClock();
  readonly poster = new RecordingPoster();
  readonly directory = new TestDirectory();
  readonly redis: Redis;
  readonly deps: TeamDeps;
  readonly team: TeamPracticeService;
  private readonly turns: DirectTurns;
  private readonly store: RedisSessionStore;
  private readonly archive: SummaryArchive;
  private readonly queue: SummaryQueue;

  constructor(server: RedisServer) {
    this.redis = new Redis(server.url);
    const keys = keySpace(server.env.REDIS_KEY_PREFIX);
    const ttlMs = 30 * DAY_MS;
    const store = new RedisSessionStore(this.redis, { keys, ttlMs });
    this.queue = new SummaryQueue(this.redis, { prefix: server.env.BULLMQ_PREFIX, retries: { attempts: 1, backoffMs: 100 } });
    const storage = redisTeamStorage(this.redis, keys, ttlMs, this.clock);
    this.deps = { ...storage, store, content: this.content, poster: this.poster, directory: this.directory, summaries: this.queue, clock: this.clock };
    this.team = new TeamPracticeService(this.deps);
    this.store = store;
    this.turns = new DirectTurns(store, this.content, this.clock);
    this.archive = storage.archive;
  }

  async interview(spec: PastInterviewSpec): Promise<void> {
    this.clock.time = Date.parse(spec.at);
    const candidate = { id: spec.user, name: spec.name ?? "Ada" };
    await this.turns.start(spec.threadKey, candidate, { level: spec.level ?? "senior", problem: spec.problem ?? "fraud" });
    await this.turns.say(spec.threadKey, spec.user, "I'd frame it as binary classification with PR-AUC offline, because fraud is rare.");
    if (spec.ended === false) return;
    this.clock.time += 40 * 60_000;
    await this.turns.say(spec.threadKey, spec.user, "end");
    if (spec.scorecard === false) return;
    const session = await this.store.get(spec.threadKey);
    if (!session) throw new Error(`no interview in ${spec.threadKey}`);
    const summary = buildSummary(session, this.content);
    summary.scorecard = summary.scorecard.map((row) => ({ ...row, rating: spec.ratings?.[row.dimension] ?? "solid" }));
    summary.coverage = Object.fromEntries(
      AREA_IDS.map((area) => [area, { title: this.content.rubric.areas.find((entry) => entry.id === area)?.title ?? area, status: spec.coverage?.[area] ?? "covered", concepts: [] }]),
    );
    await this.archive.save({
      threadKey: session.threadKey,
      interviewId: session.id,
      candidateId: session.candidate.id,
      level: session.level,
      startedAt: session.startedAt,
      endedAt: session.endedAt ?? this.clock.time,
      summary,
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
