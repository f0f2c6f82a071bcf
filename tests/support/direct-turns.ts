import { randomUUID } from "node:crypto";
import type { Clock } from "../../src/core/clock.js";
import type { Content } from "../../src/engine/context.js";
import { decide, type TurnInput } from "../../src/engine/decide.js";
import { parseCommand } from "../../src/domain/commands.js";
import { OfflineInterviewer } from "../../src/voice/interviewer/offline.js";
import { recordTurn } from "../../src/pipeline/record.js";
import type { SessionStore } from "../../src/ports/sessions.js";

/**
 * Plays turns straight into a session store (decide → offline interviewer → record → save), for
 * tests that need past interviews in storage rather than a conversation in a thread.
 */
export class DirectTurns {
  private readonly interviewer = new OfflineInterviewer();

  constructor(
    private readonly store: SessionStore,
    private readonly content: Content,
    private readonly clock: Clock,
  ) {}

  async start(threadKey: string, candidate: { id: string; name: string }, request: { level?: string; problem?: string } = {}): Promise<void> {
    await this.play(threadKey, { kind: "start", id: randomUUID(), threadKey, candidate, ...request });
  }

  /** A message from `authorId`: a command when it is one as a whole, else an answer. */
  async say(threadKey: string, authorId: string, text: string): Promise<void> {
    const command = parseCommand(text);
    await this.play(threadKey, command ? { kind: "command", authorId, command } : { kind: "answers", messages: [{ authorId, text }] });
  }

  private async play(threadKey: string, input: TurnInput): Promise<void> {
    const decision = decide(await this.store.get(threadKey), input, this.clock.now(), this.content);
    if (decision.kind !== "turn") throw new Error(`no turn for ${input.kind} in ${threadKey}: ${decision.kind}`);
    const { turn, candidateText } = decision;
    const problem = turn.session.problemId ? this.content.bank.find(turn.session.problemId) : undefined;
    const reply = await this.interviewer.write({ session: turn.session, problem, beats: turn.beats, candidateText });
    await this.store.save(recordTurn(turn, reply, candidateText, this.clock.now(), this.content).session);
  }
}
