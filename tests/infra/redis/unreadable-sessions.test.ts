import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { candidateAnswers } from "../../../src/domain/session.js";
import { upgrade } from "../../../src/domain/session-migrations.js";
import { CANDIDATE, eventId, startHarness, type Harness } from "../../support/service-harness.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";

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

/** Starts an interview, then replaces what Redis holds for it with `raw(session JSON)`. */
async function interviewStoredAs(threadKey: string, raw: (stored: Record<string, unknown>) => string): Promise<void> {
  await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
  await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
  const key = bot.keys.interviews(threadKey);
  const id = (await bot.redis.hget(key, "current")) ?? "";
  const stored = JSON.parse((await bot.redis.hget(key, id)) ?? "{}") as Record<string, unknown>;
  await bot.redis.hset(key, id, raw(stored));
}

async function say(threadKey: string, text: string): Promise<void> {
  await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text });
}

describe("old, newer and corrupt session JSON", () => {
  test("a session from the first release (no interviewer state yet) is read and the interview goes on", async () => {
    const threadKey = "test:first-release";
    await interviewStoredAs(threadKey, (stored) => {
      const firstRelease = { ...stored };
      delete firstRelease.interviewer;
      return JSON.stringify(firstRelease);
    });
    await say(threadKey, "I'd start by asking what a fraudulent transaction costs us.");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    const session = await bot.session(threadKey);
    expect(session.interviewer.failures).toBe(0);
    expect(candidateAnswers(session)).toHaveLength(1);
  });

  test("corrupt JSON gets the candidate a clear message, and a new interview can start in the thread", async () => {
    const threadKey = "test:corrupt";
    await interviewStoredAs(threadKey, (stored) => JSON.stringify(stored).slice(0, 40));
    await say(threadKey, "Here is my answer.");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "error").length === 1);
    expect(bot.recorder.in(threadKey, "error")[0]?.message.paragraphs.join(" ")).toMatch(/can't read this interview's saved state.*start a new interview/i);

    await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "mid", problem: "spam" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    expect((await bot.session(threadKey)).problemId).toBe("spam");
  });

  test("JSON that is not a valid session is reported the same way, never a crash", async () => {
    const threadKey = "test:invalid";
    await interviewStoredAs(threadKey, (stored) => JSON.stringify({ ...stored, phase: "lunch" }));
    await say(threadKey, "Another answer.");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "error").length === 1);
    await say(threadKey, "Still there?");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "error").length === 2);
  });

  test("a session saved by a newer release asks the candidate to try again shortly and is left untouched", async () => {
    const threadKey = "test:newer";
    let written = "";
    await interviewStoredAs(threadKey, (stored) => (written = JSON.stringify({ ...stored, schemaVersion: 99 })));
    await say(threadKey, "An answer during a rolling deploy.");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "error").length === 1);
    expect(bot.recorder.in(threadKey, "error")[0]?.message.paragraphs.join(" ")).toMatch(/newer version.*try again/i);
    const id = (await bot.redis.hget(bot.keys.interviews(threadKey), "current")) ?? "";
    expect(await bot.redis.hget(bot.keys.interviews(threadKey), id)).toBe(written);
  });
});

describe("migration path", () => {
  test("steps run in order from the stored version up to the current one", () => {
    const steps = [
      { from: 1, up: (session: Record<string, unknown>) => ({ ...session, trail: [...((session.trail as string[]) ?? []), "1→2"] }) },
      { from: 2, up: (session: Record<string, unknown>) => ({ ...session, trail: [...((session.trail as string[]) ?? []), "2→3"] }) },
    ];
    expect(upgrade({ schemaVersion: 1 }, steps, 3)).toEqual({ kind: "current", session: { schemaVersion: 3, trail: ["1→2", "2→3"] } });
    expect(upgrade({ schemaVersion: 4 }, steps, 3)).toEqual({ kind: "newer", version: 4 });
    expect(upgrade({ schemaVersion: 0 }, steps, 3)).toEqual({ kind: "no-path", version: 0 });
    expect(upgrade({}, steps, 3)).toEqual({ kind: "unversioned" });
  });
});
