import { LlmError } from "../llm/chat.js";
import type { Interviewer, InterviewerReply, TurnRequest } from "./port.js";

/** Consecutive model failures after which the interview continues offline for good. */
export const MAX_CONSECUTIVE_FAILURES = 3;

export const OFFLINE_NOTICE =
  "A note before we go on: the AI interviewer isn't responding reliably, so I'll continue this interview in offline mode. Nothing you wrote is lost.";

export interface ResilientOptions {
  /** Tokens per interview after which the model is no longer called. */
  tokenBudget?: number | undefined;
  /** Told about every failure that was covered by the offline interviewer (for logs and metrics). */
  onFallback?: (error: LlmError) => void;
}

/**
 * The candidate always gets a reply: when the model fails (after the SDK's own retries), answers
 * badly or refuses, the offline interviewer answers that turn; after repeated failures the session
 * says so once and stays offline.
 */
export class ResilientInterviewer implements Interviewer {
  readonly name: string;

  constructor(
    private readonly primary: Interviewer,
    private readonly fallback: Interviewer,
    private readonly options: ResilientOptions = {},
  ) {
    this.name = `${primary.name}+${fallback.name}`;
  }

  async write(request: TurnRequest): Promise<InterviewerReply> {
    const state = request.session.interviewer;
    const used = state.promptTokens + state.completionTokens;
    if (state.offline || (this.options.tokenBudget !== undefined && used >= this.options.tokenBudget)) {
      return this.fallback.write(request);
    }
    try {
      return await this.primary.write(request);
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      this.options.onFallback?.(error);
      const reply = await this.fallback.write(request);
      const failures = state.failures + 1;
      if (failures >= MAX_CONSECUTIVE_FAILURES) {
        return { text: `${OFFLINE_NOTICE}\n\n${reply.text}`, state: { failures, offline: true } };
      }
      return { text: reply.text, state: { failures } };
    }
  }
}
