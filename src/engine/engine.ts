import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import { parseLevel } from "../content/bank.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Interviewer } from "../interviewer/port.js";
import { ACTIONS, type Action, type OutgoingMessage } from "../messages/message.js";
import type { SessionStore } from "../store/port.js";
import { parseCommand, type Command } from "./commands.js";
import type { Content } from "./context.js";
import type { Focus } from "./focus.js";
import { PHASE_SPECS } from "./phases.js";
import type { Beat, BeatKind } from "./plan.js";
import { candidateAnswers, type Candidate, type EntryKind, type Session } from "./session.js";
import type { Problem } from "../content/schemas.js";
import { MODEL_FINDING_WORDS } from "../interviewer/lines.js";
import type { ModelClaim } from "../judgement/finding.js";
import { verifyClaims } from "../judgement/verify.js";
import { answer, begin, command, type Turn } from "./turn.js";

export interface EngineDeps {
  store: SessionStore;
  interviewer: Interviewer;
  content: Content;
  clock: Clock;
  /** Makes each interview's own colon-free id. */
  newId?: () => string;
  /** Tokens the interviewer may spend per interview (MAX_TOKENS_PER_INTERVIEW); unset means no budget. */
  tokenBudget?: number | undefined;
}

export interface StartRequest {
  threadKey: string;
  candidate: Candidate;
  /** As typed by the user; validated here so every adapter reports bad input the same way. */
  level?: string | undefined;
  problem?: string | undefined;
  /** A focused follow-up's weak spots (`/mock-interview focus`), from the candidate's past scorecards. */
  focus?: Focus | undefined;
}

/** What a turn produced: the saved session and the messages to post, in order. */
export interface Reply {
  session: Session;
  messages: OutgoingMessage[];
  /** True on the turn that ended the interview: time to produce the summary. */
  ended: boolean;
}

export interface IncomingMessage {
  authorId: string;
  text: string;
}

/**
 * Runs interviews: loads the session for a thread, lets the pure turn logic decide, has the
 * interviewer put the decision into words, records them, saves, and returns messages to post.
 */
export class InterviewEngine {
  private readonly newId: () => string;

  constructor(private readonly deps: EngineDeps) {
    this.newId = deps.newId ?? (() => randomUUID());
  }

  get content(): Content {
    return this.deps.content;
  }

  /** Opens an interview in a thread: greeting and first question at once. */
  async start(request: StartRequest): Promise<Reply> {
    const level = request.level ? parseLevel(request.level) : undefined;
    const problem = request.problem ? this.deps.content.bank.resolve(request.problem) : undefined;
    const existing = await this.deps.store.get(request.threadKey);
    if (existing && existing.phase !== "ended") {
      throw new ConflictError("An interview is already running in this thread. Finish it with end first.");
    }
    const turn = begin(
      { id: this.newId(), threadKey: request.threadKey, candidate: request.candidate, level, problemId: problem?.id, focus: request.focus, now: this.deps.clock.now() },
      this.deps.content,
    );
    return this.finish(turn, null);
  }

  /** A message in the thread. Only the candidate's count; empty messages are ignored. */
  async receive(threadKey: string, message: IncomingMessage): Promise<Reply | null> {
    return this.receiveBurst(threadKey, [message]);
  }

  /**
   * Messages that arrived together, in order. Consecutive answers are answered once, as one turn;
   * commands among them still act one by one. Null when none of them was the candidate's.
   */
  async receiveBurst(threadKey: string, messages: readonly IncomingMessage[]): Promise<Reply | null> {
    let session = await this.load(threadKey);
    const texts = messages
      .filter((message) => message.authorId === session.candidate.id)
      .map((message) => message.text.trim())
      .filter((text) => text.length > 0);
    if (texts.length === 0) return null;
    if (session.phase === "ended") {
      return { session, messages: [notice("This interview has ended. Start a new one to practise again.")], ended: false };
    }
    const outgoing: OutgoingMessage[] = [];
    let answers: string[] = [];
    const flush = async () => {
      if (answers.length === 0) return;
      const text = answers.join("\n\n");
      answers = [];
      const limits = { tokenBudget: this.deps.tokenBudget };
      const reply = await this.finish(answer(session, text, this.deps.clock.now(), this.deps.content, limits), text);
      session = reply.session;
      outgoing.push(...reply.messages);
    };
    for (const text of texts) {
      const name = parseCommand(text);
      if (!name) {
        answers.push(text);
        continue;
      }
      await flush();
      const reply = await this.finish(command(session, name, this.deps.clock.now(), this.deps.content), null);
      session = reply.session;
      outgoing.push(...reply.messages);
      if (reply.ended) return { session, messages: outgoing, ended: true };
    }
    await flush();
    return { session, messages: outgoing, ended: false };
  }

