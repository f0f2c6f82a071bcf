import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { UserInputError } from "../../../src/core/errors.js";
import { plainText } from "../../../src/core/messages/message.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { eventId, startHarness, type Harness } from "../../support/service-harness.js";
import { TeamWorld } from "./past-interviews.js";

let server: RedisServer;
let world: TeamWorld;
let bot: Harness;

beforeAll(async () => {
  server = await startRedis();
  world = new TeamWorld(server);
  bot = await startHarness(server, { role: "bot" });
});

afterAll(async () => {
  await bot?.stop();
  await world?.close();
  await server?.stop();
});

/** Three senior fraud interviews in which trade-offs stay weak and monitoring is mostly left out. */
async function weakOnTradeOffs(user: string): Promise<void> {
  await world.interview({ user, threadKey: `${user}:1`, at: "2026-11-02T10:00:00Z", ratings: { "trade-off-analysis": "not-shown", communication: "strong" }, coverage: { "monitoring-feedback": "missing" } });
  await world.interview({ user, threadKey: `${user}:2`, at: "2026-11-09T10:00:00Z", ratings: { "trade-off-analysis": "developing", "ml-systems": "developing" }, coverage: { "monitoring-feedback": "partial", metrics: "partial" } });
  await world.interview({ user, threadKey: `${user}:3`, at: "2026-11-16T10:00:00Z", ratings: { "trade-off-analysis": "developing", "ml-knowledge": "strong" }, coverage: { "monitoring-feedback": "missing" } });
}

describe("focus", () => {
  test("aims at the clearly weakest dimension and the area most often left out, with a fresh problem that exercises it", async () => {
    const user = "test:T1:U-focus";
    await weakOnTradeOffs(user);

    const plan = await world.team.focus(user);
    expect(plan.focus.dimensions).toEqual(["trade-off-analysis"]);
    expect(plan.focus.areas[0]).toBe("monitoring-feedback");
    expect(plan.level).toBe("senior");
    const problem = world.content.bank.resolve(plan.problemId);
    expect(problem.id).not.toBe("fraud");
    expect(problem.levels).toContain("senior");
    expect(problem.deepDives.map((deepDive) => deepDive.area)).toContain("monitoring-feedback");
    expect(plan.reason).toMatch(/trade-off analysis lowest.*monitoring and feedback/);
    expect(plan.reason.split(/[.!?](\s|$)/).filter((sentence) => sentence.trim()).length).toBe(1);
  });

  test("between two equally weak dimensions, the one weaker in the latest interview comes first", async () => {
    const user = "test:T1:U-tie";
    await world.interview({ user, threadKey: `${user}:1`, at: "2026-11-02T10:00:00Z", ratings: { communication: "not-shown", "problem-solving": "solid" } });
    await world.interview({ user, threadKey: `${user}:2`, at: "2026-11-09T10:00:00Z", ratings: { communication: "solid", "problem-solving": "not-shown" } });

    const plan = await world.team.focus(user);
    expect(plan.focus.dimensions).toEqual(["problem-solving", "communication"]);
  });

  test("without a finished scorecard there is nothing to focus on, and the user is told to finish an interview", async () => {
    const user = "test:T1:U-new";
    await expect(world.team.focus(user)).rejects.toThrow(UserInputError);
    await world.interview({ user, threadKey: `${user}:1`, at: "2026-11-02T10:00:00Z", ended: false });
    await expect(world.team.focus(user)).rejects.toThrow(/finish an interview/i);
  });

  test("an interview started with the plan opens by naming what it leans on", async () => {
    const user = "test:T1:U-follow-up";
    await weakOnTradeOffs(user);
    const plan = await world.team.focus(user);

    const threadKey = "test:T1:C-focus:1";
    const start = { eventId: eventId(), threadKey, candidate: { id: user, name: "Ada" }, problem: plan.problemId, focus: plan.focus };
    expect(await bot.intake.start(plan.level ? { ...start, level: plan.level } : start)).toBe("queued");
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "interviewer").length === 1);

    const opening = plainText(bot.recorder.in(threadKey, "interviewer")[0]?.message ?? { kind: "interviewer", paragraphs: [] });
    expect(opening).toMatch(/trade-off analysis was your weakest dimension/);
    expect(opening).toMatch(/monitoring and feedback.* the areas your designs covered least, so this interview leans on them/);
    const session = await bot.session(threadKey);
    expect(session.focus).toEqual(plan.focus);
    expect(session.problemId).toBe(plan.problemId);
  });
});
