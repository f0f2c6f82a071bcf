import type { AreaId, Problem, Trigger } from "../content/schemas.js";
import type { Content } from "./context.js";
import { PHASE_GOALS } from "./phase-goals.js";
import { isHintedPhase, nextPhase, PHASES, type Phase } from "../content/phases.js";
import type { Beat, PhaseChangeReason } from "./plan.js";
import type { Session } from "../domain/session.js";

interface Asked {
  session: Session;
  beats: Beat[];
}

/** Areas with at least one concept the candidate has mentioned. */
export function coveredAreas(mentioned: ReadonlySet<string>, content: Content): Set<AreaId> {
  const areas = new Set<AreaId>();
  for (const concept of mentioned) {
    const area = content.matcher.areaOf(concept);
    if (area) areas.add(area);
  }
  return areas;
}

export function triggerHolds(trigger: Trigger, mentioned: ReadonlySet<string>): boolean {
  return (
    trigger.all.every((concept) => mentioned.has(concept)) &&
    (trigger.any.length === 0 || trigger.any.some((concept) => mentioned.has(concept))) &&
    trigger.none.every((concept) => !mentioned.has(concept))
  );
}

export interface GoalProgress {
  /** The phase's goal areas are all covered. */
  covered: boolean;
  /** Covered, and the phase has had its minimum number of turns: time to move on. */
  met: boolean;
  outOfTurns: boolean;
}

/** How far the current phase is towards its goal. */
export function phaseGoal(session: Session, mentioned: ReadonlySet<string>, content: Content): GoalProgress {
  if (!isHintedPhase(session.phase)) return { covered: false, met: false, outOfTurns: false };
  const goal = PHASE_GOALS[session.phase];
  const areas = coveredAreas(mentioned, content);
  const covered = goal.goalAreas.every((area) => areas.has(area));
  return { covered, met: covered && session.phaseTurns >= goal.minTurns, outOfTurns: session.phaseTurns >= goal.maxTurns };
}

/**
 * The interviewer's next question within the phase, by priority: a guiding question after a weak
 * answer, a probe the answer earned, the problem's deep-dive questions, then whatever area the
 * design still leaves out. When nothing is left to ask, the interview moves on.
 */
export function nextQuestion(session: Session, problem: Problem, mentioned: ReadonlySet<string>, weak: boolean, content: Content): Asked {
  const phase = session.phase;
  if (!isHintedPhase(phase)) return { session, beats: [] };
  const { rubric } = content;
  const covered = coveredAreas(mentioned, content);
  const goal = PHASE_GOALS[phase];

  if (weak) {
    const guiding =
      rubric.guidingQuestions.find((question) => question.phases.includes(phase) && !session.guidingAsked.includes(question.id) && !covered.has(question.area)) ??
      rubric.guidingQuestions.find((question) => question.phases.includes(phase) && !session.guidingAsked.includes(question.id));
    if (guiding) {
      return { session: { ...session, guidingAsked: [...session.guidingAsked, guiding.id] }, beats: [{ kind: "guiding", question: guiding.question }] };
    }
  }

  const probe = rubric.probes.find(
    (candidate) =>
      !session.probesAsked.includes(candidate.id) &&
      (candidate.when.phases.length === 0 || candidate.when.phases.includes(phase)) &&
      triggerHolds(candidate.when, mentioned),
  );
  if (probe) return { session: { ...session, probesAsked: [...session.probesAsked, probe.id] }, beats: [{ kind: "probe", probe }] };

  if (phase === "deep-dive") {
    const deepDive = nextDeepDiveQuestion(session, problem, covered);
    if (deepDive) return deepDive;
  }

  const keyAreas = problem.keyConcepts
    .filter((concept) => !mentioned.has(concept))
    .map((concept) => content.matcher.areaOf(concept))
    .filter((area): area is AreaId => area !== undefined);
  const missing = [...askOrder(phase, goal.askOrder, session.focus?.areas ?? []), ...keyAreas].find((area) => !covered.has(area) && !session.areasAsked.includes(area));
  const area = missing ? rubric.areas.find((candidate) => candidate.id === missing) : undefined;
  if (area) return { session: { ...session, areasAsked: [...session.areasAsked, area.id] }, beats: [{ kind: "area-question", area }] };

  const guiding = rubric.guidingQuestions.find((question) => question.phases.includes(phase) && !session.guidingAsked.includes(question.id));
  if (guiding) {
    return { session: { ...session, guidingAsked: [...session.guidingAsked, guiding.id] }, beats: [{ kind: "guiding", question: guiding.question }] };
  }
  return introBeats({ ...session, phase: nextPhase(phase), phaseTurns: 0 }, problem, mentioned, "turns", content);
}

