import { loadConfig } from "../../src/config/env.js";
import type { Session } from "../../src/domain/session.js";
import type { Intake } from "../../src/ports/intake.js";
import { silentLogger } from "../../src/ops/logger.js";
import type { PracticeRepeat } from "../../src/infra/bullmq/practice-job.js";
import { startService, type Role, type RunningService } from "../../src/app/service.js";
import { keySpace, type KeySpace } from "../../src/infra/redis/keys.js";
import { RedisSessionStore } from "../../src/infra/redis/sessions.js";
import { ChatRecorder } from "../fakes/chat-recorder.js";
import type { RedisClient } from "../../src/infra/redis/client.js";
import { testClient, type TestRedis } from "./test-redis.js";
import { HttpPoster, TestPlatform } from "./test-platform.js";

export const CANDIDATE = { id: "test:U1", name: "Ada" } as const;

/** Settings that keep service tests quick: a short burst window and fast summary retries. */
export const FAST = { BURST_WINDOW_MS: "200", SUMMARY_BACKOFF_MS: "100", WORKER_LOCK_MS: "1000", TURN_LOCK_MS: "2000" } as const;

/** How a test world (the real service with a platform's fake) is started. */
export interface WorldOptions {
  practiceRepeat?: PracticeRepeat;
  /** A redis-server of the world's own that the test may kill and restart (an outage). */
  controllable?: boolean;
  /** More settings for the service, e.g. OPENAI_BASE_URL to the fake OpenAI. */
  env?: Record<string, string>;
}

export interface Harness {
  service: RunningService;
  intake: Intake;
  recorder: ChatRecorder;
  /** Reads what the service stored, through its own connection. */
  store: RedisSessionStore;
  redis: RedisClient;
  keys: KeySpace;
  session(threadKey: string): Promise<Session>;
  stop(): Promise<void>;
}

/** The real service in this process, with the test platform and a chat recorder. */
export async function startHarness(server: TestRedis, options: { role?: Role; env?: Record<string, string>; recorder?: ChatRecorder } = {}): Promise<Harness> {
  const config = loadConfig({ ...server.env, METRICS_PORT: "0", ...FAST, ...options.env });
  const recorder = options.recorder ?? (await new ChatRecorder().start());
  const platform = new TestPlatform(new HttpPoster(recorder.url));
  const service = await startService({ role: options.role ?? "all", config, platforms: [platform], logger: silentLogger, sweepIntervalMs: 500 });
  const redis = testClient(server);
  const keys = keySpace(config.REDIS_KEY_PREFIX);
  const store = new RedisSessionStore(redis, { keys, ttlMs: config.SESSION_TTL_DAYS * 86_400_000 });
  if (!platform.intake) throw new Error("the bot role did not start the platform");
  return {
    service,
    intake: platform.intake,
    recorder,
    store,
    redis,
    keys,
    async session(threadKey) {
      const session = await store.get(threadKey);
      if (!session) throw new Error(`no session in ${threadKey}`);
      return session;
    },
    async stop() {
      await service.stop();
      redis.disconnect();
      if (!options.recorder) await recorder.stop();
    },
  };
}

/** An interview in `threadKey` that got one answer and was then ended by its candidate; resolves with its id once End is handed in. */
export async function interviewThatEnds(bot: Harness, threadKey: string, answer = "I would define fraud loss per transaction as the business metric."): Promise<string> {
  const before = bot.recorder.in(threadKey, "interviewer").length;
  await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
  await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === before + 1);
  await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: answer });
  await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === before + 2);
  const id = (await bot.session(threadKey)).id;
  await bot.intake.action({ eventId: eventId(), threadKey, actorId: CANDIDATE.id, action: "end" });
  return id;
}

let events = 0;
/** A fresh platform event id, as each real delivery has. */
export function eventId(): string {
  return `E${++events}-${Date.now()}`;
}
