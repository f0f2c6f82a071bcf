import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSummary } from "../../../src/voice/summary/build.js";
import { fakeSummary, FakeOpenAI } from "../../fakes/openai.js";
import { ROOT } from "../../support/cli.js";
import { conversation } from "../../support/conversation.js";

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await new FakeOpenAI().start();
});
afterEach(async () => {
  await fake.stop();
});

const strong = readFileSync(join(ROOT, "tests", "fixtures", "candidates", "strong-fraud.txt"), "utf8").split("\n").filter((line) => line && line !== "end");

describe("a model that spots an error in the summary is heard", () => {
  test("it may lower a rating more than one step, on a verified quote and with its reason", async () => {
    const quote = "I'd start with a logistic regression baseline and then move to a gradient-boosted tree model like XGBoost";
    fake.respond = (request) => {
      const summary = JSON.stringify(request.body.messages[0]?.content ?? "").includes("end-of-interview scorecard");
      if (!summary) return { kind: "json", value: { message: "Go on.", phaseGoalMet: false, claims: [] } };
      return {
        kind: "json",
        value: fakeSummary({ scorecard: [{ dimension: "ml-knowledge", rating: "developing", quotes: [quote], justification: "The tree choice ignored the 1-in-1,000 imbalance it then had to patch." }] }),
      };
    };
    const env = { OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "2000" };
    const c = conversation({ level: "senior", problem: "fraud", env });
    for (const line of strong) c.send(line);
    await c.press("end").check(async (run) => {
      const session = await run.session();
      const engine = buildSummary(session, run.app.content).scorecard.find((row) => row.dimension === "ml-knowledge");
      expect(engine?.rating).toBe("strong");
      const row = (await run.app.summarizer.summarize(session)).scorecard.find((candidate) => candidate.dimension === "ml-knowledge");
      expect(row).toMatchObject({ rating: "developing", evidence: [quote], justification: expect.stringMatching(/imbalance/) });
    });
  });
});
