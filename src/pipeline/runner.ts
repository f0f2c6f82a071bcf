import { randomUUID } from "node:crypto";
import type { Clock } from "../core/clock.js";
import type { Content } from "../engine/context.js";
import { decide, type Decision } from "../engine/decide.js";
import type { Session } from "../domain/session.js";
import type { TurnLimits } from "../engine/turn.js";
import { isAppError } from "../core/errors.js";
import type { Interviewer } from "../voice/interviewer/port.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import type { Logger } from "../ops/logger.js";
import type { Metrics, TurnKind } from "../ops/metrics.js";
import type { Poster } from "../ports/poster.js";
import { DRAW_TIMEOUT_MS, type Drawer, type Picture } from "../ports/drawer.js";
import { DRAWING_CAPTION, diagramAlt } from "../voice/interviewer/lines.js";
import type { WaitingEntry } from "../ports/inbox.js";
import { LockLostError, type Lease } from "../ports/lock.js";
import type { DueSummaries, SummaryRequests } from "../ports/summaries.js";
import type { TurnStore } from "../ports/turns.js";
import type { Placeholders } from "../ports/placeholders.js";
import { LiveReply } from "./live-reply.js";
import { StorageDownError, UnreadableSessionError } from "../domain/storage-errors.js";
import { ReplyPendingError, type Delivery, type PendingReply } from "./delivery.js";
import { inputOf, planTurns, type TurnPlan } from "./plan.js";
import { recordTurn, replyHeading } from "./record.js";

export interface TurnRunnerOptions {
  store: TurnStore;
  interviewer: Interviewer;
  content: Content;
  clock: Clock;
  limits?: TurnLimits;
  /** Delivers each turn's reply, which the turn's commit queued. */
  delivery: Delivery;
  /** Posts what a turn shows one user only (a refused button press). */
  poster: Poster;
  summaries: SummaryRequests;
  due: DueSummaries;
  metrics: Metrics;
  logger: Logger;
  /** Makes each interview's own colon-free id. */
  newId?: () => string;
  /** Renders a candidate's drawing; without one (or a poster that cannot post images) the reply goes without the picture. */
  drawer?: Drawer;
  /**
   * Where the thread's placeholder is kept. With it, and a poster that can show a reply live,
   * an interviewer's words appear as they are written; the committed reply then replaces them.
   */
  placeholders?: Placeholders;
  /** False turns streaming off (replies are posted whole when written). */
  streaming?: boolean;
}

export const UNEXPECTED_MESSAGE = "Something went wrong on my side while answering that. Please try again.";

/** What one plan came to: the session to commit (null: nothing changes) and what to say. */
interface Outcome {
  session: Session | null;
  messages: OutgoingMessage[];
  /** Show the messages to this user only (a refused button press). */
  visibleTo?: string;
  ended: boolean;
  /** Drawings the candidate sent this turn, posted as pictures after the reply. */
  pictures?: Array<{ picture: Picture; alt: string }>;
}

/**
 * The one turn pipeline every host runs (Slack, Discord, the terminal): for each plan of a
 * thread's waiting events, load → decide → voice → fenced commit → post. The commit holds the
 * session, the events it answered and the reply together, so a crash cannot lose the reply of a
 * saved turn; an ending turn marks its summary due first, and requests it after.
 */
export class TurnRunner {
  private readonly newId: () => string;

  constructor(private readonly options: TurnRunnerOptions) {
    this.newId = options.newId ?? (() => randomUUID());
  }

  async run(lease: Lease, entries: readonly WaitingEntry[]): Promise<void> {
    let ended = false;
    for (const plan of planTurns(entries)) {
      if (ended && plan.kind !== "start") {
        // Whatever followed the end of the interview in the same burst is dropped, not answered.
        if (!(await lease.trim(plan.size))) throw new LockLostError(lease.threadKey);
        continue;
      }
      ended = (await this.take(lease, plan)).ended;
    }
  }

  /** Delivers the reply an earlier turn left in the thread's outbox; true when nothing is left. */
  redeliver(lease: Lease): Promise<boolean> {
    return this.options.delivery.redeliver(lease);
  }

