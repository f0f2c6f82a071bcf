import type { Logger } from "../ops/logger.js";
import type { Metrics } from "../ops/metrics.js";
import { showsPlaceholder, type Poster } from "../ports/poster.js";
import { ActionEventSchema, MessageEventSchema, StartEventSchema, type ActionEvent, type InboxEvent, type MessageEvent, type StartEvent } from "../ports/events.js";
import type { Intake, IntakeOutcome } from "../ports/intake.js";
import type { Inbox } from "../ports/inbox.js";
import type { Placeholders } from "../ports/placeholders.js";
import type { TurnCoordinator } from "./coordinator.js";

export const INTAKE_DOWN_MESSAGE = "I can't reach my storage right now, so I couldn't take that in. Please send it again shortly.";

/** Most threads remembered as hosting an interview (see `known`). */
const KNOWN_THREADS_LIMIT = 10_000;

export interface TurnIntakeOptions {
  inbox: Inbox;
  /** Without it, no "thinking…" placeholder is shown. */
  placeholders?: Placeholders;
  coordinator: TurnCoordinator;
  poster: Poster;
  metrics: Metrics;
  logger: Logger;
  burstWindowMs: number;
}

/**
 * Takes platform events in: each is recorded once in its thread's inbox (a retried delivery is a
 * duplicate), then the coordinator answers the burst. When storage is down the user is told at once.
 */
export class TurnIntake implements Intake {
  /**
   * Threads seen hosting an interview, with their candidate when known. During an outage storage
   * cannot say whether a thread is ours or whose it is: answering every chat message in the
   * workspace, or telling a teammate's remark to be sent again, would be worse than silence.
   */
  private readonly known = new Map<string, string | undefined>();
  private closed = false;

  constructor(private readonly options: TurnIntakeOptions) {}

  async message(event: MessageEvent): Promise<IntakeOutcome> {
    const parsed = MessageEventSchema.parse(event);
    if (parsed.text.trim().length === 0) return "ignored";
    return this.take({ kind: "message", ...parsed }, this.options.burstWindowMs);
  }

  async action(event: ActionEvent): Promise<IntakeOutcome> {
    return this.take({ kind: "action", ...ActionEventSchema.parse(event) }, 0);
  }

  async start(event: StartEvent): Promise<IntakeOutcome> {
    return this.take({ kind: "start", ...StartEventSchema.parse(event) }, 0);
  }

  async probe(): Promise<"ready" | "unavailable" | "closed"> {
    if (this.closed) return "closed";
    try {
      await this.options.inbox.ping();
      return "ready";
    } catch (error) {
      this.options.metrics.error("storage-down");
      this.options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "start refused: storage down");
      return "unavailable";
    }
  }

  /** Stops taking events in (shutdown); platforms redeliver what they could not hand over. */
  close(): void {
    this.closed = true;
  }

  private async take(event: InboxEvent, delayMs: number): Promise<IntakeOutcome> {
    if (this.closed) return "closed";
    const { threadKey } = event;
    let outcome: "queued" | "duplicate" | "ignored";
    let candidateId: string | undefined;
    try {
      ({ outcome, candidateId } = await this.options.inbox.takeIn(event));
    } catch (error) {
      this.options.metrics.error("storage-down");
      this.options.logger.warn({ sessionKey: threadKey, event: event.kind, err: error instanceof Error ? error.message : String(error) }, "event not taken in: storage down");
      const told = this.whoToTell(event);
      if (told) await this.tell(event.threadKey, told, INTAKE_DOWN_MESSAGE);
      return "unavailable";
    }
    if (outcome !== "ignored") this.remember(threadKey, candidateId ?? (event.kind === "start" ? event.candidate.id : undefined));
    if (outcome === "queued") {
      this.options.coordinator.schedule(threadKey, delayMs);
      if (event.kind === "message" && event.authorId === candidateId) void this.showPlaceholder(threadKey);
    }
    this.options.logger.debug({ sessionKey: threadKey, event: event.kind, outcome }, "event taken in");
    return outcome;
  }

  /** The candidate sees at once that an answer is coming; one placeholder per burst. */
  private async showPlaceholder(threadKey: string): Promise<void> {
    const { placeholders, poster } = this.options;
    if (!placeholders || !poster.placeholder || !showsPlaceholder(poster, threadKey)) return;
    try {
      if (!(await placeholders.claim(threadKey))) return;
      const ref = await poster.placeholder(threadKey);
      if (ref) await placeholders.shown(threadKey, ref);
      else await placeholders.abandon(threadKey);
    } catch (error) {
      // A missing placeholder costs nothing but the candidate's patience; the reply still comes.
      this.options.logger.debug({ sessionKey: threadKey, err: error instanceof Error ? error.message : String(error) }, "no placeholder shown");
    }
  }

  /**
   * Who hears that an event was not taken in: the candidate of a thread known to be theirs. A
   * start's opener tells its caller itself (openInterview). A press on a thread whose candidate this
   * process has not learnt is answered too, since the presser saw the button do nothing; a message
   * there may be anyone's chatter, so it is not.
   */
  private whoToTell(event: InboxEvent): string | undefined {
    if (event.kind === "start") return undefined;
    const candidate = this.known.get(event.threadKey);
    if (event.kind === "message") return candidate === event.authorId ? event.authorId : undefined;
    return candidate === undefined || candidate === event.actorId ? event.actorId : undefined;
  }

  private async tell(threadKey: string, visibleTo: string, text: string): Promise<void> {
    try {
      await this.options.poster.post(threadKey, { kind: "error", paragraphs: [text] }, { visibleTo });
    } catch (error) {
      this.options.metrics.error("post-failed");
      this.options.logger.warn({ sessionKey: threadKey, err: error instanceof Error ? error.message : String(error) }, "could not post the outage notice");
    }
  }

  /** `candidate`: the thread's candidate as storage last said; undefined keeps what was known. */
  private remember(threadKey: string, candidate: string | undefined): void {
    const known = candidate ?? this.known.get(threadKey);
    this.known.delete(threadKey);
    this.known.set(threadKey, known);
    if (this.known.size > KNOWN_THREADS_LIMIT) {
      const oldest = this.known.values().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}
