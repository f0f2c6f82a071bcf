import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { RATING_LABELS } from "../../../src/voice/summary/message.js";
import { startHarness, type Harness } from "../../support/service-harness.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { interview, startTeam, type Team } from "../../support/team-harness.js";

const ADA = { id: "test:U1", name: "Ada" };

let redis: RedisServer;
let bot: Harness;
let team: Team;

beforeAll(async () => {
  redis = await startRedis();
  bot = await startHarness(redis, { role: "all" });
  team = startTeam(bot, redis);
});

afterAll(async () => {
  await team?.close();
  await bot?.stop();
  await redis?.stop();
});

describe("the summary archive", () => {
  test("the worker keeps each scorecard it posts, expiring with the interview, and the scorecard offers a Review button", async () => {
    const threadKey = "test:T1:C1:archive";
    const interviewId = await interview(bot, threadKey, ADA);

    const posted = bot.recorder.in(threadKey, "summary")[0]?.message;
    expect(posted?.buttons).toEqual([{ action: "review", label: "Review", value: interviewId }]);

    const stored = await team.archive.get(threadKey, interviewId);
    const session = await bot.store.getInterview(threadKey, interviewId);
    expect(stored).toMatchObject({ threadKey, interviewId, candidateId: ADA.id, level: "senior", startedAt: session?.startedAt, endedAt: session?.endedAt });
    expect(stored?.summary.scorecard.map((row) => `${row.title}: ${RATING_LABELS[row.rating]}`)).toEqual(posted?.fields?.map((field) => field.label));
    const ttl = await bot.redis.pttl(bot.keys.summary(threadKey, interviewId));
    expect(ttl).toBeGreaterThan(team.ttlMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(team.ttlMs);
  });

  test("pressing Review on the scorecard opens the form for that interview, even after the thread has started another", async () => {
    const threadKey = "test:T1:C1:archive-twice";
    const first = await interview(bot, threadKey, ADA);
    await interview(bot, threadKey, ADA, { end: false });

    const button = bot.recorder.in(threadKey, "summary")[0]?.message.buttons?.[0];
    const form = await team.team.reviewForm(threadKey, "test:U2", button?.value);

    expect(form.interviewId).toBe(first);
  });

  test("a scorecard finished after the candidate ran forget-me is not kept: a worker still writing it leaves nothing behind", async () => {
    const threadKey = "test:T1:C1:archive-forgotten";
    const interviewId = await interview(bot, threadKey, ADA);
    const stored = await team.archive.get(threadKey, interviewId);
    if (!stored) throw new Error("the worker kept no scorecard");

    await team.team.forget(ADA.id);
    // What a summary job that was already running when forget-me ran does next.
    const kept = await team.archive.save(stored);

    expect(kept).toBe(false);
    expect(await bot.redis.exists(bot.keys.summary(threadKey, interviewId))).toBe(0);
  });
});
