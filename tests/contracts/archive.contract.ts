import { expect, test } from "@jest/globals";
import { DAY_MS, interview, storedSummary, TTL_MS, type WorldFactory } from "./world.js";

/** The summary archive: what history, focus and progress read back. */
export function archiveContract(make: WorldFactory): void {
  test("a scorecard reads back as kept, alone and in a batch in the order asked, with nothing where none was kept", async () => {
    const world = await make();
    const first = await interview(world, { id: "a1", threadKey: "test:T1:C1:1" });
    const second = await interview(world, { id: "a2", threadKey: "test:T1:C1:2" });
    expect(await world.archive.save(storedSummary(first))).toBe(true);
    expect(await world.archive.save(storedSummary(second))).toBe(true);

    expect(await world.archive.get(first.threadKey, first.id)).toEqual(storedSummary(first));
    const many = await world.archive.getMany([
      { threadKey: second.threadKey, interviewId: second.id },
      { threadKey: "test:T1:C1:9", interviewId: "none" },
      { threadKey: first.threadKey, interviewId: first.id },
    ]);
    expect(many.map((entry) => entry?.interviewId ?? null)).toEqual(["a2", null, "a1"]);
    expect(await world.archive.getMany([])).toEqual([]);
  });

  test("a scorecard for an interview that is not stored (forgotten, expired or never saved) is not kept", async () => {
    const world = await make();
    const kept = await interview(world, { id: "kept", threadKey: "test:T1:C1:3" });
    // Another interview of the same thread, never saved: what a worker holds after forget-me or expiry.
    const never = storedSummary({ ...kept, id: "never" });

    expect(await world.archive.save(never)).toBe(false);
    expect(await world.archive.get(never.threadKey, never.interviewId)).toBeNull();
  });

  test("a scorecard stays as long as its interview does, and goes with it however late it was written", async () => {
    const world = await make();
    const saved = await interview(world, { id: "late", threadKey: "test:T1:C1:4" });
    await world.elapse(TTL_MS - DAY_MS);
    expect(await world.archive.save(storedSummary(saved))).toBe(true);

    await world.elapse(DAY_MS - 60_000);
    expect(await world.archive.get(saved.threadKey, saved.id)).not.toBeNull();
    await world.elapse(60_001);
    expect(await world.store.getInterview(saved.threadKey, saved.id)).toBeNull();
    expect(await world.archive.get(saved.threadKey, saved.id)).toBeNull();
  });
}