/**
 * Areas to ask about when left out, a focused interview's areas first. Early phases keep to their
 * own areas (no monitoring questions before there is a design); once there is one, any area fits.
 */
function askOrder(phase: Phase, order: readonly AreaId[], focus: readonly AreaId[]): AreaId[] {
  const late = phase === "deep-dive" || phase === "scaling";
  const first = late ? [...focus] : focus.filter((area) => order.includes(area));
  return [...first, ...order.filter((area) => !first.includes(area))];
}

/** The problem's deep-dive questions: a focused interview's areas first, then the weakest-covered, two per area. */
function nextDeepDiveQuestion(session: Session, problem: Problem, covered: ReadonlySet<AreaId>): Asked | undefined {
  const focus = new Set(session.focus?.areas ?? []);
  const rank = (area: AreaId) => (focus.has(area) ? 0 : 2) + (covered.has(area) ? 1 : 0);
  const ordered = [...problem.deepDives].sort((left, right) => rank(left.area) - rank(right.area));
  for (const deepDive of ordered) {
    const asked = deepDive.questions.filter((_, index) => session.deepDiveQuestionsAsked.includes(questionId(deepDive.title, index)));
    if (asked.length >= 2) continue;
    const index = deepDive.questions.findIndex((_, candidate) => !session.deepDiveQuestionsAsked.includes(questionId(deepDive.title, candidate)));
    const question = deepDive.questions[index];
    if (question === undefined) continue;
    return {
      session: { ...session, deepDiveQuestionsAsked: [...session.deepDiveQuestionsAsked, questionId(deepDive.title, index)] },
      beats: [{ kind: "deep-dive", title: deepDive.title, question }],
    };
  }
  return undefined;
}

function questionId(title: string, index: number): string {
  return `${title}#${index}`;
}

/** The beats that open a phase: its introduction and, in the deep dive, the first question. */
export function introBeats(session: Session, problem: Problem, mentioned: ReadonlySet<string>, reason: PhaseChangeReason, content: Content): Asked {
  const beats: Beat[] = [{ kind: "phase-intro", phase: session.phase, reason }];
  if (session.phase === "deep-dive") {
    const first = nextDeepDiveQuestion(session, problem, coveredAreas(mentioned, content));
    if (first) return { session: first.session, beats: [...beats, ...first.beats] };
  }
  return { session, beats };
}

const STOPWORDS = new Set(
  "about after also because before being could does doing each from have here into just like more most much need should some than that their them then there these they this those what when where which while will with would your".split(" "),
);

/** Content words, cut to a five-letter stem so "labels" meets "labelled" and "arrive" meets "arrives". */
function stems(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? []).filter((word) => !STOPWORDS.has(word)).map((word) => word.slice(0, 5)),
  );
}

/** Facts from the problem statement that answer the candidate's clarifying questions, not said before. */
export function clarifyingFacts(question: string, problem: Problem, session: Session): string[] {
  const said = session.transcript.filter((entry) => entry.role === "interviewer").map((entry) => entry.text).join("\n");
  const asked = stems(question);
  const { data, scale, constraints } = problem.statement;
  const scored = [...data, ...scale, ...constraints]
    .filter((line) => !said.includes(line))
    .map((line, index) => ({ line, index, overlap: [...stems(line)].filter((stem) => asked.has(stem)).length }));
  const best = Math.max(1, ...scored.map(({ overlap }) => overlap));
  return scored
    .filter(({ overlap }) => overlap >= best)
    .sort((left, right) => left.index - right.index)
    .slice(0, 2)
    .map(({ line }) => line);
}

/** Whether the interview got as far as `phase` before it ended. */
export function reached(session: Pick<Session, "phase" | "transcript">, phase: Phase): boolean {
  const visited = [session.phase, ...session.transcript.map((entry) => entry.phase)].filter((seen) => seen !== "ended");
  const furthest = Math.max(-1, ...visited.map((seen) => PHASES.indexOf(seen)));
  return furthest >= PHASES.indexOf(phase);
}
