import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Redis } from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import { candidateAnswers, type Session } from "../../src/domain/session.js";
import { keySpace } from "../../src/infra/redis/keys.js";
import { RedisSessionStore } from "../../src/infra/redis/sessions.js";
import { ChatRecorder } from "../fakes/chat-recorder.js";
import { FakeOpenAI } from "../fakes/openai.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { CANDIDATE, eventId } from "../support/service-harness.js";
import { postsBeforeHelp, type Sender } from "../support/sentinels.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

let redis: RedisServer;
let recorder: ChatRecorder;
let fake: FakeOpenAI;
let client: Redis;
let store: RedisSessionStore;
let a: ServiceProcess;
let b: ServiceProcess;

beforeAll(async () => {
  redis = await startRedis();
  recorder = await new ChatRecorder().start();
  fake = await new FakeOpenAI().start();
  const env = {
    ...redis.env,
    TEST_RECORDER_URL: recorder.url,
    OPENAI_API_KEY: "sk-test-bots",
    OPENAI_BASE_URL: fake.baseURL,
    LLM_TIMEOUT_MS: "60000",
    LLM_MAX_RETRIES: "0",
    BURST_WINDOW_MS: "1000",
    TURN_LOCK_MS: "2000",
  };
  [a, b] = await Promise.all([startServiceProcess("bot", env), startServiceProcess("bot", env)]);
  client = new Redis(redis.url);
  store = new RedisSessionStore(client, { keys: keySpace(redis.env.REDIS_KEY_PREFIX), ttlMs: 86_400_000 });
});

afterAll(async () => {
  a?.kill("SIGKILL");
  b?.kill("SIGKILL");
  client?.disconnect();
  await fake?.stop();
  await recorder?.stop();
  await redis?.stop();
});

async function session(threadKey: string): Promise<Session> {
  const found = await store.get(threadKey);
  if (!found) throw new Error(`no session in ${threadKey}`);
  return found;
}

/** Events sent through `via`, posts read from the shared recorder. */
function through(via: ServiceProcess): Sender {
  return { recorder, intake: { message: (event) => via.send("message", event), action: (event) => via.send("action", event) } };
}

async function startInterview(via: ServiceProcess, threadKey: string): Promise<void> {
  expect(await via.send("start", { eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" })).toBe("queued");
  await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length === 1);
}

describe("two bot processes on one thread", () => {
  test("messages split between two processes are all kept, in order, and answered once", async () => {
    const threadKey = "test:two-processes-ordered";
    await startInterview(a, threadKey);
    const texts = Array.from({ length: 10 }, (_, index) => `Thought ${index + 1} on the fraud model`);
    for (const [index, text] of texts.entries()) {
      expect(await (index % 2 === 0 ? a : b).send("message", { eventId: eventId(), threadKey, authorId: CANDIDATE.id, text })).toBe("queued");
    }
    await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length >= 2);
    const earlier = await postsBeforeHelp(through(b), threadKey);
    expect(earlier.filter((posted) => posted.message.kind === "interviewer")).toHaveLength(2);
    const answers = candidateAnswers(await session(threadKey));
    expect(answers).toHaveLength(1);
    const positions = texts.map((text) => answers[0]?.text.indexOf(text) ?? -1);
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  test("a burst sent to both processes at once is kept whole and answered once", async () => {
    const threadKey = "test:two-processes-concurrent";
    await startInterview(b, threadKey);
    const texts = Array.from({ length: 20 }, (_, index) => `Concurrent point ${index + 1}`);
    const outcomes = await Promise.all(texts.map((text, index) => (index % 2 === 0 ? a : b).send("message", { eventId: eventId(), threadKey, authorId: CANDIDATE.id, text })));
    expect(outcomes.every((outcome) => outcome === "queued")).toBe(true);
    await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length >= 2);
    const earlier = await postsBeforeHelp(through(a), threadKey);
    expect(earlier.filter((posted) => posted.message.kind === "interviewer")).toHaveLength(2);
    const answer = candidateAnswers(await session(threadKey))[0]?.text ?? "";
    for (const text of texts) expect(answer).toContain(text);
  });

  test("a process killed mid-turn does not wedge the thread: the other answers once the lock expires", async () => {
    const threadKey = "test:two-processes-crash";
    await startInterview(a, threadKey);
    const requestsBefore = fake.requests.length;
    fake.script({ kind: "hang" });
    const text = "I'd start from the cost of a missed fraud case versus a blocked good customer.";
    expect(await a.send("message", { eventId: eventId(), threadKey, authorId: CANDIDATE.id, text })).toBe("queued");
    for (let tries = 0; tries < 400 && fake.requests.length === requestsBefore; tries++) await sleep(25);
    expect(fake.requests.length).toBe(requestsBefore + 1);
    a.kill("SIGKILL");
    await a.exited;

    await recorder.waitFor(() => recorder.in(threadKey, "interviewer").length === 2, 20_000);
    expect(candidateAnswers(await session(threadKey)).map((entry) => entry.text)).toEqual([text]);
  });
});
