import { expect } from "@jest/globals";
import { embeddedApp, type EmbeddedApp } from "../../src/app/embedded.js";
import { loadConfig } from "../../src/config/env.js";
import type { Reply } from "../../src/engine/engine.js";
import type { Session } from "../../src/engine/session.js";
import { plainText, type Action } from "../../src/messages/message.js";
import { ManualClock } from "./clock.js";

export const CANDIDATE = { id: "test:candidate", name: "Ada" } as const;
export const THREAD = "test:thread-1";

type Step = (state: Conversation) => Promise<void>;

/**
 * A tiny script language for interviews, in the spirit of botbuilder's TestFlow:
 * `await conversation({ level: "senior" }).send("…").expectReply(/metric/i)`.
 * It drives the real engine with the embedded defaults and a manual clock.
 */
export class Conversation implements PromiseLike<void> {
  readonly clock = new ManualClock();
  readonly app: EmbeddedApp;
  readonly replies: Reply[] = [];
  private readonly steps: Step[] = [];

  constructor(options: ConversationOptions) {
    const { env = {}, ...start } = options;
    this.app = embeddedApp(loadConfig(env), { clock: this.clock });
    this.steps.push(async () => {
      this.replies.push(await this.app.engine.start({ threadKey: THREAD, candidate: CANDIDATE, ...start }));
    });
  }

  send(text: string, authorId: string = CANDIDATE.id): this {
    this.steps.push(async () => {
      const reply = await this.app.engine.receive(THREAD, { authorId, text });
      if (reply) this.replies.push(reply);
    });
    return this;
  }

  press(action: Action): this {
    this.steps.push(async () => {
      this.replies.push(await this.app.engine.act(THREAD, action, CANDIDATE.id));
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

  lastText(): string {
    const last = this.replies[this.replies.length - 1];
    return last ? last.messages.map(plainText).join("\n\n") : "";
  }

  async session(): Promise<Session> {
    const session = await this.app.engine.get(THREAD);
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
}

export interface ConversationOptions {
  level?: string;
  problem?: string;
  /** Environment for the app's config, e.g. OPENAI_API_KEY and OPENAI_BASE_URL for the LLM interviewer. */
  env?: NodeJS.ProcessEnv;
}

export function conversation(options: ConversationOptions = {}): Conversation {
  return new Conversation(options);
}
