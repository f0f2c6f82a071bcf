import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { ChatRecorder } from "../fakes/chat-recorder.js";
import { FakeOpenAI } from "../fakes/openai.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { CANDIDATE, eventId } from "../support/service-harness.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

const API_KEY = "sk-test-never-logged-4242";
const SECRET_ANSWER = "my-unmistakable-answer-text about fraud labels";
const THREAD = "test:ops-thread";

let redis: RedisServer;
let recorder: ChatRecorder;
let fake: FakeOpenAI;
let service: ServiceProcess;

beforeAll(async () => {
  redis = await startRedis({ controllable: true });
  recorder = await new ChatRecorder().start();
  fake = await new FakeOpenAI().start();
  service = await startServiceProcess("all", {
    ...redis.env,
    TEST_RECORDER_URL: recorder.url,
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: fake.baseURL,
    LLM_MAX_RETRIES: "0",
    BURST_WINDOW_MS: "200",
    LOG_LEVEL: "info",
  });
  await service.send("start", { eventId: eventId(), threadKey: THREAD, candidate: CANDIDATE, level: "senior", problem: "fraud" });
  await recorder.waitFor(() => recorder.in(THREAD, "interviewer").length === 1);
  await service.send("message", { eventId: eventId(), threadKey: THREAD, authorId: CANDIDATE.id, text: SECRET_ANSWER });
  await recorder.waitFor(() => recorder.in(THREAD, "interviewer").length === 2);
  await service.send("action", { eventId: eventId(), threadKey: THREAD, actorId: CANDIDATE.id, action: "end" });
  await recorder.waitFor(() => recorder.in(THREAD, "summary").length === 1);
});

afterAll(async () => {
  service?.kill("SIGKILL");
  await fake?.stop();
  await recorder?.stop();
  await redis?.stop();
});

const get = (path: string) => fetch(`${service.opsUrl}${path}`);

/** The value of one sample in Prometheus text format, e.g. `name{label="x"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("operations", () => {
  test("/healthz and /readyz answer 200 while Redis is reachable", async () => {
    expect((await get("/healthz")).status).toBe(200);
    expect((await get("/readyz")).status).toBe(200);
  });

  test("/metrics reports interviews, turn latency, LLM use, the queue and summaries", async () => {
    const response = await get("/metrics");
    expect(response.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await response.text();
    expect(sample(text, "mock_interview_interviews_started_total")).toBe(1);
    expect(sample(text, "mock_interview_interviews_ended_total")).toBe(1);
    expect(sample(text, 'mock_interview_turn_duration_seconds_count{kind="start"}')).toBe(1);
    expect(sample(text, 'mock_interview_turn_duration_seconds_count{kind="answer"}')).toBe(1);
    expect(sample(text, 'mock_interview_llm_duration_seconds_count{operation="interviewer",mode="llm"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'mock_interview_llm_tokens_total{type="prompt"}')).toBeGreaterThan(0);
    expect(sample(text, 'mock_interview_queue_jobs{state="completed"}')).toBe(1);
    expect(sample(text, "mock_interview_summaries_posted_total")).toBe(1);
    expect(text).toContain("mock_interview_process_resident_memory_bytes");
  });

  test("logs are JSON lines that name the session, and never carry what the candidate wrote or the API key", async () => {
    const turns = service.logs.filter((line) => line.msg === "turn answered");
    expect(turns.length).toBeGreaterThanOrEqual(3);
    for (const line of turns) {
      expect(line.sessionKey).toBe(THREAD);
      expect(typeof line.interviewId).toBe("string");
    }
    expect(service.logs.some((line) => line.msg === "summary job done" && line.sessionKey === THREAD)).toBe(true);
    expect(service.stdout()).not.toContain("unmistakable");
    expect(service.stdout()).not.toContain(API_KEY);
  });

  test("a Redis outage makes /readyz 503 without taking the process down, and it recovers by itself", async () => {
    await redis.kill();
    let status = 0;
    for (let tries = 0; tries < 50 && status !== 503; tries++) {
      status = (await get("/readyz")).status;
      if (status !== 503) await sleep(100);
    }
    expect(status).toBe(503);
    expect((await get("/healthz")).status).toBe(200);
    expect(await service.send("message", { eventId: eventId(), threadKey: THREAD, authorId: CANDIDATE.id, text: "during the outage" })).toBe("unavailable");
    const errors = await (await get("/metrics")).text();
    expect(sample(errors, 'mock_interview_errors_total{kind="storage-down"}')).toBeGreaterThanOrEqual(1);

    await redis.restart();
    for (let tries = 0; tries < 100 && status !== 200; tries++) {
      await sleep(100);
      status = (await get("/readyz")).status;
    }
    expect(status).toBe(200);
    expect(service.child.exitCode).toBeNull();
  });
});
