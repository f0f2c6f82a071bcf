import type { Interviewer, InterviewerReply, TurnRequest } from "../voice/interviewer/port.js";
import type { Session } from "../domain/session.js";
import type { Summarizer } from "../voice/summary/port.js";
import type { Summary } from "../domain/summary.js";
import type { Metrics } from "./metrics.js";

/** Times the interviewer and counts the tokens it reports, without the engine knowing. */
export class MeteredInterviewer implements Interviewer {
  readonly name: string;

  constructor(
    private readonly inner: Interviewer,
    private readonly metrics: Metrics,
    private readonly mode: "llm" | "offline",
  ) {
    this.name = inner.name;
  }

  async write(request: TurnRequest): Promise<InterviewerReply> {
    const stop = this.metrics.llmDuration.startTimer({ operation: "interviewer", mode: this.mode });
    try {
      const reply = await this.inner.write(request);
      // The state carries running totals; the difference is what this turn spent.
      const before = request.session.interviewer;
      const prompt = (reply.state?.promptTokens ?? before.promptTokens) - before.promptTokens;
      const completion = (reply.state?.completionTokens ?? before.completionTokens) - before.completionTokens;
      if (prompt > 0) this.metrics.llmTokens.inc({ type: "prompt" }, prompt);
      if (completion > 0) this.metrics.llmTokens.inc({ type: "completion" }, completion);
      return reply;
    } finally {
      stop();
    }
  }
}

export class MeteredSummarizer implements Summarizer {
  constructor(
    private readonly inner: Summarizer,
    private readonly metrics: Metrics,
    private readonly mode: "llm" | "offline",
  ) {}

  async summarize(session: Session): Promise<Summary> {
    const stop = this.metrics.llmDuration.startTimer({ operation: "summary", mode: this.mode });
    try {
      return await this.inner.summarize(session);
    } finally {
      stop();
    }
  }
}
