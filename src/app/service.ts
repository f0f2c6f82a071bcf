import { GraphvizDrawer } from "../infra/render/graphviz-drawer.js";
import { setTimeout as sleep } from "node:timers/promises";
import { interviewerSetup } from "../app/interviewer.js";
import { systemClock, type Clock } from "../core/clock.js";
import type { Config } from "../config/env.js";
import { loadContent, type Content } from "../engine/context.js";
import { ConfigError } from "../core/errors.js";
import { RedisInbox } from "../infra/redis/inbox.js";
import { RedisThreadLocks } from "../infra/redis/locks.js";
import { RedisOutboxStore } from "../infra/redis/outbox.js";
import { RedisPlaceholders } from "../infra/redis/placeholders.js";
import { TurnCoordinator } from "../pipeline/coordinator.js";
import { Delivery } from "../pipeline/delivery.js";
import { TurnIntake } from "../pipeline/intake.js";
import { TurnRunner } from "../pipeline/runner.js";
import { Sweeper } from "../pipeline/sweeper.js";
import type { Logger } from "../ops/logger.js";
import { MeteredInterviewer, MeteredSummarizer } from "../ops/metered.js";
import { Metrics } from "../ops/metrics.js";
import { startOpsServer } from "../ops/server.js";
import { PosterRouter } from "./poster-router.js";
import { RedisDueSummaries } from "../infra/redis/due.js";
import { SummaryQueue } from "../infra/bullmq/summary-queue.js";
import { SummaryWorker } from "../infra/bullmq/summary-worker.js";
import { keySpace } from "../infra/redis/keys.js";
import { RedisSessionStore } from "../infra/redis/sessions.js";
import type { PracticeRepeat } from "../infra/bullmq/practice-job.js";
import { PracticeSchedulesService } from "../features/schedule/schedules.js";
import { BullPracticeScheduler } from "../infra/bullmq/practice-scheduler.js";
import { PracticeWorker } from "../infra/bullmq/practice-worker.js";
import { RedisRotation } from "../infra/redis/rotation.js";
import { RedisScheduleRecords } from "../infra/redis/schedule-records.js";
import { redisTeamStorage } from "../infra/redis/team-storage.js";
import type { Directory } from "../ports/directory.js";
import { DirectoryRouter } from "./directory-router.js";
import { TeamPracticeService } from "../features/team/practice.js";
import { noPlatformMessage, type ChatPlatform, type PlatformModule } from "./platform.js";
import { connectRedis, redisTarget } from "../infra/redis/connect.js";
import type { RedisClient } from "../infra/redis/client.js";

export const ROLES = ["all", "bot", "worker"] as const;
export type Role = (typeof ROLES)[number];

/** A platform retries an unacknowledged event for minutes at most; a day covers every redelivery. */
const DEDUPE_TTL_MS = 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

export interface ServiceOptions {
  role: Role;
  config: Config;
  platforms: readonly ChatPlatform[];
  /** The platforms this build could run, named when `platforms` is empty. @defaultValue none */
  registered?: readonly PlatformModule[];
  logger: Logger;
  clock?: Clock;
  /** Problems and rubric, when the caller loaded them already. @defaultValue loaded from PROBLEMS_DIR and RUBRIC_DIR */
  content?: Content;
  /** How often the sweeper looks for work a crashed process left. @defaultValue 5000 */
  sweepIntervalMs?: number;
  /** How weekly practice schedules repeat in BullMQ; tests tick every few hundred ms. @defaultValue the cadence's cron pattern in its time zone */
  practiceRepeat?: PracticeRepeat;
}

export interface RunningService {
  readonly opsPort: number;
  readonly metrics: Metrics;
  /** Stops intake, finishes the turns and jobs in hand, closes connections. */
  stop(): Promise<void>;
}