  /** A button press; only the candidate may act on their interview. */
  async act(threadKey: string, action: Action, actorId: string): Promise<Reply> {
    const session = await this.load(threadKey);
    if (actorId !== session.candidate.id) {
      throw new ConflictError(`Only ${session.candidate.name}, the candidate, can use the interview's buttons.`);
    }
    if (session.phase === "ended") {
      return { session, messages: [notice("This interview has already ended.")], ended: false };
    }
    return this.finish(command(session, action satisfies Command, this.deps.clock.now(), this.deps.content), null);
  }

  async get(threadKey: string): Promise<Session | null> {
    return this.deps.store.get(threadKey);
  }

  private async load(threadKey: string): Promise<Session> {
    const session = await this.deps.store.get(threadKey);
    if (!session) throw new NotFoundError("There is no interview in this thread. Start one with /mock-interview.");
    return session;
  }

  /** The model's claims about the latest answer, verified against it and recorded; wrong ones wait to be challenged. */
  private verified(session: Session, claims: readonly ModelClaim[], candidateText: string, problem: Problem | undefined): Session {
    const answers = candidateAnswers(session);
    // The answer as stored (trimmed, cut to length), which is what quotes must be found in.
    const text = answers[answers.length - 1]?.text ?? candidateText;
    const { assessments, findings } = verifyClaims(claims, { text, answerIndex: answers.length - 1, phase: session.phase }, session.findings, problem, this.deps.content, MODEL_FINDING_WORDS);
    return { ...session, findings: [...session.findings, ...findings], assessments: [...session.assessments, ...assessments].slice(-MAX_ASSESSMENTS) };
  }

  private async finish(turn: Turn, candidateText: string | null): Promise<Reply> {
    const problem = turn.session.problemId ? this.deps.content.bank.find(turn.session.problemId) : undefined;
    const reply = await this.deps.interviewer.write({ session: turn.session, problem, beats: turn.beats, candidateText });
    const now = this.deps.clock.now();
    const judged = candidateText !== null && reply.claims?.length ? this.verified(turn.session, reply.claims, candidateText, problem) : turn.session;
    const session: Session = {
      ...judged,
      interviewer: { ...turn.session.interviewer, ...reply.state },
      transcript: [
        ...turn.session.transcript,
        { role: "interviewer", kind: entryKind(turn.beats), text: reply.text, phase: turn.session.phase, at: now },
      ],
    };
    await this.deps.store.save(session);
    const ended = session.phase === "ended";
    return { session, messages: [toMessage(session, turn.beats, reply.text, ended)], ended };
  }
}

/** Model judgements kept per interview; the oldest go first (the summary needs the recent ones). */
const MAX_ASSESSMENTS = 60;

const KIND_BY_BEAT: Partial<Record<BeatKind, EntryKind>> = {
  hint: "hint",
  challenge: "challenge",
  "follow-up": "follow-up",
  simplification: "simplification",
  probe: "probe",
  guiding: "guiding",
  present: "presentation",
  "switch-problem": "presentation",
  nudge: "nudge",
  closing: "closing",
  "phase-intro": "transition",
  greeting: "greeting",
};

/** The most telling kind among the turn's beats (a hint matters more than an acknowledgement). */
function entryKind(beats: readonly Beat[]): EntryKind {
  for (const kind of Object.keys(KIND_BY_BEAT) as BeatKind[]) {
    if (beats.some((beat) => beat.kind === kind)) return KIND_BY_BEAT[kind] ?? "question";
  }
  return "question";
}

function toMessage(session: Session, beats: readonly Beat[], text: string, ended: boolean): OutgoingMessage {
  const presented = beats.find((beat) => beat.kind === "present" || beat.kind === "switch-problem");
  const message: OutgoingMessage = {
    kind: "interviewer",
    heading: PHASE_SPECS[session.phase].title,
    paragraphs: text.split(/\n{2,}/).filter((paragraph) => paragraph.trim().length > 0),
  };
  if (presented && (presented.kind === "present" || presented.kind === "switch-problem")) {
    const { statement } = presented.problem;
    message.fields = [
      { label: "Objective", value: statement.objective },
      { label: "Data", value: statement.data.join("\n") },
      { label: "Scale", value: statement.scale.join("\n") },
      { label: "Constraints", value: statement.constraints.join("\n") },
    ];
  }
  if (!ended && session.phase !== "selection") message.actions = [...ACTIONS];
  return message;
}

function notice(text: string): OutgoingMessage {
  return { kind: "notice", paragraphs: [text] };
}
