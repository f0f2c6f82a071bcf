import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { OpenAiChatModel } from "../../../src/infra/openai/chat-model.js";
import { LlmError } from "../../../src/voice/llm/chat.js";
import { TurnOutputSchema } from "../../../src/voice/interviewer/llm/schemas.js";
import { FakeOpenAI } from "../../fakes/openai.js";

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await new FakeOpenAI().start();
});
afterEach(async () => {
  await fake.stop();
});

const model = (timeoutMs = 2_000) => new OpenAiChatModel({ apiKey: "sk-test", baseURL: fake.baseURL, model: "tiny-test-model", timeoutMs, maxRetries: 0 });
const TURN = {
  message: "Fair: PR-AUC suits a 0.1% base rate.\n\nHow fresh must the velocity features be at scoring time?",
  phaseGoalMet: false,
  claims: [{ quote: "PR-AUC offline", verdict: "sound", dimension: "problem-formulation", misconceptionId: null, correction: null }],
};
const ask = (onMessage: (text: string) => void) => ({ name: "interviewer_turn", schema: TurnOutputSchema, messages: [{ role: "user" as const, content: "go" }], onMessage });

describe("a structured answer streamed from the model", () => {
  test("its message is told in growing pieces, and the parsed answer is the same as a whole one", async () => {
    fake.script({ kind: "json", value: TURN }, { kind: "json", value: TURN });
    const told: string[] = [];
    const streamed = await model().structured(ask((text) => told.push(text)));
    const whole = await model().structured({ name: "interviewer_turn", schema: TurnOutputSchema, messages: [{ role: "user", content: "go" }] });

    expect(fake.requests[0]?.body.stream).toBe(true);
    expect(fake.requests[1]?.body.stream).toBeUndefined();
    expect(told.length).toBeGreaterThan(5);
    for (const [index, text] of told.entries()) if (index > 0) expect(text.startsWith(told[index - 1] ?? "")).toBe(true);
    expect(told.at(-1)).toBe(TURN.message);
    expect(streamed.value).toEqual(whole.value);
    expect(streamed.usage.completionTokens).toBeGreaterThan(0);
  });

  test("a server without structured output streams plain text, told as it comes", async () => {
    fake.rejectJsonSchema = true;
    fake.rejectJsonObject = true;
    fake.script({ kind: "text", content: "Plain words, streamed: what is the latency budget?" });
    const told: string[] = [];
    const result = await model().structured(ask((text) => told.push(text)));
    expect(result.format).toBe("text");
    expect(result.text).toBe("Plain words, streamed: what is the latency budget?");
    expect(told.at(-1)).toBe(result.text);
    expect(told.length).toBeGreaterThan(2);
  });

  test("a stream that breaks off, or falls silent, fails as the model being unavailable, after what it had told", async () => {
    fake.script({ kind: "cut", value: TURN, chars: 40, then: "drop" });
    const told: string[] = [];
    await expect(model().structured(ask((text) => told.push(text)))).rejects.toMatchObject({ failure: "unavailable" });
    expect(told.at(-1)?.length).toBeGreaterThan(0);
    expect(TURN.message.startsWith(told.at(-1) ?? "?")).toBe(true);

    fake.script({ kind: "cut", value: TURN, chars: 40, then: "stall" });
    const silent = model(300).structured(ask(() => undefined));
    await expect(silent).rejects.toBeInstanceOf(LlmError);
    await expect(silent).rejects.toMatchObject({ failure: "unavailable" });
  });

  test("a refusal in the stream is a refusal, and a malformed answer is malformed", async () => {
    fake.script({ kind: "refusal", refusal: "I can't help with that." }, { kind: "malformed" });
    await expect(model().structured(ask(() => undefined))).rejects.toMatchObject({ failure: "refused" });
    await expect(model().structured(ask(() => undefined))).rejects.toMatchObject({ failure: "malformed" });
  });
});
