import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { ChatRecorder } from "../../fakes/chat-recorder.js";
import { FakeOpenAI } from "../../fakes/openai.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { summariesSettled } from "../../support/sentinels.js";
import { interviewThatEnds, startHarness, type Harness } from "../../support/service-harness.js";
import { startServiceProcess, type ServiceProcess } from "../../support/service-process.js";

let redis: RedisServer;
let recorder: ChatRecorder;
let fake: FakeOpenAI;
let bot: Harness;
const workers: ServiceProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  recorder = await new ChatRecorder().start();
  fake = await new FakeOpenAI().start();
  bot = await startHarness(redis, { role: "bot", recorder });
});

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await bot?.stop();
  await fake?.stop();
  await recorder?.stop();
  await redis?.stop();
});

function startWorker(): Promise<ServiceProcess> {
  return startServiceProcess("worker", {
    ...redis.env,
    TEST_RECORDER_URL: recorder.url,
    OPENAI_API_KEY: "sk-test-worker",
    OPENAI_BASE_URL: fake.baseURL,
    LLM_TIMEOUT_MS: "60000",
    LLM_MAX_RETRIES: "0",
    WORKER_LOCK_MS: "1000",
  }).then((worker) => {
    workers.push(worker);
    return worker;
  });
}

describe("summary worker crash", () => {
  test("a worker killed with SIGKILL mid-job leads to exactly one scorecard after a worker restarts", async () => {
    const first = await startWorker();
    // The model hangs on the first summary request: the job is mid-flight when the worker dies.
    fake.script({ kind: "hang" });
    const threadKey = "test:crash-summary";
    await interviewThatEnds(bot, threadKey, "I'd frame it as minimising fraud loss at a fixed review budget.");

    // Polls until the model was asked; the count below decides.
    for (let tries = 0; tries < 400 && fake.requests.length === 0; tries++) await sleep(25);
    expect(fake.requests).toHaveLength(1);
    first.kill("SIGKILL");
    await first.exited;
    expect(recorder.in(threadKey, "summary")).toHaveLength(0);

    await startWorker();
    await recorder.waitFor(() => recorder.in(threadKey, "summary").length === 1, 20_000);
    await summariesSettled(redis);
    expect(recorder.in(threadKey, "summary")).toHaveLength(1);
    expect(recorder.in(threadKey, "error")).toHaveLength(0);
  });
});
