import type { OutgoingMessage } from "../core/messages/message.js";
import type { Poster } from "../ports/poster.js";
import type { SummaryJob } from "../ports/summary-job.js";
import { summaryJobId } from "../ports/summary-job.js";
import { UnreadableSessionError } from "../domain/storage-errors.js";
import { storedSummaryOf, type SummaryArchive } from "../ports/archive.js";
import type { PostedRecord } from "../ports/posted.js";
import type { SessionStore } from "../ports/sessions.js";
import { summaryMessage } from "../voice/summary/message.js";
import type { Summarizer } from "../voice/summary/port.js";
import type { Summary } from "../domain/summary.js";
import type { Content } from "../engine/context.js";
import type { Logger } from "../ops/logger.js";
import { DRAW_TIMEOUT_MS, type Drawer } from "../ports/drawer.js";
import { designPicture } from "../voice/summary/design.js";
import { DESIGN_CAPTION } from "../voice/summary/message.js";

export type ScorecardOutcome = { outcome: "posted"; summary: Summary } | { outcome: "already-posted" | "forgotten" };

/** A job that can never succeed (the interview is gone or unreadable): no retry helps. */
export class HopelessJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HopelessJobError";
  }
}

export function failureNotice(interviewId: string): OutgoingMessage {
  return {
    kind: "error",
    heading: "Scorecard unavailable",
    paragraphs: [
      "I couldn't write and post your scorecard, even after several tries. Your answers are saved; an operator can find this interview in the worker's logs.",
      `Interview reference: ${interviewId}`,
    ],
  };
}

export interface ScorecardWriterOptions {
  store: SessionStore;
  summarizer: Summarizer;
  poster: Poster;
  posted: PostedRecord;
  /** Keeps each summary for history, focus, progress and the peer-review aggregate. */
  archive: SummaryArchive;
  /** Draws the candidate's design to post with the scorecard; without it the scorecard goes alone. */
  design?: { drawer: Drawer; content: Content; logger: Logger };
}

/**
 * What a summary job does, whoever runs it (the BullMQ worker, or in process for the terminal):
 * write the ended interview's summary, keep it, post it once into its thread.
 */
export class ScorecardWriter {
  constructor(private readonly options: ScorecardWriterOptions) {}

  async write(job: SummaryJob): Promise<ScorecardOutcome> {
    const { posted, store, summarizer, poster, archive } = this.options;
    if (await posted.has(job, "summary")) return { outcome: "already-posted" };
    let session;
    try {
      session = await store.getInterview(job.threadKey, job.interviewId);
    } catch (error) {
      if (error instanceof UnreadableSessionError) throw new HopelessJobError(`interview unreadable (${error.reason}): ${error.detail}`);
      throw error;
    }
    if (!session) throw new HopelessJobError("interview not found: it expired or was never saved");
    if (session.phase !== "ended") throw new Error("interview has not ended yet");
    const summary = await summarizer.summarize(session);
    // Kept before posting, so a Review pressed on the scorecard at once finds the AI's ratings to compare with.
    const kept = await archive.save(storedSummaryOf(session, summary, Date.now()));
    // The candidate ran forget-me while this job was writing: post nothing, keep nothing.
    if (!kept) return { outcome: "forgotten" };
    // Posting and recording cannot be one step; the idempotency key lets platforms that dedupe close that gap.
    await poster.post(job.threadKey, summaryMessage(summary, { reviewable: true }), { idempotencyKey: summaryJobId(job.interviewId) });
    await posted.record(job, "summary");
    await this.postDesign(job, session, summary);
    return { outcome: "posted", summary };
  }

  /**
   * The picture of the design, after the scorecard it belongs to. Once the scorecard is posted the
   * job has done its work, so a picture that fails is logged and not retried.
   */
  private async postDesign(job: SummaryJob, session: Parameters<typeof designPicture>[0], summary: Summary): Promise<void> {
    const { design, poster } = this.options;
    if (!design || !poster.postImage) return;
    const picture = designPicture(session, summary, design.content);
    if (!picture) return;
    try {
      const png = await design.drawer.draw({ diagram: picture.diagram, faded: picture.faded }, { timeoutMs: DRAW_TIMEOUT_MS });
      await poster.postImage(job.threadKey, { png, filename: `design-${job.interviewId.slice(0, 8)}.png`, alt: picture.alt, kind: "design" }, { kind: "summary", paragraphs: [DESIGN_CAPTION] });
    } catch (error) {
      design.logger.warn({ sessionKey: job.threadKey, interviewId: job.interviewId, err: error instanceof Error ? error.message : String(error) }, "could not draw or post the design picture");
    }
  }

  /** After the last attempt failed: the candidate hears so instead of silence, once. */
  async notifyFailure(job: SummaryJob): Promise<void> {
    const { posted, poster } = this.options;
    if ((await posted.has(job, "summary")) || (await posted.has(job, "failure-notice"))) return;
    await poster.post(job.threadKey, failureNotice(job.interviewId), { idempotencyKey: `${summaryJobId(job.interviewId)}-failed` });
    await posted.record(job, "failure-notice");
  }
}
