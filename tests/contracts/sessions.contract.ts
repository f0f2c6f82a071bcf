import { expect, test } from "@jest/globals";
import { DAY_MS, interview, session, TTL_MS, type WorldFactory } from "./world.js";

/** The session store as the team features use it: the same on Redis and embedded. */
export function sessionsContract(make: WorldFactory): void {
  test("a saved interview reads back equal, and changing the copy read does not change the store", async () => {
    const world = await make();
    const saved = await interview(world, { id: "s1", threadKey: "test:T1:C1:1" });
    const read = await world.store.get(saved.threadKey);
    expect(read).toEqual(saved);
    read?.transcript.push({ role: "candidate", kind: "answer", text: "changed", phase: "requirements", at: 1 });
    expect(await world.store.get(saved.threadKey)).toEqual(saved);
    expect(await world.store.get("test:T1:C1:none")).toBeNull();
  });

  test("a second interview in a thread becomes current while the first stays readable by id", async () => {
    const world = await make();
    const threadKey = "test:T1:C1:2";
    await interview(world, { id: "first", threadKey });
    await interview(world, { id: "second", threadKey, phase: "requirements", endedAt: null });
    expect((await world.store.get(threadKey))?.id).toBe("second");
    expect((await world.store.getInterview(threadKey, "first"))?.phase).toBe("ended");
    expect(await world.store.getInterview(threadKey, "missing")).toBeNull();
  });

  test("a candidate's interviews are listed newest first, across threads, and not someone else's", async () => {
    const world = await make();
    const now = world.clock.now();
    await world.store.save(session(world, { id: "older", threadKey: "test:T1:C1:3", startedAt: now - DAY_MS }));
    await world.store.save(session(world, { id: "newer", threadKey: "test:T1:C1:4", startedAt: now }));
    await world.store.save(session(world, { id: "bo", threadKey: "test:T1:C1:5", candidate: { id: "test:U2", name: "Bo" } }));
    expect((await world.store.listForCandidate("test:U1")).map((entry) => entry.id)).toEqual(["newer", "older"]);
    expect((await world.store.listForCandidate("test:U1", 1)).map((entry) => entry.id)).toEqual(["newer"]);
  });

  test("a thread's interviews expire together, their lifetime after the thread's last save", async () => {
    const world = await make();
    const threadKey = "test:T1:C1:6";
    await interview(world, { id: "first", threadKey });
    await world.elapse(TTL_MS - DAY_MS);
    await interview(world, { id: "second", threadKey });

    await world.elapse(DAY_MS + 1);
    expect((await world.store.getInterview(threadKey, "first"))?.id).toBe("first");
    await world.elapse(TTL_MS);
    expect(await world.store.get(threadKey)).toBeNull();
    expect(await world.store.listForCandidate("test:U1")).toEqual([]);
  });
}
