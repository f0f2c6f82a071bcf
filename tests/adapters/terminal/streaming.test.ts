import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { FakeOpenAI } from "../../fakes/openai.js";
import { jsonLines, runCli } from "../../support/cli.js";

const SAID = "Fair: PR-AUC suits a 0.1% base rate.\n\nHow fresh must the velocity features be when a transaction is scored, and how would you know?";
const ANSWER = "I'd frame it as binary classification and track PR-AUC because fraud is rare.";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await new FakeOpenAI().start();
  fake.pace = { firstTokenMs: 100, tokensPerSecond: 60 };
  fake.respond = (request) => (request.body.response_format?.json_schema?.name === "interviewer_turn" ? { kind: "json", value: { message: SAID, phaseGoalMet: false, claims: [] } } : { kind: "json", value: fakeSummaryFor() });
});
afterAll(async () => {
  await fake.stop();
});

function fakeSummaryFor(): unknown {
  return { scorecard: [], strengths: ["a", "b", "c"], improvements: ["d", "e", "f"], resourceIds: [], narrative: { keyDecisions: [], mlApproach: "x", architectureStrengths: "x", productionReadiness: "x", strengthsDemonstrated: "x", areasToExplore: [], overallAssessment: "x" } };
}

const env = () => ({ OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: "0" });

describe("the terminal with an LLM", () => {
  test("prints the interviewer's words as they arrive (--json: partial lines), then the reply as a non-streamed turn shows it", async () => {
    const streamed = await runCli("adapters/terminal/cli.ts", ["--json", "--level", "senior", "--problem", "fraud"], { input: `${ANSWER}\n`, env: env() });
    const whole = await runCli("adapters/terminal/cli.ts", ["--json", "--level", "senior", "--problem", "fraud"], { input: `${ANSWER}\n`, env: { ...env(), LLM_STREAMING: "off" } });
    expect(streamed.code).toBe(0);
    const lines = jsonLines(streamed.stdout);
    const partials = lines.filter((line) => line.type === "partial").map((line) => String(line.text));
    expect(partials.length).toBeGreaterThanOrEqual(3);
    for (const [index, partial] of partials.entries()) if (index > 0) expect(partial.startsWith(partials[index - 1] ?? "")).toBe(true);
    const replyAt = lines.findIndex((line) => line.type === "interviewer" && String(line.text).includes(SAID));
    expect(replyAt).toBeGreaterThan(lines.findIndex((line) => line.type === "partial"));
    const unstreamed = jsonLines(whole.stdout).filter((line) => line.type === "interviewer" && String(line.text).includes(SAID));
    expect(jsonLines(whole.stdout).some((line) => line.type === "partial")).toBe(false);
    expect(lines[replyAt]?.text).toBe(unstreamed[0]?.text);
  });

  test("printed to a pipe, the streamed words are not printed twice", async () => {
    const result = await runCli("adapters/terminal/cli.ts", ["--level", "senior", "--problem", "fraud"], { input: `${ANSWER}\n`, env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout.split(SAID).length - 1).toBe(1);
    expect(result.stdout).toMatch(/How fresh must the velocity features be[\s\S]*\(hint/);
  });
});
