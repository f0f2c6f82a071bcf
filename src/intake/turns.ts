import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Content } from "../engine/context.js";
import { InterviewEngine, type Reply } from "../engine/engine.js";
import type { Session } from "../engine/session.js";
import { ConflictError, isAppError, NotFoundError } from "../errors.js";
import type { Interviewer } from "../interviewer/port.js";
import type { OutgoingMessage } from "../messages/message.js";
import type { Logger } from "../ops/logger.js";
import type { Metrics, TurnKind } from "../ops/metrics.js";
import type { Poster } from "../poster/port.js";
import type { DueSummaries } from "../queue/due.js";
import type { SummaryRequests } from "../queue/summary-queue.js";
import { StorageDownError, UnreadableSessionError } from "../store/errors.js";
import { LockLostError, type RedisSessionStore } from "../store/redis.js";
import type { WaitingEntry } from "./inbox.js";
import type { Lease } from "./lock.js";
import { ReplyPendingError, type Outbox, type PendingReply } from "./outbox.js";
import { planTurns, type TurnPlan } from "./plan.js";
import { TurnStore } from "./turn-store.js";

export interface TurnRunnerOptions {
  store: RedisSessionStore;
  interviewer: Interviewer;
  content: Content;
  clock: Clock;
  tokenBudget?: number | undefined;
  /** Delivers each turn's reply, which the turn's commit queued. */
  outbox: Outbox;
  /** Posts what a turn shows one user only (a refused button press). */
  poster: Poster;
  summaries: SummaryRequests;
  due: DueSummaries;
  metrics: Metrics;
  logger: Logger;
}

interface Outcome {
  messages: OutgoingMessage[];
  /** Show the messages to this user only (a refused button press). */
  visibleTo?: string;
  session?: Session;
  ended: boolean;
}

export const UNEXPECTED_MESSAGE = "Something went wrong on my side while answering that. Please try again.";

/**
 * Answers a thread's waiting events while holding its lock: each plan is one engine call, committed
 * in one step with the events it answered and its reply (so a crash cannot lose the reply of a
 * saved turn); then, when the interview ended, its summary is requested, and the reply delivered.
 */
export class TurnRunner {
  constructor(private readonly options: TurnRunnerOptions) {}

  async run(lease: Lease, entries: readonly WaitingEntry[]): Promise<void> {
    let ended = false;
    for (const plan of planTurns(entries)) {
      if (ended && plan.kind !== "start") {
        // As within one burst: whatever followed the end of the interview is dropped, not answered.
        await this.consume(lease, plan.size);
        continue;
      }
      const outcome = await this.answer(lease, plan);
      ended = outcome.ended;
    }
  }

  private async answer(lease: Lease, plan: TurnPlan): Promise<Outcome> {
    const { threadKey } = lease;
    const kind = turnKind(plan);
    const stopTimer = kind ? this.options.metrics.turnDuration.startTimer({ kind }) : undefined;
    const store = new TurnStore(this.options.store, (session) => this.options.due.mark({ threadKey, interviewId: session.id }));
    let outcome: Outcome;
    try {
      outcome = await this.execute(plan, store);
    } catch (error) {
      // Lost lock: another process answers these events. Storage down: they wait for the next try.
      if (error instanceof LockLostError || error instanceof StorageDownError) throw error;
      outcome = this.explain(error, plan, threadKey);
      // The turn failed part way: the candidate is asked to try again, so nothing of it is kept.
      store.saved = null;
    }
    const reply = await this.commit(lease, plan, store.saved, outcome);
    stopTimer?.();
    const session = outcome.session ?? store.saved;
    const log = this.options.logger.child({ sessionKey: threadKey, ...(session ? { interviewId: session.id } : {}) });
    if (plan.kind === "start" && store.saved) this.options.metrics.interviewsStarted.inc();
    if (outcome.ended && session) {
      this.options.metrics.interviewsEnded.inc();
      await this.requestSummary(session, log);
    }
    log.info({ turn: plan.kind, events: plan.size, replies: outcome.messages.length, ended: outcome.ended, phase: session?.phase }, "turn answered");
    if (outcome.visibleTo) await this.tell(threadKey, outcome.messages, outcome.visibleTo, log);
    if (reply && !(await this.options.outbox.deliver(reply))) throw new ReplyPendingError(threadKey);
    return outcome;
  }

