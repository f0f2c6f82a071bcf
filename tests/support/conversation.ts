import { expect } from "@jest/globals";
import { embeddedApp, type EmbeddedApp } from "../../src/app/embedded.js";
import { loadConfig } from "../../src/config/env.js";
import type { Focus } from "../../src/domain/focus.js";
import type { Session } from "../../src/domain/session.js";
import type { IntakeOutcome } from "../../src/ports/intake.js";
import { plainText, type Action, type OutgoingMessage } from "../../src/core/messages/message.js";
import type { PostOptions } from "../../src/ports/poster.js";
import { ManualClock } from "./clock.js";

export const CANDIDATE = { id: "test:candidate", name: "Ada" } as const;
export const THREAD = "test:thread-1";

type Step = (state: Conversation) => Promise<void>;

/** What one step of the conversation brought to the thread. */
export interface StepReply {
  messages: OutgoingMessage[];
  /** Messages shown to one user alone, by user key. */
  private: Array<{ visibleTo: string; message: OutgoingMessage }>;
  /** Whether the interview had ended after this step. */
  ended: boolean;
  outcome: IntakeOutcome;
}

/**
 * A tiny script language for interviews, in the spirit of botbuilder's TestFlow:
 * `await conversation({ level: "senior" }).send("…").expectReply(/metric/i)`.
 * It drives the embedded app (the same intake and turn pipeline as the chat bot) with a manual
 * clock, and reads what was posted to the thread.
 */
export class Conversation implements PromiseLike<void> {
  readonly clock = new ManualClock();
  readonly app: EmbeddedApp;
  readonly replies: StepReply[] = [];
  private readonly steps: Step[] = [];
  private readonly posted: Array<{ message: OutgoingMessage; options: PostOptions | undefined }> = [];
  private events = 0;

  constructor(options: ConversationOptions) {
    const { env = {}, ...start } = options;
    const poster = {
      post: async (_threadKey: string, message: OutgoingMessage, postOptions?: PostOptions) => {
        this.posted.push({ message, options: postOptions });
      },
    };
    this.app = embeddedApp(loadConfig(env), { clock: this.clock, poster });
    this.steps.push(async () => {
      await this.step(() => this.app.intake.start({ eventId: this.eventId(), threadKey: THREAD, candidate: CANDIDATE, ...start }));
    });
  }

  send(text: string, authorId: string = CANDIDATE.id): this {
    this.steps.push(async () => {
      await this.step(() => this.app.intake.message({ eventId: this.eventId(), threadKey: THREAD, authorId, text }));
    });
    return this;
  }

  press(action: Action, actorId: string = CANDIDATE.id): this {
    this.steps.push(async () => {
      await this.step(() => this.app.intake.action({ eventId: this.eventId(), threadKey: THREAD, actorId, action }));
    });
    return this;
  }

  /** Asks for another interview in the same thread, as a second /mock-interview would. */
  restart(): this {
    this.steps.push(async () => {
      await this.step(() => this.app.intake.start({ eventId: this.eventId(), threadKey: THREAD, candidate: CANDIDATE }));
    });
    return this;
  }

  wait(minutes: number): this {
    this.steps.push(async () => this.clock.advanceMinutes(minutes));
    return this;
  }

  expectReply(pattern: RegExp): this {
    this.steps.push(async () => expect(this.lastText()).toMatch(pattern));
    return this;
  }

  expectPhase(phase: Session["phase"]): this {
    this.steps.push(async () => expect((await this.session()).phase).toBe(phase));
    return this;
  }

  check(assertion: (conversation: Conversation) => void | Promise<void>): this {
    this.steps.push(async (state) => assertion(state));
    return this;
  }

  /** The public messages of the latest step that posted any (scorecards excluded: they come from the summary job). */
  lastText(): string {
    const last = [...this.replies].reverse().find((reply) => reply.messages.length > 0);
    return last ? last.messages.map(plainText).join("\n\n") : "";
  }

  async session(): Promise<Session> {
    const session = await this.app.sessions.get(THREAD);
    if (!session) throw new Error("no session in the test thread");
    return session;
  }

  /** Runs the queued steps. Resolves to nothing: resolving to the thenable itself would recurse. */
  then<R1 = void, R2 = never>(
    onFulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const run = async (): Promise<void> => {
      for (const step of this.steps.splice(0)) await step(this);
    };
    return run().then(onFulfilled, onRejected);
  }

  private async step(send: () => Promise<IntakeOutcome>): Promise<void> {
    const from = this.posted.length;
    const outcome = await send();
    await this.app.settled();
    const posted = this.posted.slice(from);
    const ended = (await this.app.sessions.get(THREAD))?.phase === "ended";
    this.replies.push({
      messages: posted.filter(({ message, options }) => !options?.visibleTo && message.kind !== "summary").map(({ message }) => message),
      private: posted.flatMap(({ message, options }) => (options?.visibleTo ? [{ visibleTo: options.visibleTo, message }] : [])),
      ended,
      outcome,
    });
  }

  private eventId(): string {
    this.events += 1;
    return `test-event-${this.events}`;
  }
}

export interface ConversationOptions {
  level?: string;
  problem?: string;
  focus?: Focus;
  /** Environment for the app's config, e.g. OPENAI_API_KEY and OPENAI_BASE_URL for the LLM interviewer. */
  env?: NodeJS.ProcessEnv;
}

export function conversation(options: ConversationOptions = {}): Conversation {
  return new Conversation(options);
}
