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

const DRAWING = ["```mermaid", "flowchart LR", "  events --> kafka[(Kafka)] --> scorer(Scorer)", "```"].join("\n");

describe("with an LLM interviewer, a drawing goes to the model as text", () => {
  test("the drawing is in the candidate's user message as written, and the note says they drew and what to ask", async () => {
    fake.respond = () => ({ kind: "json", value: { message: "Thanks for the drawing. Where do labels come back to training?", phaseGoalMet: false, claims: [] } });
    await conversation({ level: "senior", problem: "fraud", env: env() })
      .send("next")
      .send("next")
      .send(DRAWING)
      .check(() => {
        const request = fake.requests.at(-1);
        const messages = request?.body.messages ?? [];
        const latest = messages.at(-1);
        expect(latest?.role).toBe("user");
        expect(latest?.content).toContain("events --> kafka[(Kafka)] --> scorer(Scorer)");
        expect(request ? fake.instructionsOf(request) : "").toMatch(/They drew their design \(it is in their message as text: boxes and arrows\)/);
        expect(JSON.stringify(messages)).not.toMatch(/image_url|data:image/);
      });
  });
});
