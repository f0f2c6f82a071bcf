// The structured assessment (verified claims) with streaming: one streamed call whose JSON puts
// `message` first, against a streamed text call followed by a second, small call for the claims.
// Both against the fake OpenAI at the same pace, with the real prompt of a fraud interview's turn.
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { embeddedApp } from "../src/app/embedded.js";
import { LocalThread } from "../src/app/local-thread.js";
import { loadConfig } from "../src/config/env.js";
import { ModelClaimSchema } from "../src/domain/finding.js";
import { OpenAiChatModel } from "../src/infra/openai/chat-model.js";
import { TurnOutputSchema } from "../src/voice/interviewer/llm/schemas.js";
import type { ChatMessage } from "../src/voice/llm/chat.js";
import { FakeOpenAI, type StreamPace } from "../tests/fakes/openai.js";
import { percentile } from "./stats.js";

const AssessmentSchema = z.object({ phaseGoalMet: z.boolean(), claims: z.array(ModelClaimSchema) });
const RUNS = 8;

interface Timing {
  firstWordMs: number;
  doneMs: number;
  promptTokens: number;
  completionTokens: number;
}

/** The messages the LLM interviewer sends for the first answer of a fraud interview. */
async function realPrompt(fake: FakeOpenAI): Promise<ChatMessage[]> {
  const app = embeddedApp(loadConfig({ OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: "0", LLM_STREAMING: "off" }), { poster: { post: async () => undefined } });
  const thread = new LocalThread(app, "bench:structured", { id: "bench:candidate", name: "Bench" });
  await thread.start({ level: "senior", problem: "fraud" });
  await thread.say("I'd frame it as binary classification and track PR-AUC because fraud is rare.");
  const request = fake.requests.at(-1);
  if (!request) throw new Error("the interviewer made no model call");
  return request.body.messages as ChatMessage[];
}

export async function benchStructuredStreaming(pace: StreamPace, turn: { message: string; phaseGoalMet: boolean; claims: unknown[] }): Promise<void> {
  const fake = await new FakeOpenAI().start();
  try {
    fake.respond = (request) => {
      const name = request.body.response_format?.json_schema?.name;
      if (name === "turn_assessment") return { kind: "json", value: { phaseGoalMet: turn.phaseGoalMet, claims: turn.claims } };
      if (!request.body.response_format) return { kind: "text", content: turn.message };
      return { kind: "json", value: turn };
    };
    const messages = await realPrompt(fake);
    fake.pace = pace;
    fake.paceWholeAnswers = true;
    const model = new OpenAiChatModel({ apiKey: "sk-bench", baseURL: fake.baseURL, model: "bench", timeoutMs: 30_000, maxRetries: 0 });
    const client = new OpenAI({ apiKey: "sk-bench", baseURL: fake.baseURL, maxRetries: 0 });
    const one: Timing[] = [];
    const two: Timing[] = [];
    for (let run = 0; run < RUNS; run++) {
      let start = performance.now();
      let first = 0;
      const result = await model.structured({ name: "interviewer_turn", schema: TurnOutputSchema, messages, onMessage: () => (first ||= performance.now() - start) });
      one.push({ firstWordMs: first, doneMs: performance.now() - start, ...result.usage });

      start = performance.now();
      first = 0;
      let text = "";
      let promptTokens = 0;
      let completionTokens = 0;
      const stream = await client.chat.completions.create({ model: "bench", messages, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          first ||= performance.now() - start;
          text += delta;
        }
        if (chunk.usage) ({ prompt_tokens: promptTokens, completion_tokens: completionTokens } = chunk.usage);
      }
      // The second call sees the whole turn again, plus the reply, and asks only for the judgement.
      const assessment = await client.chat.completions.parse({
        model: "bench",
        messages: [...messages, { role: "assistant", content: text }, { role: "user", content: "Now judge the claims in the candidate's latest message, as JSON." }],
        response_format: zodResponseFormat(AssessmentSchema, "turn_assessment"),
      });
      two.push({ firstWordMs: first, doneMs: performance.now() - start, promptTokens: promptTokens + (assessment.usage?.prompt_tokens ?? 0), completionTokens: completionTokens + (assessment.usage?.completion_tokens ?? 0) });
    }
    const line = (label: string, timings: Timing[]) =>
      `  ${label}: first word p50 ${percentile(timings.map((t) => t.firstWordMs), 50).toFixed(0)} ms, turn complete p50 ${percentile(timings.map((t) => t.doneMs), 50).toFixed(0)} ms, ${timings[0]?.promptTokens ?? 0} prompt + ${timings[0]?.completionTokens ?? 0} completion tokens`;
    console.log(`Structured assessment while streaming (real prompt, ${pace.firstTokenMs} ms + ${pace.tokensPerSecond} tokens/s, n=${RUNS} each):`);
    console.log(line("one streamed call, message first in the JSON (used)", one));
    console.log(line("text stream, then a claims call             ", two));
  } finally {
    await fake.stop();
  }
}
