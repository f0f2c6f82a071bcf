import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Queue } from "bullmq";
import { setTimeout as sleep } from "node:timers/promises";
import { SUMMARY_JOB, SUMMARY_QUEUE } from "../../../src/infra/bullmq/summary-job-options.js";
import { interviewThatEnds, startHarness, type Harness } from "../../support/service-harness.js";
import { startRedis } from "../../support/redis-server.js";
import { startRedisCluster } from "../../support/redis-cluster.js";
import { testClient, type TestRedis } from "../../support/test-redis.js";
import { summariesSettled } from "../../support/sentinels.js";

// The same queue behaviour on one node and on a Redis Cluster (BullMQ's keys under one hash tag).
describe.each([
  ["one redis-server", () => startRedis()],
  ["a Redis Cluster", () => startRedisCluster()],
] as const)("summary worker on %s", (_backend, startBackend) => {
  let redis: TestRedis;
  let bot: Harness;

  beforeAll(async () => {
    redis = await startBackend();
    bot = await startHarness(redis, { role: "all", env: { SUMMARY_ATTEMPTS: "3" } });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await redis?.stop();
  });

  test("ending an interview posts its scorecard to the thread", async () => {
    const threadKey = "test:summary-basic";
    await interviewThatEnds(bot, threadKey);
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1);
    const [posted] = bot.recorder.in(threadKey, "summary");
    expect(posted?.message.heading).toBe("Scorecard for Ada");
    expect(posted?.options.idempotencyKey).toMatch(/^summary-[A-Za-z0-9_-]+$/);
  });

  test("a second interview in the same thread gets its own scorecard", async () => {
    const threadKey = "test:summary-twice";
    await interviewThatEnds(bot, threadKey);
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1);
    await interviewThatEnds(bot, threadKey, "This time I'd begin with label latency for chargebacks.");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 2);
    const keys = bot.recorder.in(threadKey, "summary").map((posted) => posted.options.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
  });

  test("a scorecard job that runs again after its scorecard was posted posts nothing more", async () => {
    const threadKey = "test:summary-rerun";
    const interviewId = await interviewThatEnds(bot, threadKey);
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1);
    // The same job delivered again under another id, as after a removal or a crash after posting.
    const connection = testClient(redis);
    const queue = new Queue(SUMMARY_QUEUE, { connection, prefix: redis.env.BULLMQ_PREFIX });
    try {
      const job = await queue.add(SUMMARY_JOB, { threadKey, interviewId }, { jobId: `summary-${interviewId}-again` });
      // Polls until the job finished; the assertions below decide.
      for (let tries = 0; tries < 100 && !(await job.isCompleted()); tries++) await sleep(50);
      expect(await job.isCompleted()).toBe(true);
      expect(bot.recorder.in(threadKey, "summary")).toHaveLength(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  test("when the platform refuses the scorecard on every attempt, the candidate gets a clear notice instead of silence", async () => {
    const threadKey = "test:summary-refused";
    const refusedBefore = bot.recorder.refused;
    bot.recorder.refuse = (posted) => posted.threadKey === threadKey && posted.message.kind === "summary";
    try {
      const interviewId = await interviewThatEnds(bot, threadKey);
      await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "error").length === 1);
      expect(bot.recorder.refused - refusedBefore).toBe(3);
      const notice = bot.recorder.in(threadKey, "error")[0]?.message;
      expect(notice?.heading).toBe("Scorecard unavailable");
      expect(notice?.paragraphs.join(" ")).toContain(interviewId);
      // The notice is posted before the last attempt fails: once the queue is idle, nothing more comes.
      await summariesSettled(redis);
      expect(bot.recorder.in(threadKey, "error")).toHaveLength(1);
    } finally {
      bot.recorder.refuse = () => false;
    }
  });
});
