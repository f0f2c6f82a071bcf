import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { candidateAnswers } from "../../src/domain/session.js";
import { pressEventId } from "../../src/ports/events.js";
import { CANDIDATE, eventId, startHarness, type Harness } from "../support/service-harness.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { postsBeforeEndAgain, postsBeforeHelp, summariesSettled } from "../support/sentinels.js";

let redis: RedisServer;
let bot: Harness;

beforeAll(async () => {
  redis = await startRedis();
  bot = await startHarness(redis, { role: "all" });
});

afterAll(async () => {
  await bot?.stop();
  await redis?.stop();
});

async function startInterview(threadKey: string): Promise<void> {
  await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "mid", problem: "spam" });
  await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
}

describe("idempotent intake", () => {
  test("a retried delivery of the same message gets no second reply", async () => {
    const threadKey = "test:dup-message";
    await startInterview(threadKey);
    const event = { eventId: "Ev-retried-1", threadKey, authorId: CANDIDATE.id, text: "I would clarify what spam means for this product first." };
    expect(await bot.intake.message(event)).toBe("queued");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    // Slack resends an event it thinks failed; the gateway replays after a resume. Same id, same event.
    expect(await bot.intake.message(event)).toBe("duplicate");
    const earlier = await postsBeforeHelp(bot, threadKey);
    expect(earlier.filter((posted) => posted.message.kind === "interviewer")).toHaveLength(2);
    expect(candidateAnswers(await bot.session(threadKey)).map((entry) => entry.text)).toEqual([event.text]);
  });

  test("a retried /mock-interview opens one interview", async () => {
    const threadKey = "test:dup-start";
    const start = { eventId: "Ev-start-1", threadKey, candidate: CANDIDATE, level: "mid" };
    expect(await bot.intake.start(start)).toBe("queued");
    expect(await bot.intake.start(start)).toBe("duplicate");
    // Messages are ignored until the interview exists: the sentinel follows its first question.
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey).length >= 1);
    expect(await postsBeforeHelp(bot, threadKey)).toHaveLength(1);
  });

  test("a double click on End ends the interview once and posts one scorecard", async () => {
    const threadKey = "test:dup-end";
    await startInterview(threadKey);
    // Adapters give a button press the id of the message carrying it, the action and the presser.
    const click = { eventId: pressEventId("test", "1700000000.000100", "end", CANDIDATE.id), threadKey, actorId: CANDIDATE.id, action: "end" as const };
    const outcomes = await Promise.all([bot.intake.action(click), bot.intake.action(click)]);
    expect(outcomes.sort()).toEqual(["duplicate", "queued"]);
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1);
    const earlier = await postsBeforeEndAgain(bot, threadKey);
    expect(earlier.filter((posted) => posted.message.kind === "interviewer")).toHaveLength(2);
    await summariesSettled(redis);
    expect(bot.recorder.in(threadKey, "summary")).toHaveLength(1);
  });

  test("ending twice by different routes still posts one scorecard", async () => {
    const threadKey = "test:dup-end-twice";
    await startInterview(threadKey);
    await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "end" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1);
    await bot.intake.action({ eventId: eventId(), threadKey, actorId: CANDIDATE.id, action: "end" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "notice").length === 1);
    expect(bot.recorder.in(threadKey, "notice")[0]?.message.paragraphs.join(" ")).toMatch(/already ended/i);
    await summariesSettled(redis);
    expect(bot.recorder.in(threadKey, "summary")).toHaveLength(1);
  });

  test("only the candidate can press the interview's buttons, and only they see the refusal", async () => {
    const threadKey = "test:dup-other-actor";
    await startInterview(threadKey);
    await bot.intake.action({ eventId: eventId(), threadKey, actorId: "test:U9", action: "end" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "notice").length === 1);
    const refusal = bot.recorder.in(threadKey, "notice")[0];
    expect(refusal?.message.paragraphs.join(" ")).toMatch(/only ada/i);
    expect(refusal?.options.visibleTo).toBe("test:U9");
    expect((await bot.session(threadKey)).phase).not.toBe("ended");
  });
});
