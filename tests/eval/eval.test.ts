import { describe, expect, test } from "@jest/globals";
import { EVAL_SETS, loadCases } from "../../eval/cases.js";
import { figures, runCases } from "../../eval/harness.js";

// The offline judgement on the labelled set the developers tune on; `npm run eval` prints the
// same figures, with the held-out set beside them. These are the floors.
describe("the offline interviewer's judgement on the labelled eval set", () => {
  test("agrees with the interviewers' labels, challenges and flags planted misconceptions, and credits no rejected concept", async () => {
    const offline = { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "" };
    const result = figures(await runCases(loadCases(EVAL_SETS.cases), offline));
    expect(result.cases).toBeGreaterThanOrEqual(16);
    expect(result.withinOne / result.ratings).toBeGreaterThanOrEqual(0.9);
    expect(result.exact / result.ratings).toBeGreaterThanOrEqual(0.6);
    expect(result.challengedNext / result.planted).toBeGreaterThanOrEqual(0.9);
    expect(result.flagged / result.planted).toBeGreaterThanOrEqual(0.9);
    expect(result.termListAboveDeveloping).toBe(0);
    expect(result.terseRightTotal).not.toBeNull();
    expect(result.terseRightTotal ?? 0).toBeGreaterThanOrEqual((result.termListTotal ?? 0) + 4);
    expect(result.negatedCredited).toBe(0);
    // A challenge of something the candidate did not get wrong is the worst error an interviewer makes.
    expect(result.unplanted).toBe(0);
  });
});
