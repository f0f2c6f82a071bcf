import type { Content } from "../../engine/context.js";
import type { Session } from "../../domain/session.js";
import { buildSummary } from "./build.js";
import type { Summary } from "../../domain/summary.js";

/** Writes the end-of-interview summary; the LLM summarizer sits behind the same port. */
export interface Summarizer {
  summarize(session: Session): Promise<Summary>;
}

/** The deterministic summarizer: the embedded default and the fallback for the LLM one. */
export class OfflineSummarizer implements Summarizer {
  constructor(private readonly content: Content) {}

  async summarize(session: Session): Promise<Summary> {
    return buildSummary(session, this.content);
  }
}
