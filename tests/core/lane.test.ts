import { describe, expect, test } from "@jest/globals";
import { Lane } from "../../src/core/lane.js";

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string): { task: () => Promise<void>; open: () => void } {
  let open = () => {};
  const done = new Promise<void>((resolve) => (open = resolve));
  return {
    task: async () => {
      log.push(name);
      await done;
    },
    open: () => open(),
  };
}

/** Resolves once `log` has `length` entries: a lane starts tasks on later turns of the loop. */
async function started(log: string[], length: number): Promise<void> {
  while (log.length < length) await new Promise((resolve) => setImmediate(resolve));
}

describe("Lane", () => {
  test("runs at most its concurrency at once, in arrival order, starting the next as one finishes", async () => {
    const lane = new Lane({ concurrency: 2, onError: () => {} });
    const log: string[] = [];
    const gates = ["a", "b", "c", "d"].map((name) => gate(log, name));
    for (const { task } of gates) lane.run(task);
    expect(log).toEqual([]);
    await started(log, 2);
    // A's and B's places are taken; C waits until one of them is done.
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(["a", "b"]);
    gates[1]?.open();
    await started(log, 3);
    expect(log).toEqual(["a", "b", "c"]);
    expect(lane.pending).toBe(3);
    for (const { open } of gates) open();
    await lane.idle();
    expect(log).toEqual(["a", "b", "c", "d"]);
    expect(lane.pending).toBe(0);
  });

  test("a failing task is reported and does not stop the tasks behind it", async () => {
    const errors: unknown[] = [];
    const lane = new Lane({ concurrency: 1, onError: (error) => errors.push(error) });
    const log: string[] = [];
    lane.run(async () => {
      throw new Error("post failed");
    });
    lane.run(async () => {
      log.push("next");
    });
    await lane.idle();
    expect(errors.map((error) => (error as Error).message)).toEqual(["post failed"]);
    expect(log).toEqual(["next"]);
  });

  test("while tasks keep coming it waits for quiet, yet starts a task once it has waited its longest", async () => {
    const lane = new Lane({ concurrency: 4, onError: () => {}, quietMs: 60_000, maxDeferMs: 200 });
    const log: string[] = [];
    lane.run(async () => {
      log.push("first");
    });
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual([]);
    // Started long before a minute of quiet: its longest wait is what let it go.
    await started(log, 1);
    await lane.idle();
    expect(log).toEqual(["first"]);
  });
});
