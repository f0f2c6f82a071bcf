import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { DELIVERY_ATTEMPTS, REPLY_LOST_MESSAGE } from "../../src/pipeline/delivery.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { CANDIDATE, eventId, startHarness, type Harness } from "../support/service-harness.js";

/** The outbox when the platform keeps refusing a reply: how long it is kept, and when it is given up. */

let redis: RedisServer;
let bot: Harness;

beforeAll(async () => {
  redis = await startRedis();
  bot = await startHarness(redis, { role: "bot" });
});

afterAll(async () => {
  await bot?.stop();
  await redis?.stop();
});

async function startInterview(threadKey: string): Promise<void> {
  await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
  await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
}

function answer(threadKey: string, text = "I'd frame it as minimising fraud loss at a fixed manual review budget."): Promise<unknown> {
  return bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text });
}

/** The platform refuses the interviewer's replies in this thread until the returned function is called. */
function refuseReplies(threadKey: string): () => void {
  bot.recorder.refuse = (posted) => posted.threadKey === threadKey && posted.message.kind === "interviewer";
  return () => (bot.recorder.refuse = () => false);
}

async function dropped(): Promise<number> {
  const { values } = await bot.service.metrics.errors.get();
  return values.find((value) => value.labels.kind === "reply-dropped")?.value ?? 0;
}

describe("a reply the platform keeps refusing", () => {
  test("is tried a bounded number of times, then given up: the candidate is told, and the thread answers again", async () => {
    const threadKey = "test:outbox-refused";
    await startInterview(threadKey);
    const refusedBefore = bot.recorder.refused;
    const accept = refuseReplies(threadKey);
    try {
      await answer(threadKey);
      await bot.recorder.waitFor((posts) => posts.some((posted) => posted.threadKey === threadKey && posted.message.paragraphs.includes(REPLY_LOST_MESSAGE)), 30_000);
    } finally {
      accept();
    }
    expect(bot.recorder.refused - refusedBefore).toBe(DELIVERY_ATTEMPTS);
    expect(await dropped()).toBe(1);

    await answer(threadKey, "I'd monitor precision at the review budget daily.");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    expect(bot.recorder.in(threadKey, "error")).toHaveLength(1);
  }, 45_000);

  test("waits in the outbox no longer than its interview is kept, and leaves it once delivered", async () => {
    const threadKey = "test:outbox-ttl";
    await startInterview(threadKey);
    const refusedBefore = bot.recorder.refused;
    const accept = refuseReplies(threadKey);
    try {
      await answer(threadKey);
      await bot.recorder.waitFor(() => bot.recorder.refused > refusedBefore);
      const [outbox, interviews] = await Promise.all([bot.redis.pttl(bot.keys.outbox(threadKey)), bot.redis.pttl(bot.keys.interviews(threadKey))]);
      expect(outbox).toBeGreaterThan(0);
      // Both PTTLs are read in one round trip but not at one instant: allow the read itself a second.
      expect(outbox).toBeLessThanOrEqual(interviews + 1_000);
      expect(interviews - outbox).toBeLessThan(10_000);
    } finally {
      accept();
    }
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2, 20_000);
    expect(await bot.redis.exists(bot.keys.outbox(threadKey))).toBe(0);
  }, 45_000);
});