  private async take(lease: Lease, plan: TurnPlan): Promise<Outcome> {
    const { threadKey } = lease;
    const kind = turnKind(plan);
    const stopTimer = kind ? this.options.metrics.turnDuration.startTimer({ kind }) : undefined;
    let outcome: Outcome;
    const streamed: { live?: LiveReply | undefined } = {};
    try {
      outcome = await this.answer(threadKey, plan, streamed);
    } catch (error) {
      // Lost lock: another process answers these events. Storage down: they wait for the next try.
      if (error instanceof LockLostError || error instanceof StorageDownError) {
        // The stream is closed, but the thread is no longer this process's to point at it.
        await streamed.live?.end();
        throw error;
      }
      // The turn failed part way: the candidate is asked to try again, so nothing of it is kept.
      outcome = { session: null, messages: [this.explain(error, plan, threadKey)], ended: false };
    }
    await this.endLive(threadKey, streamed.live);
    const log = this.options.logger.child({ sessionKey: threadKey, ...(outcome.session ? { interviewId: outcome.session.id } : {}) });
    if (outcome.ended && outcome.session) await this.markDue(outcome.session);
    const reply = await this.commit(lease, plan, outcome);
    stopTimer?.();
    if (plan.kind === "start" && outcome.session) this.options.metrics.interviewsStarted.inc();
    if (outcome.ended && outcome.session) {
      this.options.metrics.interviewsEnded.inc();
      await this.requestSummary(outcome.session, log);
    }
    log.info({ turn: plan.kind, events: plan.size, replies: outcome.messages.length, ended: outcome.ended, phase: outcome.session?.phase }, "turn answered");
    if (outcome.visibleTo) await this.tell(threadKey, outcome.messages, outcome.visibleTo, log);
    if (reply && !(await this.options.delivery.deliver(reply))) throw new ReplyPendingError(threadKey);
    if (outcome.pictures?.length) await this.draw(threadKey, outcome.pictures, reply?.id ?? randomUUID(), log);
    return outcome;
  }

  /**
   * The candidate's drawing as a picture in the thread, after the reply it belongs to. Rendering has
   * a time limit, and a picture that fails is logged and skipped: the answer was already handled.
   */
  private async draw(threadKey: string, pictures: NonNullable<Outcome["pictures"]>, replyId: string, log: Logger): Promise<void> {
    const { drawer, poster } = this.options;
    if (!drawer || !poster.postImage) return;
    for (const [index, { picture, alt }] of pictures.entries()) {
      try {
        const png = await drawer.draw(picture, { timeoutMs: DRAW_TIMEOUT_MS });
        await poster.postImage(threadKey, { png, filename: `diagram-${replyId.slice(0, 8)}-${index + 1}.png`, alt, kind: "diagram" }, { kind: "interviewer", paragraphs: [DRAWING_CAPTION] });
      } catch (error) {
        this.options.metrics.error("post-failed");
        log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not draw or post the candidate's drawing");
      }
    }
  }

  /** A reply that shows the interviewer's words to the candidate as they are written, when this thread can. */
  private liveReply(threadKey: string, session: Session): LiveReply | undefined {
    const { poster, placeholders, streaming, logger } = this.options;
    if (streaming === false || !placeholders || !poster.live) return undefined;
    const options = { recipient: session.candidate.id, heading: replyHeading(session) };
    return new LiveReply(
      async () => poster.live?.(threadKey, { ...options, replaces: await placeholders.showing(threadKey) }),
      logger.child({ sessionKey: threadKey }),
      (ref) => placeholders.takeOver(threadKey, ref),
    );
  }

  /**
   * Closes the streamed message, and makes it the one the turn's reply replaces, so whatever the
   * turn commits (its reply, the offline line after a model failure, an apology) takes its place
   * and no half sentence is left standing.
   */
  private async endLive(threadKey: string, live: LiveReply | undefined): Promise<void> {
    if (!live) return;
    const ref = await live.end();
    if (ref) await this.options.placeholders?.takeOver(threadKey, ref);
  }