  /** Delivers the reply an earlier turn left in the thread's outbox; true when nothing is left (see Outbox.redeliver). */
  redeliver(lease: Lease): Promise<boolean> {
    return this.options.outbox.redeliver(lease);
  }

  /**
   * The turn's one write: its session, the events it answered dropped, and the reply everyone sees
   * queued with the placeholder it replaces. A notice for one user is not queued: it answers a
   * press that changed nothing, and one the platform refuses must not hold up the thread.
   */
  private async commit(lease: Lease, plan: TurnPlan, session: Session | null, outcome: Outcome): Promise<PendingReply | null> {
    const { threadKey } = lease;
    const fence = { token: lease.token, consumed: plan.size };
    if (outcome.messages.length === 0 || outcome.visibleTo) {
      await this.options.store.commit(threadKey, session, fence, null);
      return null;
    }
    const id = randomUUID();
    const replaces = await this.options.store.commit(threadKey, session, fence, { id, messages: JSON.stringify(outcome.messages) });
    return { id, threadKey, interviewId: session?.id ?? "", messages: outcome.messages, replaces, delivered: 0, attempts: 1 };
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

  private async execute(plan: TurnPlan, store: TurnStore): Promise<Outcome> {
    const engine = new InterviewEngine({
      store,
      interviewer: this.options.interviewer,
      content: this.options.content,
      clock: this.options.clock,
      tokenBudget: this.options.tokenBudget,
    });
    switch (plan.kind) {
      case "unreadable":
        return { messages: [], ended: false };
      case "start": {
        const { threadKey, candidate, level, problem, focus } = plan.event;
        const request = { threadKey, candidate, level, problem, focus };
        try {
          return fromReply(await engine.start(request));
        } catch (error) {
          if (!(error instanceof UnreadableSessionError) || error.reason === "newer") throw error;
          // The thread's last interview cannot be read; a new one may still begin here.
          await this.options.store.setAside(plan.event.threadKey);
          return fromReply(await engine.start(request));
        }
      }
      case "action":
        try {
          return fromReply(await engine.act(plan.event.threadKey, plan.event.action, plan.event.actorId));
        } catch (error) {
          if (error instanceof ConflictError || error instanceof NotFoundError) {
            return { messages: [notice(error.message)], visibleTo: plan.event.actorId, ended: false };
          }
          throw error;
        }
      case "messages": {
        const first = plan.events[0];
        if (!first) return { messages: [], ended: false };
        try {
          const reply = await engine.receiveBurst(first.threadKey, plan.events);
          return reply ? fromReply(reply) : { messages: [], ended: false };
        } catch (error) {
          // The thread's interview expired between intake and now: nothing to answer.
          if (error instanceof NotFoundError) return { messages: [], ended: false };
          throw error;
        }
      }
    }
  }

  private explain(error: unknown, plan: TurnPlan, threadKey: string): Outcome {
    const log = this.options.logger.child({ sessionKey: threadKey });
    if (error instanceof UnreadableSessionError) {
      this.options.metrics.error("unreadable-session");
      log.warn({ reason: error.reason, detail: error.detail }, "session unreadable");
      return { messages: [{ kind: "error", paragraphs: [error.message] }], ended: false };
    }
    if (isAppError(error)) {
      // Bad level or problem, and the like: the candidate reads why.
      return { messages: [{ kind: "error", paragraphs: [error.message] }], ended: false };
    }
    this.options.metrics.error("unexpected");
    log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error), turn: plan.kind }, "turn failed");
    return { messages: [{ kind: "error", paragraphs: [UNEXPECTED_MESSAGE] }], ended: false };
  }

  private async consume(lease: Lease, count: number): Promise<void> {
    if (!(await lease.trim(count))) throw new LockLostError(lease.threadKey);
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

function fromReply(reply: Reply): Outcome {
  return { messages: reply.messages, session: reply.session, ended: reply.ended };
}

function notice(text: string): OutgoingMessage {
  return { kind: "notice", paragraphs: [text] };
}

function turnKind(plan: TurnPlan): TurnKind | undefined {
  switch (plan.kind) {
    case "start":
      return "start";
    case "action":
      return "action";
    case "messages":
      return plan.command ? "command" : "answer";
    case "unreadable":
      return undefined;
  }
}
