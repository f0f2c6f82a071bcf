import { expect, test } from "@jest/globals";
import { DAY_MS, interview, TTL_MS, type WorldFactory } from "./world.js";

/** The summary worker's record of what it posted, so a re-run posts nothing twice. */
export function postedContract(make: WorldFactory): void {
  test("a posted scorecard is found by a re-run of its job, for that interview and that kind only", async () => {
    const world = await make();
    const saved = await interview(world, { id: "p1", threadKey: "test:T1:C1:1" });
    const ref = { threadKey: saved.threadKey, interviewId: saved.id };
    expect(await world.posted.has(ref, "summary")).toBe(false);

    await world.posted.record(ref, "summary");
    await world.posted.record(ref, "summary");

    expect(await world.posted.has(ref, "summary")).toBe(true);
    expect(await world.posted.has(ref, "failure-notice")).toBe(false);
    expect(await world.posted.has({ ...ref, interviewId: "other" }, "summary")).toBe(false);
  });

  test("a scorecard posted for a forgotten interview leaves nothing behind, but a failure notice is remembered so it never repeats", async () => {
    const world = await make();
    const ref = { threadKey: "test:T1:C1:2", interviewId: "forgotten" };

    await world.posted.record(ref, "summary");
    await world.posted.record(ref, "failure-notice");

    expect(await world.posted.has(ref, "summary")).toBe(false);
    expect(await world.posted.has(ref, "failure-notice")).toBe(true);
  });

  test("the record goes with its interview", async () => {
    const world = await make();
    const saved = await interview(world, { id: "p3", threadKey: "test:T1:C1:3" });
    const ref = { threadKey: saved.threadKey, interviewId: saved.id };
    await world.elapse(TTL_MS - DAY_MS);
    await world.posted.record(ref, "summary");

    await world.elapse(DAY_MS + 1);
    expect(await world.posted.has(ref, "summary")).toBe(false);
  });
}
