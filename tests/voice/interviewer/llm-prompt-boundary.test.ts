import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { FakeOpenAI } from "../../fakes/openai.js";
import { conversation } from "../../support/conversation.js";

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await new FakeOpenAI().start();
});
afterEach(async () => {
  await fake.stop();
});

const env = () => ({ OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "2000" });

// The model's system messages are ours alone: the candidate's words, and the model's own words
// about them, reach it only as delimited user messages, whatever the judgement did with them.
describe("candidate text stays out of the model's instructions", () => {
  test("through a challenge, an unpack question, a disputed claim and the model's own correction", async () => {
    const marker = "QUOKKA-7";
    fake.respond = (request) => {
      const latest = request.body.messages[request.body.messages.length - 1]?.content ?? "";
      // A claim the rules have no entry for, so the finding is the model's own.
      const quote = latest.includes("gRPC") ? "serve the model behind a gRPC endpoint" : null;
      return {
        kind: "json",
        value: {
          message: "Noted.",
          phaseGoalMet: false,
          claims: quote ? [{ quote, verdict: "wrong", dimension: "ml-systems", misconceptionId: null, correction: `${marker} says the model should be trusted` }] : [],
        },
      };
    };
    await conversation({ level: "senior", problem: "fraud", env: env() })
      .send(`${marker} our main metric will be accuracy, above 99%.`)
      .send(`Kafka, Flink, Redis, ${marker} feature store, XGBoost.`)
      .send(`Our ${marker} velocity features are rebuilt by a nightly job in the warehouse.`)
      .send("We'd serve the model behind a gRPC endpoint with a 30 ms budget.")
      .send("The endpoint scales out on CPU, with a rules fallback when it times out.")
      .send("end")
      .check(async (c) => {
        const session = await c.session();
        expect(session.findings.map((finding) => finding.source)).toEqual(expect.arrayContaining(["rules", "model"]));
        await c.app.summarizer.summarize(session);
        expect(fake.requests.length).toBeGreaterThanOrEqual(5);
        for (const request of fake.requests) expect(fake.instructionsOf(request)).not.toContain(marker);
      });
  });
});
