import type { Candidate, Session } from "../domain/session.js";
import type { Focus } from "../domain/focus.js";
import type { IntakeOutcome } from "../ports/intake.js";
import type { Action } from "../core/messages/message.js";
import type { EmbeddedApp } from "./embedded.js";

/**
 * One thread of the embedded app, driven the way a person at a prompt does: each call hands one
 * event to the intake and waits until it is answered (replies arrive through the app's poster).
 * The terminal, the eval harness and the benches speak to the pipeline through it.
 */
export class LocalThread {
  private events = 0;

  constructor(
    private readonly app: EmbeddedApp,
    readonly threadKey: string,
    readonly candidate: Candidate,
  ) {}

  async start(request: { level?: string | undefined; problem?: string | undefined; focus?: Focus | undefined } = {}): Promise<IntakeOutcome> {
    const { level, problem, focus } = request;
    return this.settle(this.app.intake.start({ eventId: this.nextId(), threadKey: this.threadKey, candidate: this.candidate, level, problem, ...(focus ? { focus } : {}) }));
  }

  say(text: string, authorId: string = this.candidate.id): Promise<IntakeOutcome> {
    return this.settle(this.app.intake.message({ eventId: this.nextId(), threadKey: this.threadKey, authorId, text }));
  }

  press(action: Action, actorId: string = this.candidate.id): Promise<IntakeOutcome> {
    return this.settle(this.app.intake.action({ eventId: this.nextId(), threadKey: this.threadKey, actorId, action }));
  }

  session(): Promise<Session | null> {
    return this.app.sessions.get(this.threadKey);
  }

  async ended(): Promise<boolean> {
    return (await this.session())?.phase === "ended";
  }

  private async settle(taken: Promise<IntakeOutcome>): Promise<IntakeOutcome> {
    const outcome = await taken;
    await this.app.settled();
    return outcome;
  }

  private nextId(): string {
    this.events += 1;
    return `${this.threadKey}:event-${this.events}`;
  }
}
