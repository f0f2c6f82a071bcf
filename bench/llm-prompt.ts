// Prompt size per turn for a 40-turn LLM interview, against a naive full-transcript re-send.
// Talks to the fake OpenAI-compatible server through the real SDK; tokens are estimated as chars / 4.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { embeddedApp } from "../src/app/embedded.js";
import { LocalThread } from "../src/app/local-thread.js";
import { loadConfig } from "../src/config/env.js";
import { FakeOpenAI } from "../tests/fakes/openai.js";

const tokens = (chars: number) => Math.ceil(chars / 4);

export async function benchLlmPrompt(): Promise<void> {
  const fake = await new FakeOpenAI().start();
  try {
    const app = embeddedApp(loadConfig({ OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: "0" }), { poster: { post: async () => undefined } });
    const script = readFileSync(join(import.meta.dirname, "..", "tests", "fixtures", "candidates", "strong-fraud.txt"), "utf8")
      .split("\n")
      .filter((line) => line && line !== "end");
    const threadKey = "bench:llm";
    const candidate = { id: "bench:candidate", name: "Bench" };
    const thread = new LocalThread(app, threadKey, candidate);
    await thread.start({ level: "senior", problem: "fraud" });
    const bounded: number[] = [];
    const naive: number[] = [];
    for (let turn = 0; turn < 40; turn++) {
      const before = fake.requests.length;
      await thread.say(script[turn % script.length] ?? "ok");
      const request = fake.requests[before];
      if (!request) continue;
      const messages = request.body.messages;
      const stable = messages.filter((message) => message.role === "system").reduce((total, message) => total + message.content.length, 0);
      const session = await thread.session();
      // The naive alternative: the same instructions plus every transcript entry so far.
      const transcript = (session?.transcript ?? []).slice(0, -1).reduce((total, entry) => total + entry.text.length + 20, 0);
      bounded.push(tokens(messages.reduce((total, message) => total + message.content.length, 0)));
      naive.push(tokens(stable + transcript));
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    console.log(`LLM prompt tokens per turn (bounded): ${bounded.join(" ")}`);
    console.log(`LLM prompt tokens per turn (naive full transcript): ${naive.join(" ")}`);
    console.log(
      `LLM prompt, 40-turn interview: bounded ${sum(bounded)} tokens vs naive ${sum(naive)} tokens (ratio ${(sum(bounded) / sum(naive)).toFixed(2)}); turn 38 / turn 10 = ${((bounded[37] ?? 0) / (bounded[9] ?? 1)).toFixed(2)} (target <= 1.5)`,
    );
  } finally {
    await fake.stop();
  }
}
