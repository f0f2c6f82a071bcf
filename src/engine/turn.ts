import type { Claim } from "./analysis/claims.js";
import { wordCount } from "./analysis/sentences.js";
import type { Problem } from "../content/schemas.js";
import { graphemePrefix } from "../core/text/clip.js";
import type { Command } from "../domain/commands.js";
import type { Focus } from "../domain/focus.js";
import type { Content } from "./context.js";
import type { Level } from "../content/levels.js";
import { ADAPT_AFTER, DEFAULT_LEVEL, MAX_MESSAGE_CHARS, PHASE_GOALS, STRONG_ANSWER, WEAK_ANSWER } from "./phase-goals.js";
import { hintPhaseFor, isHintedPhase, nextPhase, PHASE_SPECS, type Phase } from "../content/phases.js";
import type { Beat, PhaseChangeReason } from "./plan.js";
import { clarifyingFacts, introBeats, nextQuestion, phaseGoal } from "./questions.js";
import { credited, disputedIn, judgeAnswer } from "./judging.js";
import { detectLevel } from "./selection.js";
import { readDiagram } from "./analysis/diagram/read.js";
import { drawingBeat } from "./drawing.js";
import { candidateAnswers, SESSION_SCHEMA_VERSION, type Candidate, type Difficulty, type Session } from "../domain/session.js";

/**
 * The pure core of the engine: given a session and an input, the next session and the beats to
 * say. No I/O, no clock reads (`now` is passed in), so pacing, hints and adaptation are testable.
 */
export interface Turn {
  session: Session;
  beats: Beat[];
}

export interface BeginInput {
  id: string;
  threadKey: string;
  candidate: Candidate;
  level?: Level | undefined;
  problemId?: string | undefined;
  /** Weak spots from past scorecards for this interview to lean on. */
  focus?: Focus | undefined;
  now: number;
}

export function begin(input: BeginInput, content: Content): Turn {
  const problem = input.problemId ? content.bank.resolve(input.problemId) : undefined;
  const session: Session = {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id: input.id,
    threadKey: input.threadKey,
    candidate: input.candidate,
    level: input.level ?? null,
    domain: null,
    problemId: problem?.id ?? null,
    phase: "selection",
    difficulty: "standard",
    startedAt: input.now,
    phaseStartedAt: input.now,
    endedAt: null,
    hintRungs: {},
    followUpsGiven: 0,
    simplificationsGiven: 0,
    probesAsked: [],
    guidingAsked: [],
    areasAsked: [],
    deepDiveQuestionsAsked: [],
    nudged: [],
    phaseTurns: 0,
    levelAttempts: 0,
    weakStreak: 0,
    strongStreak: 0,
    transcript: [],
    ...(input.focus ? { focus: input.focus } : {}),
    interviewer: { offline: false, failures: 0, promptTokens: 0, completionTokens: 0, goalMetIn: null },
    findings: [],
    assessments: [],
  };
  const beats: Beat[] = [{ kind: "greeting", candidateName: input.candidate.name }];
  const focus = input.focus ? focusBeat(input.focus, content) : undefined;
  if (focus) beats.push(focus);
  if (!input.level) {
    beats.push({ kind: "ask-level", retry: false });
    return { session, beats };
  }
  return present(session, beats, input.level, problem, content, input.now);
}

export interface TurnLimits {
  /** Tokens the interviewer may spend on one interview; when used up the interview wraps up. */
  tokenBudget?: number | undefined;
}

