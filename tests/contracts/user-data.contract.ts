import { expect, test } from "@jest/globals";
import { plainText } from "../../src/core/messages/message.js";
import type { StoredReview } from "../../src/ports/reviews.js";
import { interview, storedSummary, teamOn, type StorageWorld, type WorldFactory } from "./world.js";

const ADA = { id: "test:U1", name: "Ada" };
const BO = { id: "test:U2", name: "Bo" };

function review(reviewer: string, at: number): StoredReview {
  return { reviewer, ratings: { communication: "solid" }, comments: {}, notes: "Nice.", createdAt: at, updatedAt: at };
}

/**
 * Ada: one interview alone in her thread, with a scorecard and Bo's review; one in a thread Bo
 * used after her. Bo: that one, and one of his own that Ada reviewed.
 */
async function twoCandidates(world: StorageWorld) {
  const now = world.clock.now();
  const own = await interview(world, { id: "ada-own", threadKey: "test:T1:C1:own", candidate: ADA });
  await world.archive.save(storedSummary(own));
  await world.reviews.put(own.threadKey, own.id, review(BO.id, now));
  const sharedByAda = await interview(world, { id: "ada-shared", threadKey: "test:T1:C1:shared", candidate: ADA, startedAt: now + 1 });
  const sharedByBo = await interview(world, { id: "bo-shared", threadKey: "test:T1:C1:shared", candidate: BO, startedAt: now + 2 });
  const bos = await interview(world, { id: "bo-own", threadKey: "test:T1:C1:bo", candidate: BO, startedAt: now + 3 });
  await world.archive.save(storedSummary(bos));
  await world.reviews.put(bos.threadKey, bos.id, review(ADA.id, now));
  return { own, sharedByAda, sharedByBo, bos };
}

/** Forget-me over the user-data port: it finds, says and erases exactly one user's data. */
export function userDataContract(make: WorldFactory): void {
  test("forget-me says what it would delete before it deletes anything", async () => {
    const world = await make();
    await twoCandidates(world);
    const { team } = teamOn(world);

    const prompt = await team.forgetPrompt(ADA.id);

    expect(plainText(prompt)).toContain("This deletes 2 interviews with their transcripts, 1 scorecard, 1 peer review you received, and your history.");
    expect(prompt.buttons?.map((button) => button.action)).toEqual(["forget-confirm", "forget-cancel"]);
    expect(await world.store.listForCandidate(ADA.id)).toHaveLength(2);
  });

  test("forget-me removes exactly that user's interviews, scorecards and reviews received, says what went, and leaves the teammate's data whole", async () => {
    const world = await make();
    const { own, sharedByAda, sharedByBo, bos } = await twoCandidates(world);
    const { team } = teamOn(world);

    const done = await team.forget(ADA.id);

    expect(plainText(done)).toContain("Deleted 2 interviews with their transcripts, 1 scorecard, 1 peer review you received, and your history.");
    expect(await world.store.listForCandidate(ADA.id)).toEqual([]);
    expect(await world.store.getInterview(own.threadKey, own.id)).toBeNull();
    expect(await world.store.getInterview(sharedByAda.threadKey, sharedByAda.id)).toBeNull();
    expect(await world.archive.get(own.threadKey, own.id)).toBeNull();
    expect(await world.reviews.all(own.threadKey, own.id)).toEqual([]);
    expect(plainText(await team.history(ADA.id))).toContain("You have no interviews yet");

    // Bo keeps his interviews, the shared thread's current one, his scorecard, and the review Ada wrote him.
    expect((await world.store.get(sharedByBo.threadKey))?.id).toBe(sharedByBo.id);
    expect((await world.store.listForCandidate(BO.id)).map((session) => session.id)).toEqual([bos.id, sharedByBo.id]);
    expect(await world.archive.get(bos.threadKey, bos.id)).not.toBeNull();
    expect((await world.reviews.all(bos.threadKey, bos.id)).map((entry) => entry.reviewer)).toEqual([ADA.id]);
  });

  test("a scorecard a worker finishes after forget-me is not kept", async () => {
    const world = await make();
    const { own } = await twoCandidates(world);
    await teamOn(world).team.forget(ADA.id);

    expect(await world.archive.save(storedSummary(own))).toBe(false);
    expect(await world.reviews.put(own.threadKey, own.id, review(BO.id, world.clock.now()))).toBe(false);
    expect(await world.archive.get(own.threadKey, own.id)).toBeNull();
  });

  test("forget-me for someone with nothing stored says so", async () => {
    const world = await make();
    await twoCandidates(world);
    const { team } = teamOn(world);

    expect(plainText(await team.forgetPrompt("test:U9"))).toContain("nothing to forget");
    expect(plainText(await team.forget("test:U9"))).toContain("nothing to delete");
    expect(await world.store.listForCandidate(ADA.id)).toHaveLength(2);
  });
}
