import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { candidateAnswers } from "../../src/domain/session.js";
import type { IntakeOutcome } from "../../src/ports/intake.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { CANDIDATE, eventId, startHarness, type Harness } from "../support/service-harness.js";

let redis: RedisServer;
let bot: Harness;

beforeAll(async () => {
  redis = await startRedis({ controllable: true });
  bot = await startHarness(redis, { role: "all" });
});

afterAll(async () => {
  await bot?.stop();
  await redis?.stop();
});

const readyz = async () => (await fetch(`http://127.0.0.1:${bot.service.opsPort}/readyz`)).status;

describe("Redis outage mid-interview", () => {
  test("while Redis is down the candidate is told to try again shortly; after it restarts the session is intact and the bot answers", async () => {
    const threadKey = "test:outage";
    await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
    const before = "Before the outage: the goal is fewer chargebacks at a fixed review budget.";
    await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: before });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 2);
    expect(await readyz()).toBe(200);

    await redis.kill();
    const during = await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "Sent while Redis is down." });
    expect(during).toBe("unavailable");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "error").length === 1);
    const notice = bot.recorder.in(threadKey, "error")[0];
    expect(notice?.message.paragraphs.join(" ")).toMatch(/try again shortly|send it again shortly/i);
    expect(notice?.options.visibleTo).toBe(CANDIDATE.id);
    expect(await readyz()).toBe(503);

    await redis.restart();
    const after = "After the restart: I'd add label delay to the requirements.";
    let outcome: IntakeOutcome = "unavailable";
    for (let tries = 0; tries < 100 && outcome === "unavailable"; tries++) {
      await sleep(100);
      outcome = await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: after });
    }
    expect(outcome).toBe("queued");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 3);
    expect(await readyz()).toBe(200);

    const answers = candidateAnswers(await bot.session(threadKey)).map((entry) => entry.text);
    expect(answers).toEqual([before, after]);
  });

  test("an interview ended right after Redis comes back still gets its scorecard", async () => {
    const threadKey = "test:outage-summary";
    await bot.intake.start({ eventId: eventId(), threadKey, candidate: CANDIDATE, level: "mid", problem: "spam" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);
    await redis.kill();
    await redis.restart();
    let outcome: IntakeOutcome = "unavailable";
    for (let tries = 0; tries < 100 && outcome === "unavailable"; tries++) {
      outcome = await bot.intake.action({ eventId: eventId(), threadKey, actorId: CANDIDATE.id, action: "end" });
      if (outcome === "unavailable") await sleep(100);
    }
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === 1, 20_000);
  });
});
