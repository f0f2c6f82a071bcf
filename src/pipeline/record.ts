import type { Problem } from "../content/schemas.js";
import { MODEL_FINDING_WORDS } from "../voice/interviewer/lines.js";
import type { InterviewerReply } from "../voice/interviewer/port.js";
import { verifyClaims } from "../engine/judgement/verify.js";
import { ACTIONS, type OutgoingMessage } from "../core/messages/message.js";
import type { Content } from "../engine/context.js";
import { PHASE_SPECS } from "../content/phases.js";
import type { Beat, BeatKind } from "../engine/plan.js";
import { candidateAnswers, type EntryKind, type Session } from "../domain/session.js";
import type { Turn } from "../engine/turn.js";

/** Model judgements kept per interview; the oldest go first (the summary needs the recent ones). */
const MAX_ASSESSMENTS = 60;

/**
 * A voiced turn, recorded: the interviewer's words join the transcript, its state is kept, and the
 * model's claims about the answer count only once verified against the answer as stored.
 * Pure: the same turn and reply always give the same session and message.
 */
export function recordTurn(turn: Turn, reply: InterviewerReply, candidateText: string | null, now: number, content: Content): { session: Session; message: OutgoingMessage } {
  const problem = turn.session.problemId ? content.bank.find(turn.session.problemId) : undefined;
  const judged = candidateText !== null && reply.claims?.length ? verified(turn.session, reply, candidateText, problem, content) : turn.session;
  const session: Session = {
    ...judged,
    interviewer: { ...turn.session.interviewer, ...reply.state },
    transcript: [...turn.session.transcript, { role: "interviewer", kind: entryKind(turn.beats), text: reply.text, phase: turn.session.phase, at: now }],
  };
  return { session, message: toMessage(session, turn.beats, reply.text) };
}

function verified(session: Session, reply: InterviewerReply, candidateText: string, problem: Problem | undefined, content: Content): Session {
  const answers = candidateAnswers(session);
  // The answer as stored (trimmed, cut to length), which is what quotes must be found in.
  const text = answers[answers.length - 1]?.text ?? candidateText;
  const { assessments, findings } = verifyClaims(reply.claims ?? [], { text, answerIndex: answers.length - 1, phase: session.phase }, session.findings, problem, content, MODEL_FINDING_WORDS);
  return { ...session, findings: [...session.findings, ...findings], assessments: [...session.assessments, ...assessments].slice(-MAX_ASSESSMENTS) };
}

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

/** The heading of the interviewer's reply in a turn that leaves the interview in `session`'s phase. */
export function replyHeading(session: Pick<Session, "phase">): string {
  return PHASE_SPECS[session.phase].title;
}

function toMessage(session: Session, beats: readonly Beat[], text: string): OutgoingMessage {
  const presented = beats.find((beat) => beat.kind === "present" || beat.kind === "switch-problem");
  const message: OutgoingMessage = {
    kind: "interviewer",
    heading: replyHeading(session),
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
  if (session.phase !== "ended" && session.phase !== "selection") message.actions = [...ACTIONS];
  return message;
}
