import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { scanEach, type RedisClient } from "../../../src/infra/redis/client.js";
import { plainText, type OutgoingMessage } from "../../../src/core/messages/message.js";
import type { ReviewInput } from "../../../src/features/team/port.js";
import { eventId, startHarness, type Harness } from "../../support/service-harness.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { interview, startTeam, type Team } from "../../support/team-harness.js";

const ADA = { id: "test:U1", name: "Ada" };
const BO = { id: "test:U2", name: "Bo" };
const REVIEW: ReviewInput = { ratings: { communication: "solid" }, comments: { communication: "Clear and calm." }, notes: "Good pacing." };

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

/** Every key of this test's Redis (both prefixes) with its value flattened to text. */
async function everything(client: RedisClient): Promise<Map<string, string>> {
  const prefix = redis.env.REDIS_KEY_PREFIX;
  const found = new Map<string, string>();
  await scanEach(client, `*${prefix}*`, 1000, async (keys) => {
    for (const key of keys) found.set(key, await valueOf(client, key));
  });
  return found;
}

async function valueOf(client: RedisClient, key: string): Promise<string> {
  switch (await client.type(key)) {
    case "string":
      return (await client.get(key)) ?? "";
    case "hash":
      return JSON.stringify(await client.hgetall(key));
    case "list":
      return JSON.stringify(await client.lrange(key, 0, -1));
    case "set":
      return JSON.stringify(await client.smembers(key));
    case "zset":
      return JSON.stringify(await client.zrange(key, 0, "-1"));
    case "stream":
      return JSON.stringify(await client.xrange(key, "-", "+"));
    default:
      return "";
  }
}

function text(message: OutgoingMessage): string {
  return plainText(message);
}