/** A candidate's answer (a burst of messages arrives here joined). */
export function answer(previous: Session, rawText: string, now: number, content: Content, limits: TurnLimits = {}): Turn {
  const beats: Beat[] = [];
  let text = rawText.trim();
  if (text.length > MAX_MESSAGE_CHARS) {
    text = graphemePrefix(text, MAX_MESSAGE_CHARS);
    beats.push({ kind: "truncated", limit: MAX_MESSAGE_CHARS });
  }
  let session: Session = {
    ...previous,
    phaseTurns: previous.phaseTurns + 1,
    transcript: [...previous.transcript, { role: "candidate", kind: "answer", text, phase: previous.phase, at: now }],
  };

  if (session.phase === "selection") return select(session, text, beats, content, now);
  const problem = currentProblem(session, content);
  if (session.phase === "presentation") {
    // The candidate's first words after the problem statement open requirements gathering.
    session = { ...enterPhase(session, "requirements", now), phaseTurns: 1 };
  }
  const drawing = readDiagram(text);
  // A drawing that could not be drawn says why first; the answer still counts as text.
  if (drawing.kind === "invalid" || drawing.kind === "refused") {
    const refusal = drawingBeat(drawing, [], new Set(), content);
    if (refusal) beats.push(refusal);
  }
  // Judgement first: a wrong claim in this answer is challenged now, before anything planned.
  const judged = judgeAnswer(session, text, problem, content);
  session = judged.session;
  beats.push(...judged.revisions);
  const challenging = judged.challenges.length > 0;
  if (session.phase === "wrap-up") {
    beats.push(...(challenging ? judged.challenges : [{ kind: "wrap-up-done" } as const]));
    return { session, beats };
  }

  const mentionedBefore = credited(candidateAnswers(previous), content);
  const claims = content.analyser.analyse(text).flatMap((sentence) => sentence.claims);
  const concepts = [...new Set(claims.filter((claim) => claim.stance !== "rejects").map((claim) => claim.concept))];
  const fresh = concepts.filter((concept) => !mentionedBefore.has(concept));
  const explainedFresh = fresh.filter((concept) => claims.some((claim) => claim.concept === concept && claim.depth === "explained"));
  const words = wordCount(text);
  const asksQuestion = /\?/.test(text);
  // A clarifying question is a good move, not a weak answer.
  const weak = !asksQuestion && (words <= WEAK_ANSWER.maxWords || (concepts.length === 0 && words <= WEAK_ANSWER.maxWordsWithoutConcepts));
  const strong = words >= STRONG_ANSWER.minWords && explainedFresh.length >= STRONG_ANSWER.minNewConcepts;
  session = {
    ...session,
    weakStreak: weak ? session.weakStreak + 1 : 0,
    strongStreak: strong ? session.strongStreak + 1 : 0,
  };

  // A drawing gets a reaction to the drawing instead of a bare acknowledgement.
  const drawn = drawing.kind === "diagram" ? drawingBeat(drawing, claims, mentionedBefore, content) : undefined;
  if (drawn) beats.push(drawn);
  else if (fresh.length > 0 && !challenging) beats.push({ kind: "acknowledge", concepts: fresh.slice(0, 3) });
  if (asksQuestion && problem) beats.push({ kind: "clarification", facts: clarifyingFacts(text, problem, session) });

  const mentioned = new Set([...mentionedBefore, ...concepts]);
  const phase = session.phase;
  if (!isHintedPhase(phase) || !problem) return { session, beats: [...beats, ...judged.challenges] };

  const minutes = (now - session.phaseStartedAt) / 60_000;
  const goal = phaseGoal(session, mentioned, content);
  const used = session.interviewer.promptTokens + session.interviewer.completionTokens;
  if (limits.tokenBudget !== undefined && used >= limits.tokenBudget) {
    return advanceTo(session, "wrap-up", "budget", [...beats, ...judged.challenges], problem, mentioned, content, now);
  }
  // The LLM may recognise a finished phase in words the concept patterns miss; the minimum turns still hold.
  const judgedDone = session.interviewer.goalMetIn === phase && session.phaseTurns >= PHASE_GOALS[phase].minTurns;
  let advance: PhaseChangeReason | null = goal.met || judgedDone ? "goal-met" : goal.outOfTurns ? "turns" : null;
  // A claim still in dispute means the phase did not do what was wanted, whatever it covered.
  if (advance === "goal-met" && disputedIn(session)) advance = "turns";
  const budget = PHASE_SPECS[phase].budget.max;
  if (!advance && minutes > budget) {
    // Over time: one gentle nudge, then move on at the next answer.
    if (session.nudged.includes(phase)) advance = "time";
    else {
      session = { ...session, nudged: [...session.nudged, phase] };
      beats.push({ kind: "nudge", phase, minutes: Math.round(minutes), budget });
    }
  }

  // A challenge is this turn's question and the phase waits for the answer, unless the phase is out
  // of turns or past its time: then it moves on and the claim is put at the next turn instead, so a
  // stream of disputed claims cannot hold an interview in one phase for ever.
  const limit = PHASE_GOALS[phase];
  const forced = session.phaseTurns >= limit.maxTurns + CHALLENGE_GRACE.turns || (minutes > budget + CHALLENGE_GRACE.minutes && previous.nudged.includes(phase));
  if (challenging && !forced) return { session, beats: [...beats, ...judged.challenges] };
  if (challenging) session = deferChallenges(session, judged.challenges);

  // A strong, fast candidate gets the problem's follow-up constraints (seed 001's adaptive rules),
  // at most one per phase so the design still moves forward.
  const fast = goal.covered && minutes < PHASE_SPECS[phase].budget.min;
  const stretchedHere = session.transcript.some((entry) => entry.kind === "follow-up" && entry.phase === phase);
  if ((session.strongStreak >= ADAPT_AFTER || (strong && fast)) && !stretchedHere && session.difficulty !== "gentle" && phase !== "requirements") {
    const followUp = problem.followUps[session.followUpsGiven];
    if (followUp) {
      session = { ...session, followUpsGiven: session.followUpsGiven + 1, difficulty: "stretch", strongStreak: 0 };
      beats.push({ kind: "follow-up", ...followUp, requested: false });
      return { session, beats };
    }
  }

  if (advance) return advanceTo(session, nextPhase(phase), advance, beats, problem, mentioned, content, now);

  // Two weak replies in a row: make the problem easier before asking anything else.
  if (session.weakStreak >= ADAPT_AFTER && session.difficulty !== "gentle") {
    const simplification = problem.simplifications[session.simplificationsGiven];
    if (simplification) {
      session = {
        ...session,
        simplificationsGiven: session.simplificationsGiven + 1,
        difficulty: "gentle",
        weakStreak: 0,
      };
      beats.push({ kind: "simplification", text: simplification, requested: false });
    }
  }
  // What the drawing leaves out is this turn's question, once per gap.
  const gap = drawn?.kind === "diagram" ? drawn.gaps.find((candidate) => !session.probesAsked.includes(`drawing:${candidate}`)) : undefined;
  if (drawn?.kind === "diagram" && gap) {
    const asking: Beat = { ...drawn, gaps: [gap, ...drawn.gaps.filter((other) => other !== gap)], ask: true };
    return { session: { ...session, probesAsked: [...session.probesAsked, `drawing:${gap}`] }, beats: beats.map((beat) => (beat === drawn ? asking : beat)) };
  }
  const unpack = drawn ? undefined : unpackBeat(session, claims, content);
  if (unpack) return { session: unpack.session, beats: [...beats, unpack.beat] };
  const asked = nextQuestion(session, problem, mentioned, weak, content);
  return { session: asked.session, beats: [...beats, ...asked.beats] };
}

