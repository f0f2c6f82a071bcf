import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { candidateAnswers } from "../../src/domain/session.js";
import { CANDIDATE, eventId, startHarness, type Harness } from "../support/service-harness.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { postsBeforeHelp } from "../support/sentinels.js";

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
  expect(await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" })).toBe("queued");
  await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
}

describe("one turn per burst", () => {
  test("50 messages sent at once to one thread are all kept, in order, and answered with one reply", async () => {
    const threadKey = "test:burst-50";
    await startInterview(threadKey);
    const texts = Array.from({ length: 50 }, (_, index) => `Point ${index + 1}: the label arrives late for chargebacks`);
    const outcomes = await Promise.all(texts.map((text) => bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text })));
    expect(outcomes.every((outcome) => outcome === "queued")).toBe(true);

    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length >= 2);
    const earlier = await postsBeforeHelp(bot, threadKey);
    expect(earlier.filter((posted) => posted.message.kind === "interviewer")).toHaveLength(2);
    const answers = candidateAnswers(await bot.session(threadKey));
    expect(answers).toHaveLength(1);
    const positions = texts.map((text) => answers[0]?.text.indexOf(text) ?? -1);
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test("messages sent well apart are answered one by one", async () => {
    const threadKey = "test:burst-apart";
    await startInterview(threadKey);
    await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "I'd start with the business goal: fewer fraud losses." });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "Then precision at a fixed review budget as the metric." });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 3);
    expect(candidateAnswers(await bot.session(threadKey))).toHaveLength(2);
  });

  test("a command inside a burst still acts, and the answers around it keep their order", async () => {
    const threadKey = "test:burst-command";
    await startInterview(threadKey);
    const send = (text: string) => bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text });
    await Promise.all([send("First, what counts as fraud here?"), send("hint"), send("Second, label delay matters.")]);
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 4);
    const session = await bot.session(threadKey);
    const candidate = session.transcript.filter((entry) => entry.role === "candidate").map((entry) => entry.text);
    expect(candidate).toEqual(["First, what counts as fraud here?", "hint", "Second, label delay matters."]);
    expect(session.transcript.some((entry) => entry.kind === "hint")).toBe(true);
  });

  test("messages from other people in the thread are kept out of the interview", async () => {
    const threadKey = "test:burst-others";
    await startInterview(threadKey);
    expect(await bot.intake.message({ eventId: eventId(), threadKey, authorId: "test:U2", text: "lurking" })).toBe("queued");
    expect(await postsBeforeHelp(bot, threadKey)).toHaveLength(1);
    expect(candidateAnswers(await bot.session(threadKey))).toHaveLength(0);
  });

  test("chatter in threads without an interview is ignored and never answered", async () => {
    // The intake's own verdict: an ignored event is not recorded, so no turn can ever answer it.
    expect(await bot.intake.message({ eventId: eventId(), threadKey: "test:no-interview", authorId: CANDIDATE.id, text: "hello" })).toBe("ignored");
    expect(await bot.redis.exists(bot.keys.inbox("test:no-interview"))).toBe(0);
    expect(bot.recorder.in("test:no-interview")).toHaveLength(0);
  });
});
