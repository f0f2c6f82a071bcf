import type { RedisClient } from "../../src/infra/redis/client.js";
import { setTimeout as sleep } from "node:timers/promises";
import { SUMMARY_QUEUE } from "../../src/infra/bullmq/summary-job-options.js";
import { summaryJobId } from "../../src/ports/summary-job.js";
import { ChatRecorder } from "../fakes/chat-recorder.js";
import { FakeOpenAI, type RecordedRequest } from "../fakes/openai.js";
import { startRedis } from "./redis-server.js";
import { interviewThatEnds, startHarness } from "./service-harness.js";
import { startServiceProcess, type ServiceProcess } from "./service-process.js";

/** How a killed worker's summary job went on, timed from the SIGKILL. */
export interface Takeover {
  /** Until the other worker's summary request reached the model: the job was taken over. */
  takenOverMs: number;
  /** Until the scorecard was posted. */
  scorecardMs: number;
  /** Whether the request after the kill came from the standby worker (not a retry of the dead one's). */
  byStandby: boolean;
  /** Scorecards posted in the thread by the time the scorecard arrived. */
  scorecards: number;
}

const WORKER_KEYS = ["sk-test-worker-a", "sk-test-worker-b"] as const;

/**
 * Two summary worker processes with WORKER_LOCK_MS = `lockMs`; the model hangs on the first summary
 * request, and the worker that sent it is SIGKILLed right after a renewal of the job's lock (the
 * slowest moment to die: the lock then lasts longest). Measures how long until the other worker
 * has the job and has posted its scorecard. A bot process enqueues the interview's summary.
 */
export async function measureTakeover(lockMs: number): Promise<Takeover> {
  const redis = await startRedis();
  const recorder = await new ChatRecorder().start();
  const model = await new FakeOpenAI().start();
  const bot = await startHarness(redis, { role: "bot", recorder });
  const workers: ServiceProcess[] = [];
  try {
    const env = { ...redis.env, TEST_RECORDER_URL: recorder.url, OPENAI_BASE_URL: model.baseURL, LLM_TIMEOUT_MS: "600000", LLM_MAX_RETRIES: "0", WORKER_LOCK_MS: String(lockMs) };
    for (const key of WORKER_KEYS) workers.push(await startServiceProcess("worker", { ...env, OPENAI_API_KEY: key }));
    model.script({ kind: "hang" });

    const threadKey = "test:takeover";
    const interviewId = await interviewThatEnds(bot, threadKey, "I'd frame it as minimising fraud loss at a fixed review budget.");

    await until(() => model.requests.length === 1, 20_000, "the first summary request");
    const holder = workers[WORKER_KEYS.indexOf(keyOf(model.requests[0]) as (typeof WORKER_KEYS)[number])];
    if (!holder) throw new Error("the summary request came from neither worker");
    await lockRenewal(bot.redis, `${redis.env.BULLMQ_PREFIX}:${SUMMARY_QUEUE}:${summaryJobId(interviewId)}:lock`, lockMs * 2);
    const killedAt = performance.now();
    holder.kill("SIGKILL");

    await until(() => model.requests.length === 2, lockMs * 4, "the summary request after the kill");
    const takenOverMs = performance.now() - killedAt;
    await recorder.waitFor(() => recorder.in(threadKey, "summary").length >= 1, lockMs * 4);
    return {
      takenOverMs,
      scorecardMs: performance.now() - killedAt,
      byStandby: keyOf(model.requests[1]) !== keyOf(model.requests[0]),
      scorecards: recorder.in(threadKey, "summary").length,
    };
  } finally {
    for (const worker of workers) worker.kill("SIGKILL");
    await Promise.all(workers.map((worker) => worker.exited));
    await bot.stop();
    await model.stop();
    await recorder.stop();
    await redis.stop();
  }
}

function keyOf(request: RecordedRequest | undefined): string {
  return String(request?.headers.authorization ?? "").replace(/^Bearer /, "");
}

/** Resolves when the lock's time to live goes up: its holder has just renewed it. */
async function lockRenewal(redis: RedisClient, key: string, timeoutMs: number): Promise<void> {
  let last = await redis.pttl(key);
  await until(
    async () => {
      const now = await redis.pttl(key);
      const renewed = last > 0 && now > last;
      last = now;
      return renewed;
    },
    timeoutMs,
    `a renewal of ${key}`,
  );
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(5);
  }
}
