import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { embeddedApp, type EmbeddedApp } from "../../src/app/embedded.js";
import { loadConfig } from "../../src/config/env.js";
import type { Focus } from "../../src/domain/focus.js";
import { plainText, type OutgoingMessage } from "../../src/core/messages/message.js";
import { decodeSession, encodeSession } from "../../src/domain/session-codec.js";
import { FakeOpenAI } from "../fakes/openai.js";
import { ManualClock } from "../support/clock.js";

const CANDIDATE = { id: "test:candidate", name: "Ada" } as const;
const FOCUS: Focus = { dimensions: ["trade-off-analysis"], areas: ["monitoring-feedback"] };

/** The embedded app, and what it posted to each thread. */
function app(env: NodeJS.ProcessEnv = {}) {
  const posted = new Map<string, string[]>();
  const poster = {
    post: async (threadKey: string, message: OutgoingMessage) => {
      posted.set(threadKey, [...(posted.get(threadKey) ?? []), plainText(message)]);
    },
  };
  const embedded: EmbeddedApp = embeddedApp(loadConfig(env), { clock: new ManualClock(), poster });
  let events = 0;
  /** Sends, waits for the answer and returns the text it posted. */
  const answered = async (threadKey: string, send: (eventId: string) => Promise<unknown>) => {
    const before = posted.get(threadKey)?.length ?? 0;
    await send(`focus-test-${++events}`);
    await embedded.settled();
    return (posted.get(threadKey) ?? []).slice(before).join("\n\n");
  };
  return {
    content: embedded.content,
    get: (threadKey: string) => embedded.sessions.get(threadKey),
    opening: (threadKey: string, focus?: Focus) =>
      answered(threadKey, (eventId) => embedded.intake.start({ eventId, threadKey, candidate: CANDIDATE, level: "senior", problem: "fraud", ...(focus ? { focus } : {}) })),
    say: (threadKey: string, text: string) => answered(threadKey, (eventId) => embedded.intake.message({ eventId, threadKey, authorId: CANDIDATE.id, text })),
  };
}

describe("a focused follow-up interview", () => {
  test("opens by saying which weak spots it leans on, and remembers them", async () => {
    const engine = app();
    const text = await engine.opening("test:focus-open", FOCUS);
    expect(text).toContain(
      "In your recent interviews, trade-off analysis was your weakest dimension, and monitoring and feedback was the area your designs covered least, so this interview leans on them",
    );
    expect(text.indexOf("weakest dimension")).toBeLessThan(text.indexOf("Here's your problem"));
    expect((await engine.get("test:focus-open"))?.focus).toEqual(FOCUS);
  });

  test("an ordinary interview says nothing about weak spots", async () => {
    const engine = app();
    expect(await engine.opening("test:focus-none")).not.toMatch(/weakest|leans on/);
    expect((await engine.get("test:focus-none"))?.focus).toBeUndefined();
  });

  test("the deep dive starts on the focused area", async () => {
    const engine = app();
    const { content } = engine;
    const fraud = content.bank.resolve("fraud");
    const security = fraud.deepDives.find((deepDive) => deepDive.area === "security-privacy-fairness");
    const first = fraud.deepDives[0];
    if (!security || !first || first === security) throw new Error("the fraud problem no longer has the deep dives this test relies on");

    const deepDiveOpening = async (threadKey: string, focus?: Focus) => {
      await engine.opening(threadKey, focus);
      let text = "";
      for (let step = 0; step < 3; step++) text = await engine.say(threadKey, "next");
      return text;
    };
    expect(await deepDiveOpening("test:focus-deep", { dimensions: [], areas: ["security-privacy-fairness"] })).toContain(security.questions[0]);
    expect(await deepDiveOpening("test:focus-deep-none")).toContain(first.questions[0]);
  });

  test("sessions stored before focus existed still read back", () => {
    const stored = JSON.parse(encodeSession(decodeSession(JSON.stringify(minimalSession())))) as Record<string, unknown>;
    expect(stored).not.toHaveProperty("focus");
  });
});

describe("with the LLM interviewer", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
  });
  afterAll(async () => {
    await fake?.stop();
  });

  test("the model is told the interview's focus on every turn", async () => {
    const engine = app({ OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "tiny-test-model", LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "2000" });
    const text = await engine.opening("test:focus-llm", FOCUS);
    expect(text).toMatch(/trade-off analysis was your weakest dimension/);
    await engine.say("test:focus-llm", "I'd frame it as binary classification with PR-AUC offline, because fraud is rare.");
    const request = fake.requests.at(-1);
    if (!request) throw new Error("the model was not asked");
    const instructions = fake.instructionsOf(request);
    expect(instructions).toMatch(/Focus of this interview.*Trade-off analysis.*Monitoring and feedback/);
  });
});

function minimalSession(): Record<string, unknown> {
  const at = Date.parse("2026-11-02T10:00:00Z");
  return {
    schemaVersion: 1,
    id: "old",
    threadKey: "test:old",
    candidate: CANDIDATE,
    level: "senior",
    domain: null,
    problemId: "fraud",
    phase: "requirements",
    difficulty: "standard",
    startedAt: at,
    phaseStartedAt: at,
    endedAt: null,
    hintRungs: {},
    followUpsGiven: 0,
    simplificationsGiven: 0,
    probesAsked: [],
    guidingAsked: [],
    areasAsked: [],
    deepDiveQuestionsAsked: [],
    nudged: [],
    phaseTurns: 0,
    levelAttempts: 0,
    weakStreak: 0,
    strongStreak: 0,
    transcript: [],
  };
}
