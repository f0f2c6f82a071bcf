import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { ChatRecorder } from "../fakes/chat-recorder.js";
import { FakeOpenAI, type RecordedRequest } from "../fakes/openai.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { CANDIDATE, eventId } from "../support/service-harness.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

let redis: RedisServer;
let recorder: ChatRecorder;
let fake: FakeOpenAI;
const processes: ServiceProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  recorder = await new ChatRecorder().start();
  fake = await new FakeOpenAI().start();
});

afterAll(async () => {
  for (const service of processes) service.kill("SIGKILL");
  await fake?.stop();
  await recorder?.stop();
  await redis?.stop();
});

/** `npm start` with the test platform; the model times out after 1.5 s, so a hung call ends in an offline answer. */
async function start(): Promise<ServiceProcess> {
  const service = await startServiceProcess("all", {
    ...redis.env,
    TEST_RECORDER_URL: recorder.url,
    OPENAI_API_KEY: "sk-test-drain",
    OPENAI_BASE_URL: fake.baseURL,
    LLM_TIMEOUT_MS: "1500",
    LLM_MAX_RETRIES: "0",
    BURST_WINDOW_MS: "1000",
  });
  processes.push(service);
  return service;
}

async function waitForRequests(count: number): Promise<void> {
  for (let tries = 0; tries < 400 && fake.requests.length < count; tries++) await sleep(25);
  expect(fake.requests.length).toBeGreaterThanOrEqual(count);
}

function isSummaryRequest(request: RecordedRequest): boolean {
  return request.body.messages.some((message) => message.content.includes("end-of-interview scorecard"));
}

describe("SIGTERM drains", () => {
  test("the turn in hand is answered before the process exits", async () => {
    const service = await start();
    const threadKey = "test:drain-turn";
    await service.send("start", { eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
    await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length === 1);
    const before = fake.requests.length;
    fake.script({ kind: "hang" });
    await service.send("message", { eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "I'd look at chargeback labels first." });
    await waitForRequests(before + 1);

    service.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(recorder.in(threadKey, "interviewer")).toHaveLength(2);
  });

  test("a message still inside its burst window is answered before the process exits", async () => {
    const service = await start();
    const threadKey = "test:drain-burst";
    await service.send("start", { eventId: eventId(), threadKey, candidate: CANDIDATE, level: "mid", problem: "spam" });
    await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length === 1);
    await service.send("message", { eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "Spam here means unsolicited bulk messages." });
    service.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(recorder.in(threadKey, "interviewer")).toHaveLength(2);
  });

  test("the summary job in hand is posted before the process exits", async () => {
    const service = await start();
    const threadKey = "test:drain-summary";
    await service.send("start", { eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
    await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length === 1);
    const answerNormally = fake.respond;
    fake.respond = (request) => (isSummaryRequest(request) ? { kind: "hang" } : answerNormally(request));
    try {
      await service.send("action", { eventId: eventId(), threadKey, actorId: CANDIDATE.id, action: "end" });
      for (let tries = 0; tries < 400 && !fake.requests.some(isSummaryRequest); tries++) await sleep(25);
      expect(fake.requests.some(isSummaryRequest)).toBe(true);

      service.kill("SIGTERM");
      expect(await service.exited).toBe(0);
      expect(recorder.in(threadKey, "summary")).toHaveLength(1);
    } finally {
      fake.respond = answerNormally;
    }
  });
});
