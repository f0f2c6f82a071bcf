import { expect, test } from "@jest/globals";
import type { StoredReview } from "../../src/ports/reviews.js";
import { DAY_MS, interview, TTL_MS, type WorldFactory } from "./world.js";

function review(reviewer: string, at: number, notes: string): StoredReview {
  return { reviewer, ratings: { communication: "solid" }, comments: { communication: "Clear." }, notes, createdAt: at, updatedAt: at };
}

/** Peer reviews: one per reviewer per interview, living as long as the interview. */
export function reviewsContract(make: WorldFactory): void {
  test("a second review by the same reviewer replaces the first, and every reviewer's review is listed oldest first", async () => {
    const world = await make();
    const saved = await interview(world, { id: "r1", threadKey: "test:T1:C1:1" });
    const start = world.clock.now();
    expect(await world.reviews.put(saved.threadKey, saved.id, review("test:U2", start, "First thoughts."))).toBe(true);
    expect(await world.reviews.put(saved.threadKey, saved.id, review("test:U3", start + 1_000, "From Cy."))).toBe(true);
    expect(await world.reviews.put(saved.threadKey, saved.id, { ...review("test:U2", start, "Second thoughts."), updatedAt: start + 2_000 })).toBe(true);

    const all = await world.reviews.all(saved.threadKey, saved.id);
    expect(all.map((entry) => [entry.reviewer, entry.notes])).toEqual([
      ["test:U2", "Second thoughts."],
      ["test:U3", "From Cy."],
    ]);
    expect((await world.reviews.get(saved.threadKey, saved.id, "test:U2"))?.notes).toBe("Second thoughts.");
    expect(await world.reviews.get(saved.threadKey, saved.id, "test:U4")).toBeNull();
  });

  test("a review of an interview that is not stored is not kept", async () => {
    const world = await make();
    const saved = await interview(world, { id: "r2", threadKey: "test:T1:C1:2" });

    expect(await world.reviews.put(saved.threadKey, "gone", review("test:U2", world.clock.now(), "Too late."))).toBe(false);
    expect(await world.reviews.all(saved.threadKey, "gone")).toEqual([]);
  });

  test("reviews go when their interview does, however late they were written", async () => {
    const world = await make();
    const saved = await interview(world, { id: "r3", threadKey: "test:T1:C1:3" });
    await world.elapse(TTL_MS - DAY_MS);
    expect(await world.reviews.put(saved.threadKey, saved.id, review("test:U2", world.clock.now(), "Late."))).toBe(true);

    await world.elapse(DAY_MS + 1);
    expect(await world.reviews.all(saved.threadKey, saved.id)).toEqual([]);
    expect(await world.reviews.get(saved.threadKey, saved.id, "test:U2")).toBeNull();
  });
}
