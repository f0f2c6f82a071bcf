import { parseLevel } from "../content/bank.js";
import { isAppError } from "../core/errors.js";
import type { Action, OutgoingMessage } from "../core/messages/message.js";
import type { Command } from "../domain/commands.js";
import type { Content } from "./context.js";
import type { Focus } from "../domain/focus.js";
import type { Candidate, Session } from "../domain/session.js";
import { answer, begin, command, type Turn, type TurnLimits } from "./turn.js";

/**
 * What a thread's turn is asked to do, after the intake grouped its waiting events: every host
 * (Slack, Discord, the terminal) reaches the engine only through these.
 */
export type TurnInput =
  | { kind: "start"; id: string; threadKey: string; candidate: Candidate; level?: string | undefined; problem?: string | undefined; focus?: Focus | undefined }
  /** Consecutive messages of a burst, anyone's: only the candidate's count, answered once, joined. */
  | { kind: "answers"; messages: ReadonlyArray<{ authorId: string; text: string }> }
  /** A message that was one of the in-interview commands as a whole. */
  | { kind: "command"; authorId: string; command: Command }
  | { kind: "action"; actorId: string; action: Action };

/**
 * The engine's answer to one input:
 * - `turn`: the interview moves; the interviewer puts `turn.beats` into words (`candidateText` is the answer it responds to).
 * - `say`: the session stays as it is and this message answers (to `visibleTo` alone when set).
 * - `nothing`: not a turn at all (a teammate's chatter in the thread).
 */
export type Decision =
  | { kind: "turn"; turn: Turn; candidateText: string | null }
  | { kind: "say"; message: OutgoingMessage; visibleTo?: string }
  | { kind: "nothing" };

export const NO_INTERVIEW_HERE = "There is no interview in this thread. Start one with /mock-interview.";
export const INTERVIEW_RUNNING = "An interview is already running in this thread. Finish it with end first.";
export const INTERVIEW_ENDED = "This interview has ended. Start a new one to practise again.";
export const INTERVIEW_ALREADY_ENDED = "This interview has already ended.";

export function onlyTheCandidate(session: Session): string {
  return `Only ${session.candidate.name}, the candidate, can use the interview's buttons.`;
}

/**
 * The one place an input meets a session: who may act (the candidate, checked here and nowhere
 * else), whether the interview can take it, and the pure turn it makes. No I/O, no clock reads.
 */
export function decide(session: Session | null, input: TurnInput, now: number, content: Content, limits: TurnLimits = {}): Decision {
  switch (input.kind) {
    case "start":
      return start(session, input, now, content);
    case "answers": {
      if (!session) return { kind: "nothing" };
      const texts = input.messages
        .filter((message) => message.authorId === session.candidate.id)
        .map((message) => message.text.trim())
        .filter((text) => text.length > 0);
      if (texts.length === 0) return { kind: "nothing" };
      if (session.phase === "ended") return { kind: "say", message: notice(INTERVIEW_ENDED) };
      const text = texts.join("\n\n");
      return { kind: "turn", turn: answer(session, text, now, content, limits), candidateText: text };
    }
    case "command":
      if (!session || input.authorId !== session.candidate.id) return { kind: "nothing" };
      if (session.phase === "ended") return { kind: "say", message: notice(INTERVIEW_ENDED) };
      return { kind: "turn", turn: command(session, input.command, now, content), candidateText: null };
    case "action":
      if (!session) return { kind: "say", message: notice(NO_INTERVIEW_HERE), visibleTo: input.actorId };
      if (input.actorId !== session.candidate.id) return { kind: "say", message: notice(onlyTheCandidate(session)), visibleTo: input.actorId };
      if (session.phase === "ended") return { kind: "say", message: notice(INTERVIEW_ALREADY_ENDED) };
      return { kind: "turn", turn: command(session, input.action satisfies Command, now, content), candidateText: null };
  }
}

function start(existing: Session | null, input: Extract<TurnInput, { kind: "start" }>, now: number, content: Content): Decision {
  if (existing && existing.phase !== "ended") return { kind: "say", message: error(INTERVIEW_RUNNING) };
  try {
    // As typed by the user, validated here so every host reports bad input the same way.
    const level = input.level ? parseLevel(input.level) : undefined;
    const problem = input.problem ? content.bank.resolve(input.problem) : undefined;
    const turn = begin({ id: input.id, threadKey: input.threadKey, candidate: input.candidate, level, problemId: problem?.id, focus: input.focus, now }, content);
    return { kind: "turn", turn, candidateText: null };
  } catch (caught) {
    if (isAppError(caught)) return { kind: "say", message: error(caught.message) };
    throw caught;
  }
}

function notice(text: string): OutgoingMessage {
  return { kind: "notice", paragraphs: [text] };
}

function error(text: string): OutgoingMessage {
  return { kind: "error", paragraphs: [text] };
}