/**
 * Starts a role: `bot` takes chat events in and answers turns, `worker` writes and posts
 * summaries, `all` does both in one process. Either way: health and metrics on METRICS_PORT.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, role, platforms, logger } = options;
  const redis = redisTarget(config);
  if (!redis) throw new ConfigError("REDIS_URL: required to run the bot and the worker, e.g. redis://localhost:6379 (or REDIS_CLUSTER_NODES for a Redis Cluster)");
  if (platforms.length === 0) throw new ConfigError(noPlatformMessage(options.registered ?? []));
  const clock = options.clock ?? systemClock;
  const metrics = new Metrics();
  const content = options.content ?? loadContent({ problems: config.PROBLEMS_DIR, rubric: config.RUBRIC_DIR });
  const setup = interviewerSetup(config, content, clock, (error) => metrics.error(`llm-${error.failure}`));
  const keys = keySpace(config.REDIS_KEY_PREFIX);
  const ttlMs = config.SESSION_TTL_DAYS * DAY_MS;
  const poster = new PosterRouter(platforms.map((platform) => [platform.name, platform.poster] as const));
  const jobPoster = new PosterRouter(platforms.map((platform) => [platform.name, platform.jobPoster ?? platform.poster] as const));
  const directory = new DirectoryRouter(platforms.flatMap((platform) => (platform.directory ? [[platform.name, platform.directory] as [string, Directory]] : [])));
  const bot = role !== "worker";
  const work = role !== "bot";

  // Closed in reverse order on stop, or when start-up fails half way.
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, "error while stopping");
      }
    }
  };
  let draining = false;

  const data = await connectRedis(redis, "data", logger);
  closers.push(() => closeRedis(data));
  try {
    const acks = { replicas: config.REDIS_REPLICA_ACKS, timeoutMs: config.REDIS_REPLICA_ACK_TIMEOUT_MS };
    const store = new RedisSessionStore(data, { keys, ttlMs, acks });
    const queue = new SummaryQueue(data, {
      prefix: config.BULLMQ_PREFIX,
      retries: { attempts: config.SUMMARY_ATTEMPTS, backoffMs: config.SUMMARY_BACKOFF_MS },
      onError: (error) => logger.debug({ err: error.message }, "summary queue: redis error"),
    });
    closers.push(() => queue.close());
    metrics.watchQueue(() => queue.counts());

    const ops = await startOpsServer({
      port: config.METRICS_PORT,
      registry: metrics.registry,
      ready: async () => !draining && data.status === "ready" && (await data.ping().catch(() => null)) === "PONG",
    }).catch((error: unknown) => {
      throw new ConfigError(`METRICS_PORT: cannot listen on port ${config.METRICS_PORT} (${error instanceof Error ? error.message : String(error)})`);
    });
    closers.push(() => ops.close());

    if (work) {
      const connection = await connectRedis(redis, "worker", logger);
      closers.push(() => closeRedis(connection));
      const workerStorage = redisTeamStorage(connection, keys, ttlMs, clock);
      const worker = new SummaryWorker({
        connection,
        prefix: config.BULLMQ_PREFIX,
        // The worker's own connection waits out a Redis blip instead of failing the attempt.
        store: new RedisSessionStore(connection, { keys, ttlMs }),
        summarizer: new MeteredSummarizer(setup.summarizer, metrics, setup.mode),
        poster: jobPoster,
        posted: workerStorage.posted,
        archive: workerStorage.archive,
        metrics,
        logger,
        design: { drawer: new GraphvizDrawer(), content, logger },
        concurrency: config.WORKER_CONCURRENCY,
        lockMs: config.WORKER_LOCK_MS,
      });
      await worker.start();
      closers.push(() => worker.close());
      const practice = new PracticeWorker({
        connection,
        prefix: config.BULLMQ_PREFIX,
        records: new RedisScheduleRecords(connection, keys),
        rotation: new RedisRotation(connection, keys, ttlMs, clock),
        bank: content.bank,
        poster: jobPoster,
        metrics,
        logger,
        concurrency: config.WORKER_CONCURRENCY,
        lockMs: config.WORKER_LOCK_MS,
        repeat: options.practiceRepeat,
      });
      await practice.start();
      closers.push(() => practice.close());
    }

    if (bot) {
      const inbox = new RedisInbox(data, { keys, dedupeTtlMs: DEDUPE_TTL_MS, ttlMs, acks });
      const placeholders = new RedisPlaceholders(data, keys);
      const due = new RedisDueSummaries(data, keys);
      const runner = new TurnRunner({
        store,
        interviewer: new MeteredInterviewer(setup.interviewer, metrics, setup.mode),
        content,
        clock,
        limits: { tokenBudget: config.MAX_TOKENS_PER_INTERVIEW },
        delivery: new Delivery({ outbox: new RedisOutboxStore(data, keys), poster, metrics, logger }),
        poster,
        summaries: queue,
        due,
        metrics,
        logger,
        drawer: new GraphvizDrawer(),
        placeholders,
        streaming: config.LLM_STREAMING === "on",
      });
      const coordinator = new TurnCoordinator({ inbox, lock: new RedisThreadLocks(data, keys, config.TURN_LOCK_MS), runner, metrics, logger, burstWindowMs: config.BURST_WINDOW_MS });
      closers.push(() => coordinator.close());
      const intake = new TurnIntake({ inbox, placeholders, coordinator, poster, metrics, logger, burstWindowMs: config.BURST_WINDOW_MS });
      const sweeper = new Sweeper({ inbox, coordinator, due, summaries: queue, store, logger, burstWindowMs: config.BURST_WINDOW_MS, intervalMs: options.sweepIntervalMs });
      sweeper.start();
      closers.push(() => sweeper.stop());
      closers.push(async () => intake.close());
      const team = new TeamPracticeService({ ...redisTeamStorage(data, keys, ttlMs, clock), store, summaries: queue, content, poster, directory, clock });
      const schedules = new PracticeSchedulesService({
        records: new RedisScheduleRecords(data, keys),
        rotation: new RedisRotation(data, keys, ttlMs, clock),
        scheduler: new BullPracticeScheduler(data, { prefix: config.BULLMQ_PREFIX, logger, repeat: options.practiceRepeat }),
        directory,
        logger,
        clock,
      });
      closers.push(() => schedules.close());
      for (const platform of platforms) {
        await platform.start(intake, { team, schedules });
        closers.push(() => platform.stop());
      }
    }

    logger.info({ platforms: platforms.map((platform) => platform.name), interviewer: setup.mode, opsPort: ops.port }, "mock-interview started");
    return {
      opsPort: ops.port,
      metrics,
      stop: async () => {
        draining = true;
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** QUIT lets replies in flight arrive; if Redis is down it cannot answer, so give up after a second. */
async function closeRedis(client: RedisClient): Promise<void> {
  await Promise.race([client.quit().catch(() => undefined), sleep(1_000)]);
  client.disconnect();
}