describe("forget-me", () => {
  test("deletes everything about the user's interviews, keeps the review they wrote of a teammate, and leaves the teammate's data alone", async () => {
    const adaFirst = "test:T1:C1:forget-ada-1";
    const adaSecond = "test:T1:C1:forget-ada-2";
    const boThread = "test:T1:C1:forget-bo";
    const adaReviewed = await interview(bot, adaFirst, ADA);
    await interview(bot, adaSecond, ADA);
    const boInterview = await interview(bot, boThread, BO);
    await team.team.submitReview(adaFirst, adaReviewed, BO.id, REVIEW);
    await team.team.submitReview(boThread, boInterview, ADA.id, REVIEW);

    const prompt = await team.team.forgetPrompt(ADA.id);
    expect(text(prompt)).toContain("This deletes 2 interviews with their transcripts, 2 scorecards, 1 peer review you received, and your history.");
    expect(prompt.buttons).toEqual([
      { action: "forget-confirm", label: "Delete everything", value: "confirm", style: "danger" },
      { action: "forget-cancel", label: "Cancel", value: "cancel" },
    ]);

    const done = await team.team.forget(ADA.id);
    expect(text(done)).toContain("Deleted 2 interviews with their transcripts, 2 scorecards, 1 peer review you received, and your history.");

    const left = await everything(bot.redis);
    const adaKeys = [...left.keys()].filter((key) => key.includes(`{${adaFirst}}`) || key.includes(`{${adaSecond}}`) || key === bot.keys.candidate(ADA.id));
    expect(adaKeys).toEqual([]);
    const naming = [...left].filter(([key, value]) => key.includes(ADA.id) || value.includes(ADA.id)).map(([key]) => key);
    expect(naming).toEqual([bot.keys.reviews(boThread, boInterview)]);
    const aboutAdasThreads = [...left].filter(([, value]) => value.includes(adaFirst) || value.includes(adaSecond)).map(([key]) => key);
    expect(aboutAdasThreads).toEqual([]);

    expect(await bot.store.listForCandidate(ADA.id)).toEqual([]);
    expect((await bot.store.getInterview(boThread, boInterview))?.candidate).toEqual(BO);
    expect(await team.archive.get(boThread, boInterview)).not.toBeNull();
    expect(await bot.store.listForCandidate(BO.id)).toHaveLength(1);
    expect((await team.team.reviewForm(boThread, ADA.id)).existing).toEqual(REVIEW);

    const again = await team.team.forgetPrompt(ADA.id);
    expect(again.heading).toBe("Nothing to delete");
    expect(again.buttons).toBeUndefined();
  });

  test("forgetting someone with nothing stored says so", async () => {
    const done = await team.team.forget("test:U8");

    expect(done.heading).toBe("Nothing to delete");
    expect(text(done)).toContain("nothing stored about your interviews");
  });

  test("a thread key with wildcard characters in it never takes a teammate's thread with it", async () => {
    const cy = { id: "test:U3", name: "Cy" };
    const dee = { id: "test:U4", name: "Dee" };
    await interview(bot, "test:T1:C1:wild*", cy);
    const deeThread = "test:T1:C1:wild-dee";
    const deeInterview = await interview(bot, deeThread, dee);

    expect(text(await team.team.forget(cy.id))).toContain("Deleted 1 interview with its transcript, 1 scorecard, and your history.");

    expect((await bot.session(deeThread)).candidate).toEqual(dee);
    expect(await team.archive.get(deeThread, deeInterview)).not.toBeNull();
  });

  test("a reply still waiting to be delivered goes too, in the user's own thread and in one shared with a teammate", async () => {
    const gus = { id: "test:U7", name: "Gus" };
    const hal = { id: "test:U9", name: "Hal" };
    const own = "test:T1:C1:forget-outbox";
    const shared = "test:T1:C1:forget-outbox-shared";
    await interview(bot, own, gus, { end: false });
    const halInterview = await interview(bot, shared, hal);
    await bot.intake.start({ eventId: eventId(), threadKey: shared, candidate: gus, level: "senior", problem: "fraud" });
    await bot.recorder.waitFor(() => bot.recorder.in(shared, "interviewer").length === 3);
    // The platform refuses Gus's next replies, so each waits in its thread's outbox.
    const refusedIn = new Set<string>();
    bot.recorder.refuse = (posted) => {
      const refuse = posted.threadKey === own || posted.threadKey === shared;
      if (refuse) refusedIn.add(posted.threadKey);
      return refuse;
    };
    try {
      for (const threadKey of [own, shared]) await bot.intake.message({ eventId: eventId(), threadKey, authorId: gus.id, text: "I'd start from the review budget." });
      // A refusal in each thread, not two in one: a retry in the first can come before the second's first try.
      await bot.recorder.waitFor(() => refusedIn.has(own) && refusedIn.has(shared));
      expect(await bot.redis.exists(bot.keys.outbox(own), bot.keys.outbox(shared))).toBe(2);

      await team.team.forget(gus.id);
    } finally {
      bot.recorder.refuse = () => false;
    }
    expect(await bot.redis.exists(bot.keys.outbox(own), bot.keys.outbox(shared))).toBe(0);
    expect((await bot.store.getInterview(shared, halInterview))?.candidate).toEqual(hal);
  });

  test("in a thread shared with a teammate, only the user's own interview goes", async () => {
    const eve = { id: "test:U5", name: "Eve" };
    const fay = { id: "test:U6", name: "Fay" };
    const threadKey = "test:T1:C1:forget-shared";
    const eveInterview = await interview(bot, threadKey, eve);
    const fayInterview = await interview(bot, threadKey, fay);

    expect(text(await team.team.forget(eve.id))).toContain("Deleted 1 interview with its transcript, 1 scorecard, and your history.");

    expect(await bot.store.getInterview(threadKey, eveInterview)).toBeNull();
    expect(await team.archive.get(threadKey, eveInterview)).toBeNull();
    expect((await bot.session(threadKey)).id).toBe(fayInterview);
    expect(await team.archive.get(threadKey, fayInterview)).not.toBeNull();
  });
});
