import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { candidateAnswers } from "../../src/domain/session.js";
import { SUMMARY_QUEUE } from "../../src/infra/bullmq/summary-job-options.js";
import { keySpace } from "../../src/infra/redis/keys.js";
import type { IntakeOutcome } from "../../src/ports/intake.js";
import { startRedisCluster, type RedisCluster } from "../support/redis-cluster.js";
import { eventually, postsBeforeEndAgain, summariesSettled } from "../support/sentinels.js";
import { CANDIDATE, eventId, startHarness, type Harness } from "../support/service-harness.js";

let cluster: RedisCluster;
let running: Harness | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await cluster?.stop();
});

/** A thread whose keys sit on the master that holds the summary queue too, or on another one, that still has a replica to fail over to. */
async function threadOn(where: "beside the queue" | "away from the queue"): Promise<{ threadKey: string; master: number; replica: number }> {
  const queue = await cluster.shardOf(`${cluster.env.BULLMQ_PREFIX}:${SUMMARY_QUEUE}:wait`);
  const keys = keySpace(cluster.env.REDIS_KEY_PREFIX);
  for (let index = 0; index < 200; index++) {
    const threadKey = `test:failover-${index}`;
    const { master, replica } = await cluster.shardOf(keys.interviews(threadKey));
    if (replica !== undefined && (master === queue.master) === (where === "beside the queue")) return { threadKey, master, replica };
  }
  throw new Error(`no thread key hashed ${where}`);
}

/** Hands `text` in until the bot takes it (it says "unavailable" while the cluster fails over). */
async function answerUntilTaken(bot: Harness, threadKey: string, text: string): Promise<void> {
  let outcome: IntakeOutcome = "unavailable";
  for (let tries = 0; tries < 150 && outcome === "unavailable"; tries++) {
    outcome = await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text });
    if (outcome === "unavailable") await sleep(100);
  }
  expect(outcome).toBe("queued");
}

// One cluster, two failovers of different masters (the first leaves the queue's master whole).
describe.each([
  // Events and turns wait for a replica: WAIT in the script's pipeline, NOSCRIPT on the promoted replica, and WAIT timing out there (it has no replica left).
  ["away from the queue", { REDIS_REPLICA_ACKS: "1", REDIS_REPLICA_ACK_TIMEOUT_MS: "300" }],
  ["beside the queue", {}],
] as const)("Redis Cluster failover mid-interview, the thread's master %s, with %p", (where, env) => {
  test("a master is killed, its replica takes over, and the interview goes on with every answer kept and exactly one scorecard", async () => {
    await running?.stop();
    const bot = await startHarness(cluster, { role: "all", env });
    running = bot;
    const { threadKey, master, replica } = await threadOn(where);
    await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
    const before = "Before the failover: the goal is fewer chargebacks at a fixed review budget.";
    expect(await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: before })).toBe("queued");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    // Killed between turns, once the reply is settled: a kill between posting a reply and settling
    // it posts that reply again after the failover, with the same idempotency key (Slack and
    // Discord show it once, as after a crash; this test's recorder would count it twice).
    await eventually(async () => (await bot.redis.exists(bot.keys.outbox(threadKey))) === 0, "the reply is settled");

    const killedAt = Date.now();
    await cluster.kill(master);
    const promotedMs = await cluster.waitForMaster(replica, killedAt);

    const after = "After the failover: I'd add label delay to the requirements.";
    await answerUntilTaken(bot, threadKey, after);
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 3, 20_000);
    const continuedMs = Date.now() - killedAt;
    expect(candidateAnswers(await bot.session(threadKey)).map((entry) => entry.text)).toEqual([before, after]);
    const replies = bot.recorder.in(threadKey, "interviewer").map((posted) => posted.message.paragraphs.join("\n"));
    expect(new Set(replies).size).toBe(3);

    expect(await bot.intake.action({ eventId: eventId(), threadKey, actorId: CANDIDATE.id, action: "end" })).toBe("queued");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1, 30_000);
    await summariesSettled(cluster);
    const posts = await postsBeforeEndAgain(bot, threadKey);
    expect(posts.filter((posted) => posted.message.kind === "summary")).toHaveLength(1);
    // The figures the issue asks for, printed with the test run.
    console.log(`cluster failover (${where}): replica promoted ${promotedMs} ms after the kill; the interview answered again ${continuedMs} ms after it`);
  }, 90_000);
});
