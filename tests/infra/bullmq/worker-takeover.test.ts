import { describe, expect, test } from "@jest/globals";
import { measureTakeover } from "../../support/worker-takeover.js";

/** Long enough that the old gap (more than one whole lock after the kill) is plain, short enough to wait for. */
const LOCK_MS = 6_000;

describe("summary worker takeover", () => {
  test("a worker SIGKILLed during the summary's LLM call has its job taken over by another within WORKER_LOCK_MS, and the scorecard is posted once", async () => {
    const takeover = await measureTakeover(LOCK_MS);
    expect(takeover.byStandby).toBe(true);
    expect(takeover.takenOverMs).toBeLessThanOrEqual(LOCK_MS);
    expect(takeover.scorecards).toBe(1);
  }, 90_000);
});
