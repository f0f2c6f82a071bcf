import type { Logger } from "../ops/logger.js";
import type { Metrics } from "../ops/metrics.js";
import { showsPlaceholder, type Poster } from "../poster/port.js";
import type { TurnCoordinator } from "./coordinator.js";
import { ActionEventSchema, MessageEventSchema, StartEventSchema, type ActionEvent, type InboxEvent, type MessageEvent, type StartEvent } from "./events.js";
import type { Inbox } from "./inbox.js";
import type { Placeholders } from "./placeholders.js";
import type { Intake, IntakeOutcome } from "./port.js";

export const INTAKE_DOWN_MESSAGE = "I can't reach my storage right now, so I couldn't take that in. Please send it again shortly.";

/** Most threads remembered as hosting an interview (see `known`). */
const KNOWN_THREADS_LIMIT = 10_000;

export interface RedisIntakeOptions {
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
 * duplicate), then the coordinator answers the burst. When Redis is down the user is told at once.
 */
export class RedisIntake implements Intake {
  /**
   * Threads seen hosting an interview. During an outage Redis cannot say whether a thread is
   * ours, and answering every chat message in the workspace would be worse than silence.
   */
  private readonly known = new Set<string>();
  private closed = false;

  constructor(private readonly options: RedisIntakeOptions) {}

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
      if (event.kind !== "message" || this.known.has(threadKey)) await this.tell(event, INTAKE_DOWN_MESSAGE);
      return "unavailable";
    }
    if (outcome !== "ignored") this.remember(threadKey);
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

  private async tell(event: InboxEvent, text: string): Promise<void> {
    const visibleTo = event.kind === "message" ? event.authorId : event.kind === "action" ? event.actorId : event.candidate.id;
    try {
      await this.options.poster.post(event.threadKey, { kind: "error", paragraphs: [text] }, { visibleTo });
    } catch (error) {
      this.options.metrics.error("post-failed");
      this.options.logger.warn({ sessionKey: event.threadKey, err: error instanceof Error ? error.message : String(error) }, "could not post the outage notice");
    }
  }

  private remember(threadKey: string): void {
    this.known.delete(threadKey);
    this.known.add(threadKey);
    if (this.known.size > KNOWN_THREADS_LIMIT) {
      const oldest = this.known.values().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}
