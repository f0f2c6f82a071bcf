import { systemClock, type Clock } from "../clock.js";
import type { Config } from "../config/env.js";
import { loadContent, type Content } from "../engine/context.js";
import { InterviewEngine } from "../engine/engine.js";
import { OfflineInterviewer } from "../interviewer/offline.js";
import { MemorySessionStore } from "../store/memory.js";
import { OfflineSummarizer, type Summarizer } from "../summary/port.js";

/** The embedded defaults: in-memory sessions and the offline interviewer. No tokens, no Redis, no network. */
export interface EmbeddedApp {
  engine: InterviewEngine;
  summarizer: Summarizer;
  content: Content;
}

export function embeddedApp(config: Config, options: { clock?: Clock } = {}): EmbeddedApp {
  const content = loadContent({ problems: config.PROBLEMS_DIR, rubric: config.RUBRIC_DIR });
  const engine = new InterviewEngine({
    store: new MemorySessionStore(),
    interviewer: new OfflineInterviewer(),
    content,
    clock: options.clock ?? systemClock,
  });
  return { engine, summarizer: new OfflineSummarizer(content), content };
}