/** A command typed or pressed; the session must not have ended. */
export function command(previous: Session, name: Command, now: number, content: Content): Turn {
  const session: Session = {
    ...previous,
    transcript: [...previous.transcript, { role: "candidate", kind: "command", text: name, phase: previous.phase, at: now }],
  };
  const problem = previous.problemId ? currentProblem(previous, content) : undefined;
  switch (name) {
    case "help":
      return { session, beats: [{ kind: "help" }] };
    case "end":
      return { session: { ...enterPhase(session, "ended", now), endedAt: now }, beats: [{ kind: "closing" }] };
    case "hint":
      return nextHint(session, content);
    case "next": {
      if (session.phase === "selection") return { session, beats: [{ kind: "needs-level" }] };
      if (!problem || session.phase === "wrap-up") return { session, beats: [{ kind: "wrap-up-done" }] };
      return advanceTo(session, nextPhase(session.phase), "command", [], problem, credited(candidateAnswers(session), content), content, now);
    }
    case "harder":
    case "easier":
      if (session.phase === "selection" || !problem) return { session, beats: [{ kind: "needs-level" }] };
      return adapt(session, name, problem, content, now);
  }
}

/** The next rung of the current phase's hint ladder, recorded on the session. */
export function nextHint(session: Session, content: Content): Turn {
  const phase = hintPhaseFor(session.phase);
  const problem = session.problemId ? content.bank.find(session.problemId) : undefined;
  if (!phase || !problem) return { session, beats: [{ kind: "no-hint-here" }] };
  const shown = session.hintRungs[phase] ?? 0;
  const ladder = problem.hints[phase];
  const text = ladder?.[shown];
  if (!ladder || text === undefined) return { session, beats: [{ kind: "hint-exhausted", phase }] };
  const rung = shown + 1;
  return {
    session: { ...session, hintRungs: { ...session.hintRungs, [phase]: rung } },
    beats: [{ kind: "hint", phase, rung, text }],
  };
}

function adapt(session: Session, direction: "harder" | "easier", problem: Problem, content: Content, now: number): Turn {
  const difficulty: Difficulty = direction === "harder" ? (session.difficulty === "gentle" ? "standard" : "stretch") : session.difficulty === "stretch" ? "standard" : "gentle";
  // Before any answer, a different problem is the honest adjustment; afterwards, change the constraints.
  if (session.phase === "presentation" && session.level) {
    const other = content.bank.shift(problem, direction, session.id);
    if (other) {
      const moved = { ...session, problemId: other.id, difficulty, phaseStartedAt: now };
      return { session: moved, beats: [{ kind: "switch-problem", direction, problem: other, level: session.level }] };
    }
  }
  if (direction === "harder") {
    const followUp = problem.followUps[session.followUpsGiven];
    if (!followUp) return { session, beats: [{ kind: "nothing-more", what: "harder" }] };
    return {
      session: { ...session, difficulty, followUpsGiven: session.followUpsGiven + 1 },
      beats: [{ kind: "follow-up", ...followUp, requested: true }],
    };
  }
  const simplification = problem.simplifications[session.simplificationsGiven];
  if (!simplification) return { session, beats: [{ kind: "nothing-more", what: "easier" }] };
  return {
    session: { ...session, difficulty, simplificationsGiven: session.simplificationsGiven + 1 },
    beats: [{ kind: "simplification", text: simplification, requested: true }],
  };
}

