import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { plainText } from "../../../src/core/messages/message.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { TeamWorld } from "./past-interviews.js";

let server: RedisServer;
let world: TeamWorld;

beforeAll(async () => {
  server = await startRedis();
  world = new TeamWorld(server);
});

afterAll(async () => {
  await world?.close();
  await server?.stop();
});

describe("history", () => {
  test("lists past interviews newest first with date, problem, level, named ratings and a link", async () => {
    const user = "test:U-history";
    await world.interview({ user, threadKey: "test:T1:C1:100", at: "2026-11-02T10:00:00Z", level: "senior", problem: "fraud", ratings: { "trade-off-analysis": "developing" } });
    await world.interview({ user, threadKey: "test:T1:C1:200", at: "2026-11-12T09:30:00Z", level: "mid", problem: "spam", ratings: { communication: "strong" } });

    const message = await world.team.history(user);
    const fields = message.fields ?? [];
    expect(fields).toHaveLength(2);
    expect(fields[0]?.label).toBe("12 Nov 2026 · Spam detection for an email service · mid level");
    expect(fields[0]?.value).toContain("Communication: Strong");
    expect(fields[0]?.value).toContain("https://chat.test/T1/C1/200");
    expect(fields[1]?.label).toMatch(/^2 Nov 2026 · .*fraud.* · senior level$/i);
    expect(fields[1]?.value).toContain("Trade-offs: Developing");
    expect(fields[1]?.value).toContain("ML knowledge: Solid");
    expect(fields[1]?.value).toContain("https://chat.test/T1/C1/100");
    // Named ratings only: each dimension with a word, never a number.
    for (const field of fields) expect(field.value.split("\n")[0]).toMatch(/^[A-Za-z -]+: (Strong|Solid|Developing|Not shown)( · [A-Za-z -]+: (Strong|Solid|Developing|Not shown))*$/);
  });

  test("an interview still running or waiting for its scorecard says so", async () => {
    const user = "test:U-pending";
    await world.interview({ user, threadKey: "test:T1:C1:300", at: "2026-11-03T10:00:00Z", scorecard: false });
    await world.interview({ user, threadKey: "test:T1:C1:400", at: "2026-11-04T10:00:00Z", ended: false });

    const fields = (await world.team.history(user)).fields ?? [];
    expect(fields.map((field) => field.value.split("\n")[0])).toEqual(["In progress", "Scorecard pending"]);
  });

  test("someone with no interviews is told how to start one", async () => {
    const message = await world.team.history("test:U-nobody");
    expect(message.fields ?? []).toHaveLength(0);
    expect(plainText(message)).toMatch(/no interviews yet.*\/mock-interview/i);
  });

  test("a long history shows the most recent fifteen and says older ones are left out", async () => {
    const user = "test:U-busy";
    for (let day = 1; day <= 17; day++) {
      await world.interview({ user, threadKey: `test:T1:C2:${day}`, at: `2026-10-${String(day).padStart(2, "0")}T10:00:00Z`, problem: "spam", level: "mid" });
    }
    const message = await world.team.history(user);
    expect(message.fields).toHaveLength(15);
    expect(message.fields?.[0]?.label).toMatch(/^17 Oct 2026/);
    expect(message.fields?.[14]?.label).toMatch(/^3 Oct 2026/);
    expect(plainText(message)).toMatch(/only your 15 most recent/i);
  });
});
