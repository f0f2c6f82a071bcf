import { systemClock, type Clock } from "../clock.js";
import type { Config } from "../config/env.js";
import { loadContent, type Content } from "../engine/context.js";
import { InterviewEngine } from "../engine/engine.js";
import { MemorySessionStore } from "../store/memory.js";
import type { Summarizer } from "../summary/port.js";
import { interviewerSetup } from "./interviewer.js";

/**
 * The single-process app the terminal runs: in-memory sessions, and the offline interviewer unless
 * OPENAI_API_KEY is set. On the embedded defaults it needs no tokens, no Redis and no network.
 */
export interface EmbeddedApp {
  engine: InterviewEngine;
  summarizer: Summarizer;
  content: Content;
  mode: "llm" | "offline";
}

export function embeddedApp(config: Config, options: { clock?: Clock } = {}): EmbeddedApp {
  const content = loadContent({ problems: config.PROBLEMS_DIR, rubric: config.RUBRIC_DIR });
  const clock = options.clock ?? systemClock;
  const setup = interviewerSetup(config, content, clock);
  const engine = new InterviewEngine({
    store: new MemorySessionStore(),
    interviewer: setup.interviewer,
    content,
    clock,
    tokenBudget: config.MAX_TOKENS_PER_INTERVIEW,
  });
  return { engine, summarizer: setup.summarizer, content, mode: setup.mode };
}