function select(session: Session, text: string, beats: Beat[], content: Content, now: number): Turn {
  const level = detectLevel(text);
  const domainProblem = content.bank.matchDomain(text);
  const withDomain = { ...session, domain: domainProblem ? graphemePrefix(text, 200) : session.domain };
  if (level) return present(withDomain, beats, level, session.problemId ? content.bank.find(session.problemId) : domainProblem && domainProblem.levels.includes(level) ? domainProblem : undefined, content, now);
  const attempts = session.levelAttempts + 1;
  if (attempts < 2) return { session: { ...withDomain, levelAttempts: attempts }, beats: [...beats, { kind: "ask-level", retry: true }] };
  beats.push({ kind: "level-assumed", level: DEFAULT_LEVEL });
  return present({ ...withDomain, levelAttempts: attempts }, beats, DEFAULT_LEVEL, session.problemId ? content.bank.find(session.problemId) : domainProblem, content, now);
}

function present(session: Session, beats: Beat[], level: Level, chosen: Problem | undefined, content: Content, now: number): Turn {
  const problem = chosen ?? content.bank.pick(level, { domain: session.domain, seed: session.id });
  const presented = { ...enterPhase(session, "presentation", now), level, problemId: problem.id };
  beats.push({ kind: "present", problem, level, offLevel: !problem.levels.includes(level) });
  return { session: presented, beats };
}

function advanceTo(
  session: Session,
  phase: Phase,
  reason: PhaseChangeReason,
  beats: Beat[],
  problem: Problem,
  mentioned: ReadonlySet<string>,
  content: Content,
  now: number,
): Turn {
  const entered = enterPhase(session, phase, now);
  const intro = introBeats(entered, problem, mentioned, reason, content);
  return { session: intro.session, beats: [...beats, ...intro.beats] };
}

/** How far past its turns or its time a phase may be held open by challenges before it moves on regardless. */
const CHALLENGE_GRACE = { turns: 4, minutes: 10 } as const;

/** Challenges not put this turn wait, open, for the next one. */
function deferChallenges(session: Session, challenges: readonly Beat[]): Session {
  const deferred = new Set(challenges.flatMap((beat) => (beat.kind === "challenge" ? [beat.finding.id] : [])));
  return { ...session, findings: session.findings.map((finding) => (deferred.has(finding.id) ? { ...finding, status: "open" } : finding)) };
}

/** Named components with no reasoning behind any of them ask for more than the next question. */
const UNPACK = { minNamed: 3, perInterview: 2, maxName: 30 } as const;

function unpackBeat(session: Session, claims: readonly Claim[], content: Content): { session: Session; beat: Beat } | undefined {
  const proposed = claims.filter((claim) => claim.stance === "proposes");
  const named = proposed.filter((claim) => claim.depth === "named");
  if (new Set(named.map((claim) => claim.concept)).size < UNPACK.minNamed || proposed.some((claim) => claim.depth === "explained")) return undefined;
  const marker = `unpack:${session.phase}`;
  const given = session.probesAsked.filter((id) => id.startsWith("unpack:"));
  if (given.includes(marker) || given.length >= UNPACK.perInterview) return undefined;
  // In the candidate's own words, from the parts of the design (not habits such as "trade-offs").
  const parts = named.filter((claim) => content.matcher.areaOf(claim.concept) !== undefined);
  // Short names only ("Kafka", "a feature store"): a pattern can span more than a name.
  const names = (parts.length >= 2 ? parts : named).map((claim) => claim.words.trim()).filter((name) => name.length > 0 && name.length <= UNPACK.maxName);
  const words = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()].slice(0, 2);
  if (words.length < 2) return undefined;
  return { session: { ...session, probesAsked: [...session.probesAsked, marker] }, beat: { kind: "unpack", concepts: words } };
}

/** The focus in the rubric's own words; nothing to say when it names nothing. */
function focusBeat(focus: Focus, content: Content): Beat | undefined {
  const dimensions = focus.dimensions.flatMap((id) => content.rubric.dimensions.filter((dimension) => dimension.id === id));
  const areas = focus.areas.flatMap((id) => content.rubric.areas.filter((area) => area.id === id));
  return dimensions.length || areas.length ? { kind: "focus", dimensions, areas } : undefined;
}

function enterPhase(session: Session, phase: Phase, now: number): Session {
  return { ...session, phase, phaseStartedAt: now, phaseTurns: 0, weakStreak: 0, strongStreak: 0 };
}

function currentProblem(session: Session, content: Content): Problem | undefined {
  return session.problemId ? content.bank.find(session.problemId) : undefined;
}
