import type { Problem, RedFlag } from "../../content/schemas.js";
import type { Content } from "../../engine/context.js";
import { HINTED_PHASES, PHASES, type Phase } from "../../content/phases.js";
import { coveredAreas, reached, triggerHolds } from "../../engine/questions.js";
import type { Session } from "../../domain/session.js";
import { clipQuote, gatherEvidence, quotesFor, type Evidence } from "./evidence.js";
import { rateDimension, ratingRank } from "./ratings.js";
import type { ScorecardRow, Summary } from "../../domain/summary.js";

const DECISION = /\b(i('d| would| will|'ll)|we('d| would| will|'ll| can| could| should)|let's)\s+(probably\s+|first\s+|then\s+)?(use|choose|pick|start|go with|build|train|serve|add|keep|split|pre-?compute|cache|deploy|run|log|monitor|put|store|shard|retrain|rank|score|gate|route)\b/i;

/**
 * The deterministic summary: coverage, hints, red flags and a scorecard whose every rating rests on
 * quotes from the candidate's own messages. Text aimed at the grader earns nothing.
 */
export function buildSummary(session: Session, content: Content): Summary {
  const { rubric, matcher, bank } = content;
  const problem = session.problemId ? bank.find(session.problemId) : undefined;
  const evidence = gatherEvidence(session, content);
  const flags = raisedFlags(session, problem, evidence, content);
  const scorecard = rubric.dimensions.map((dimension) => rateDimension(dimension, evidence, flags, matcher));
  const coverage = coverageMap(evidence, content);
  const hintsByPhase = Object.fromEntries(HINTED_PHASES.flatMap((phase) => (session.hintRungs[phase] ? [[phase, session.hintRungs[phase]]] : [])));
  const hintsUsed = Object.values(session.hintRungs).reduce((total, rungs) => total + (rungs ?? 0), 0);
  const phaseReached = furthestPhase(session);
  const strengths = pickStrengths(scorecard, evidence, content, session, hintsUsed, phaseReached);
  const improvements = pickImprovements(scorecard, flags, evidence, coverage, problem, session, content);
  const notes = evidence.injectionSeen
    ? ["Some messages spoke to the grader instead of about the design; they were set aside and earned nothing."]
    : [];
  return {
    interviewId: session.id,
    candidate: session.candidate.name,
    problem: problem?.id ?? null,
    problemTitle: problem?.title ?? null,
    level: session.level,
    phaseReached,
    minutes: Math.max(0, Math.round(((session.endedAt ?? session.startedAt) - session.startedAt) / 60_000)),
    hintsUsed,
    hintsByPhase,
    coverage,
    scorecard,
    strengths,
    improvements,
    resources: pickResources(scorecard, coverage, flags, content),
    // What was said counts whatever phase was reached; the flags above wait for their phase.
    redFlags: [
      ...evidence.findings.map((finding) => ({ id: finding.id, description: finding.claim })),
      ...flags.map((flag) => ({ id: flag.id, description: flag.description })),
    ],
    claimsToRevisit: session.findings.map((finding) => ({
      id: finding.id,
      dimension: finding.dimension,
      quote: clipQuote(finding.quote),
      correction: finding.correction,
      status: finding.status,
    })),
    narrative: narrative(scorecard, coverage, evidence, problem, session, content),
    notes,
  };
}

function raisedFlags(session: Session, problem: Problem | undefined, evidence: Evidence, content: Content): RedFlag[] {
  const candidates = [...content.rubric.redFlags, ...(problem?.redFlags ?? [])];
  return candidates.filter((flag) => {
    const earliest = flag.when.phases.map((phase) => PHASES.indexOf(phase)).sort((a, b) => a - b)[0];
    const inScope = earliest === undefined || reached(session, PHASES[earliest] ?? "ended");
    return inScope && evidence.answerWords > 0 && triggerHolds(flag.when, evidence.mentioned) && !alreadyFound(flag, evidence, content);
  });
}

/** A flag that says the same as a wrong claim already found (no baseline, no monitoring) is not raised twice. */
function alreadyFound(flag: RedFlag, evidence: Evidence, content: Content): boolean {
  return evidence.findings.some((finding) => {
    const rejected = finding.misconceptionId ? (content.misconceptions.get(finding.misconceptionId)?.recognise.rejects ?? []) : [];
    return finding.dimension === flag.dimension && flag.when.none.some((concept) => rejected.includes(concept));
  });
}

function coverageMap(evidence: Evidence, content: Content): Summary["coverage"] {
  const covered = coveredAreas(evidence.mentioned, content);
  return Object.fromEntries(
    content.rubric.areas.map((area) => {
      const concepts = [...evidence.mentioned].filter((concept) => content.matcher.areaOf(concept) === area.id);
      const explained = concepts.some((concept) => evidence.explained.has(concept));
      const status = concepts.length >= 2 && explained ? "covered" : covered.has(area.id) ? "partial" : "missing";
      return [area.id, { title: area.title, status, concepts: concepts.map((concept) => content.matcher.label(concept)) }];
    }),
  );
}

function furthestPhase(session: Session): Phase {
  const visited = PHASES.filter((phase) => phase !== "ended" && reached(session, phase));
  return visited[visited.length - 1] ?? "selection";
}

function pickStrengths(scorecard: ScorecardRow[], evidence: Evidence, content: Content, session: Session, hintsUsed: number, phaseReached: Phase): string[] {
  const strengths: string[] = [];
  const best = [...scorecard]
    .filter((row) => row.rating === "strong" || row.rating === "solid")
    .sort((left, right) => ratingRank(left.rating) - ratingRank(right.rating));
  for (const row of best) {
    const dimension = content.rubric.dimensions.find((candidate) => candidate.id === row.dimension);
    if (dimension && row.evidence[0]) strengths.push(`${dimension.praise} You said: "${row.evidence[0]}"`);
  }
  for (const area of content.rubric.areas) {
    const concepts = [...evidence.own].filter((concept) => content.matcher.areaOf(concept) === area.id);
    const quote = quotesFor(evidence, new Set(concepts), 1, { undisputedOnly: true, explainedOnly: true })[0];
    if (concepts.length > 0 && quote) strengths.push(`You raised ${area.title.toLowerCase()} on your own: "${quote}"`);
  }
  // Honest, behaviour-based observations for an interview that showed little design content.
  const fallbacks = [
    `You worked through the interview as far as ${phaseTitle(phaseReached)}.`,
    hintsUsed > 0 ? "You asked for hints when stuck instead of stalling, which is what a real interviewer wants to see." : "You attempted every question without asking for hints.",
    `You stuck with ${session.problemId ? "the problem" : "the interview"} to the end; a second attempt on the same problem will show how much of this framework you keep.`,
  ];
  return unique([...strengths, ...fallbacks]).slice(0, 3);
}

/**
 * Three improvements, most important first: red flags, then dimensions that fell short, then areas
 * left out or only touched, then deep dives never reached; strong dimensions' advice comes last.
 */
function pickImprovements(scorecard: ScorecardRow[], flags: RedFlag[], evidence: Evidence, coverage: Summary["coverage"], problem: Problem | undefined, session: Session, content: Content): string[] {
  const advice = (rows: ScorecardRow[]) =>
    rows.map((row) => content.rubric.dimensions.find((dimension) => dimension.id === row.dimension)?.improve).filter((line): line is string => Boolean(line));
  const byWeakness = [...scorecard].sort((left, right) => ratingRank(right.rating) - ratingRank(left.rating));
  const fellShort = byWeakness.filter((row) => row.rating === "developing" || row.rating === "not-shown");
  const solid = byWeakness.filter((row) => row.rating === "solid");
  const strong = byWeakness.filter((row) => row.rating === "strong");
  const areas = (status: "missing" | "partial", lead: string) =>
    content.rubric.areas.filter((area) => coverage[area.id]?.status === status).map((area) => `${lead} ${area.title.toLowerCase()}: ${area.question}`);
  const deepDives = (problem?.deepDives ?? [])
    .filter((deepDive) => !session.deepDiveQuestionsAsked.some((asked) => asked.startsWith(`${deepDive.title}#`)))
    .map((deepDive) => `Prepare to go deep on ${lowerFirst(deepDive.title)}: ${deepDive.questions[0] ?? ""}`.trim());
  return unique([
    ...evidence.findings.map((finding) => `Revisit what you said: ${finding.correction}`),
    ...flags.map((flag) => flag.advice),
    ...advice(fellShort),
    ...areas("missing", "Cover"),
    ...areas("partial", "Go further on"),
    ...advice(solid),
    ...deepDives,
    ...advice(strong),
  ]).slice(0, 3);
}

function pickResources(scorecard: ScorecardRow[], coverage: Summary["coverage"], flags: RedFlag[], content: Content): Summary["resources"] {
  const weight = new Map<string, number>();
  const add = (gap: string, amount: number) => weight.set(gap, (weight.get(gap) ?? 0) + amount);
  for (const row of scorecard) add(row.dimension, row.rating === "not-shown" || row.rating === "developing" ? 2 : row.rating === "solid" ? 1 : 0);
  for (const [area, entry] of Object.entries(coverage)) add(area, entry?.status === "missing" ? 2 : entry?.status === "partial" ? 1 : 0);
  for (const flag of flags) add(flag.dimension, 2);
  const ranked = content.rubric.resources
    .map((resource, index) => ({ resource, index, score: resource.gaps.reduce((total, gap) => total + (weight.get(gap) ?? 0), 0) }))
    .sort((left, right) => right.score - left.score || left.index - right.index);
  const relevant = ranked.filter(({ score }) => score > 0);
  const chosen = (relevant.length >= 2 ? relevant : ranked).slice(0, 3);
  return chosen.map(({ resource }) => ({ title: resource.title, author: resource.author, why: resource.why }));
}

function narrative(scorecard: ScorecardRow[], coverage: Summary["coverage"], evidence: Evidence, problem: Problem | undefined, session: Session, content: Content): Summary["narrative"] {
  const { matcher, rubric } = content;
  const decisions = unique(evidence.sentences.filter((sentence) => !sentence.disputed && DECISION.test(sentence.text)).map((sentence) => sentence.text)).slice(0, 4);
  const modelConcepts = [...evidence.mentioned].filter((concept) => ["model", "formulation"].includes(matcher.areaOf(concept) ?? "") || concept === "ml-task");
  const areaTitles = (status: "covered" | "partial" | "missing") =>
    rubric.areas.filter((area) => coverage[area.id]?.status === status).map((area) => area.title.toLowerCase());
  const productionConcepts = [...evidence.mentioned].filter((concept) => ["monitoring-feedback", "serving"].includes(matcher.areaOf(concept) ?? ""));
  const good = scorecard.filter((row) => row.rating === "strong" || row.rating === "solid");
  const deepDivesMissed = (problem?.deepDives ?? [])
    .filter((deepDive) => !session.deepDiveQuestionsAsked.some((asked) => asked.startsWith(`${deepDive.title}#`)))
    .map((deepDive) => deepDive.title);
  const lifecycle = (["data", "serving", "monitoring-feedback"] as const).every((area) => coverage[area]?.status !== "missing");
  return {
    keyDecisions: decisions,
    mlApproach: modelConcepts.length
      ? `The approach ${joinWords(modelConcepts.map((concept) => matcher.label(concept)))}.`
      : "No modelling approach was stated.",
    architectureStrengths: areaTitles("covered").length
      ? `The design addressed ${joinWords(areaTitles("covered"))}.`
      : "The design did not yet cover any area of the framework in depth.",
    productionReadiness: productionConcepts.length
      ? `For production, the answers ${joinWords(productionConcepts.map((concept) => matcher.label(concept)))}.`
      : "Serving, monitoring and what happens after launch were not discussed.",
    strengthsDemonstrated: good.length ? `Clearest in ${joinWords(good.map((row) => row.title.toLowerCase()))}.` : "No dimension reached a solid rating yet.",
    areasToExplore: unique([...areaTitles("missing").map((title) => `${title} (not discussed)`), ...areaTitles("partial").map((title) => `${title} (touched on briefly)`), ...deepDivesMissed.map((title) => `${title} (deep dive not reached)`)]),
    overallAssessment: assess(good.length, lifecycle, evidence),
  };
}

function assess(goodDimensions: number, lifecycle: boolean, evidence: Evidence): string {
  if (evidence.answerWords === 0) return "There were no answers to assess yet.";
  if (goodDimensions >= 4 && lifecycle) {
    return "Thinks about the system end to end: from the business goal and the data through serving to what happens after launch. The next step is depth under pressure: sharper trade-offs and numbers.";
  }
  if (goodDimensions >= 2) {
    return "A workable design with clear strengths, but parts of the lifecycle were thin; practise carrying the same rigour from data through serving into monitoring.";
  }
  return "The answers did not yet show a design that would hold up in production; practise a structured pass from business goal to metrics, data, model, serving and monitoring.";
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function phaseTitle(phase: Phase): string {
  return phase.replace(/-/g, " ");
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