  /** Load, decide, voice: everything but the commit, with no write. */
  private async answer(threadKey: string, plan: TurnPlan, streamed: { live?: LiveReply | undefined }): Promise<Outcome> {
    const { content, clock, interviewer } = this.options;
    const input = inputOf(plan, this.newId);
    if (!input) return { session: null, messages: [], ended: false };
    const session = await this.load(threadKey, input.kind === "start");
    const decision: Decision = decide(session, input, clock.now(), content, this.options.limits);
    switch (decision.kind) {
      case "nothing":
        return { session: null, messages: [], ended: false };
      case "say":
        return { session: null, messages: [decision.message], ...(decision.visibleTo ? { visibleTo: decision.visibleTo } : {}), ended: false };
      case "turn": {
        const { turn, candidateText } = decision;
        const problem = turn.session.problemId ? content.bank.find(turn.session.problemId) : undefined;
        const live = (streamed.live = this.liveReply(threadKey, turn.session));
        const reply = await interviewer.write({ session: turn.session, problem, beats: turn.beats, candidateText, ...(live ? { onText: (text: string) => live.update(text) } : {}) });
        const recorded = recordTurn(turn, reply, candidateText, clock.now(), content);
        const pictures = turn.beats.flatMap((beat) => (beat.kind === "diagram" ? [{ picture: { diagram: beat.diagram }, alt: diagramAlt(beat.diagram) }] : []));
        return { session: recorded.session, messages: [recorded.message], ended: recorded.session.phase === "ended", pictures };
      }
    }
  }

  /** The thread's current session. A start may replace one that cannot be read (unless a newer release wrote it). */
  private async load(threadKey: string, starting: boolean): Promise<Session | null> {
    try {
      return await this.options.store.get(threadKey);
    } catch (error) {
      if (!starting || !(error instanceof UnreadableSessionError) || error.reason === "newer") throw error;
      await this.options.store.setAside(threadKey);
      return null;
    }
  }

  /**
   * The turn's one write: its session, the events it answered dropped, and the reply everyone sees
   * queued with the placeholder it replaces. A notice for one user is not queued: it answers a
   * press that changed nothing, and one the platform refuses must not hold up the thread.
   */
  private async commit(lease: Lease, plan: TurnPlan, outcome: Outcome): Promise<PendingReply | null> {
    const { threadKey } = lease;
    const fence = { lease, consumed: plan.size };
    if (outcome.messages.length === 0 || outcome.visibleTo) {
      await this.options.store.commit(threadKey, outcome.session, fence, null);
      return null;
    }
    const id = randomUUID();
    const replaces = await this.options.store.commit(threadKey, outcome.session, fence, { id, messages: JSON.stringify(outcome.messages) });
    return { id, threadKey, interviewId: outcome.session?.id ?? "", messages: outcome.messages, replaces, delivered: 0, attempts: 1 };
  }

  /** Before the ending commit, so a crash between the two cannot forget the scorecard (the sweeper requests it). */
  private async markDue(session: Session): Promise<void> {
    await this.options.due.mark({ threadKey: session.threadKey, interviewId: session.id });
  }

  private async tell(threadKey: string, messages: readonly OutgoingMessage[], visibleTo: string, log: Logger): Promise<void> {
    for (const message of messages) {
      try {
        await this.options.poster.post(threadKey, message, { visibleTo });
      } catch (error) {
        this.options.metrics.error("post-failed");
        log.warn({ err: error instanceof Error ? error.message : String(error), kind: message.kind }, "could not post a private notice");
      }
    }
  }

  private explain(error: unknown, plan: TurnPlan, threadKey: string): OutgoingMessage {
    const log = this.options.logger.child({ sessionKey: threadKey });
    if (error instanceof UnreadableSessionError) {
      this.options.metrics.error("unreadable-session");
      log.warn({ reason: error.reason, detail: error.detail }, "session unreadable");
      return { kind: "error", paragraphs: [error.message] };
    }
    // Anything else typed carries a sentence fit for the candidate.
    if (isAppError(error)) return { kind: "error", paragraphs: [error.message] };
    this.options.metrics.error("unexpected");
    log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error), turn: plan.kind }, "turn failed");
    return { kind: "error", paragraphs: [UNEXPECTED_MESSAGE] };
  }

  private async requestSummary(session: Session, log: Logger): Promise<void> {
    const job = { threadKey: session.threadKey, interviewId: session.id };
    try {
      await this.options.summaries.request(job);
      await this.options.due.clear(job);
    } catch (error) {
      // The due mark stays, so the sweeper requests it once the queue is reachable again.
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "summary request deferred");
    }
  }
}

function turnKind(plan: TurnPlan): TurnKind | undefined {
  switch (plan.kind) {
    case "start":
      return "start";
    case "action":
      return "action";
    case "command":
      return "command";
    case "answers":
      return "answer";
    case "unreadable":
      return undefined;
  }
}
