import type { Clock } from "../core/clock.js";
import type { Config } from "../config/env.js";
import type { Content } from "../engine/context.js";
import { LlmInterviewer } from "../voice/interviewer/llm/interviewer.js";
import { OfflineInterviewer } from "../voice/interviewer/offline.js";
import type { Interviewer } from "../voice/interviewer/port.js";
import { ResilientInterviewer } from "../voice/interviewer/resilient.js";
import type { LlmError } from "../voice/llm/chat.js";
import { OpenAiChatModel } from "../infra/openai/chat-model.js";
import { LlmSummarizer } from "../voice/summary/llm.js";
import { OfflineSummarizer, type Summarizer } from "../voice/summary/port.js";

export interface InterviewerSetup {
  mode: "llm" | "offline";
  interviewer: Interviewer;
  summarizer: Summarizer;
}

/** With OPENAI_API_KEY: the LLM interviewer and summarizer, each backed by the offline one. Without: offline only. */
export function interviewerSetup(config: Config, content: Content, clock: Clock, onFallback?: (error: LlmError) => void): InterviewerSetup {
  const offline = new OfflineInterviewer();
  if (!config.OPENAI_API_KEY) return { mode: "offline", interviewer: offline, summarizer: new OfflineSummarizer(content) };
  const model = new OpenAiChatModel({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
  });
  const options = onFallback ? { tokenBudget: config.MAX_TOKENS_PER_INTERVIEW, onFallback } : { tokenBudget: config.MAX_TOKENS_PER_INTERVIEW };
  return {
    mode: "llm",
    interviewer: new ResilientInterviewer(new LlmInterviewer(model, content, clock), offline, options),
    summarizer: new LlmSummarizer(model, content, onFallback),
  };
}
