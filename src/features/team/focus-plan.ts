import { hash } from "../../content/bank.js";
import { AREA_IDS, DIMENSION_IDS, type AreaId, type DimensionId, type Problem } from "../../content/schemas.js";
import type { Content } from "../../engine/context.js";
import type { Level } from "../../content/levels.js";
import { UserInputError } from "../../core/errors.js";
import { inSentence, listInWords } from "../../voice/interviewer/words.js";
import { ratingRank } from "../../voice/summary/ratings.js";
import { scored, type PastInterview } from "./past.js";
import type { FocusPlan } from "./port.js";

/** How many of the latest scorecards a focus plan reads: recent enough to reflect the candidate now. */
export const FOCUS_WINDOW = 5;
/** Most dimensions and areas one plan names; more would dilute the interview. */
const MAX_DIMENSIONS = 2;
const MAX_AREAS = 2;
/** Dimensions within this much of the weakest one's average rank count as weak too. */
const NEAR_WEAKEST = 0.5;
const GAP_WEIGHT = { missing: 2, partial: 1, covered: 0 } as const;

export const NO_SCORECARD_MESSAGE =
  "Focus needs at least one finished interview with a scorecard. Finish an interview (type end in its thread), wait for the scorecard, then ask for focus again.";

/**
 * A follow-up interview aimed at the user's weak spots: the dimensions their recent scorecards
 * rate lowest, the framework areas their designs most often left out, and a problem whose deep
 * dives exercise those areas, suited to their last level and not one they did recently.
 */
export function planFocus(past: readonly PastInterview[], content: Content, seed: string): FocusPlan {
  const recent = scored(past).slice(0, FOCUS_WINDOW);
  const oldest = recent[recent.length - 1];
  if (!oldest) throw new UserInputError(NO_SCORECARD_MESSAGE);
  // "Recently" spans the scorecards read, and the unscored interviews between them.
  const lately = past.slice(0, past.indexOf(oldest) + 1);
  const rows = recent.map((entry) => new Map(entry.stored.summary.scorecard.map((row) => [row.dimension, ratingRank(row.rating)])));
  const dimensions = weakestDimensions(rows);
  const gaps = weakestAreas(recent.map((entry) => entry.stored.summary.coverage));
  const areas = gaps.map((gap) => gap.area);
  const level = past.map((entry) => entry.stored?.level ?? entry.session.level).find((candidate) => candidate !== null) ?? null;
  const done = new Set(lately.flatMap((entry) => [entry.session.problemId, entry.stored?.summary.problem ?? null]).filter((id) => id !== null));
  const problem = pickProblem(content, { dimensions, gaps, level, done, seed });
  return { problemId: problem.id, level, focus: { dimensions, areas }, reason: reason(content, recent.length, dimensions, areas, problem, level) };
}

/** Highest average rank (weakest) first; a tie goes to the one rated weaker in the more recent interview. */
function weakestDimensions(rows: ReadonlyArray<ReadonlyMap<DimensionId, number>>): DimensionId[] {
  const ranked = DIMENSION_IDS.map((dimension) => {
    const ranks = rows.map((row) => row.get(dimension));
    const present = ranks.filter((rank) => rank !== undefined);
    return { dimension, ranks, average: present.length ? present.reduce((sum, rank) => sum + rank, 0) / present.length : -1 };
  })
    .filter((entry) => entry.average >= 0)
    .sort((left, right) => right.average - left.average || byRecency(left.ranks, right.ranks));
  const weakest = ranked[0];
  if (!weakest) return [];
  return ranked
    .filter((entry, index) => index === 0 || (entry.average > 0 && entry.average >= weakest.average - NEAR_WEAKEST))
    .slice(0, MAX_DIMENSIONS)
    .map((entry) => entry.dimension);
}

/** Most often missing (or partly covered) first; ties go to the gap seen more recently. */
function weakestAreas(coverages: ReadonlyArray<Partial<Record<AreaId, { status: keyof typeof GAP_WEIGHT }>>>): Gap[] {
  return AREA_IDS.map((area) => {
    const gaps = coverages.map((coverage) => {
      const status = coverage[area]?.status;
      return status ? GAP_WEIGHT[status] : undefined;
    });
    return { area, gaps, total: gaps.reduce<number>((sum, gap) => sum + (gap ?? 0), 0) };
  })
    .filter((entry) => entry.total > 0)
    .sort((left, right) => right.total - left.total || byRecency(left.gaps, right.gaps))
    .slice(0, MAX_AREAS)
    .map(({ area, total }) => ({ area, total }));
}

/** Compares newest first: the entry that is worse in the latest interview where they differ wins. */
function byRecency(left: ReadonlyArray<number | undefined>, right: ReadonlyArray<number | undefined>): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (right[index] ?? -1) - (left[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** An area the candidate's designs left out, and how badly: twice per miss, once per partial cover. */
interface Gap {
  area: AreaId;
  total: number;
}

interface Wanted {
  dimensions: readonly DimensionId[];
  gaps: readonly Gap[];
  level: Level | null;
  done: ReadonlySet<string>;
  seed: string;
}

function pickProblem(content: Content, wanted: Wanted): Problem {
  const { problems } = content.bank;
  const suited = wanted.level ? problems.filter((problem) => wanted.level !== null && problem.levels.includes(wanted.level)) : [...problems];
  const fresh = suited.filter((problem) => !wanted.done.has(problem.id));
  const pool = fresh.length ? fresh : suited.length ? suited : [...problems];
  const signals = new Set(content.rubric.dimensions.filter((dimension) => wanted.dimensions.includes(dimension.id)).flatMap((dimension) => dimension.signals));
  // A deep dive on the worst gap counts most; then concepts of the weak dimensions the problem calls for.
  const areaScore = (problem: Problem): number => {
    const deepDiveAreas = new Set(problem.deepDives.map((deepDive) => deepDive.area));
    const conceptAreas = new Set(problem.keyConcepts.map((concept) => content.matcher.areaOf(concept)));
    return wanted.gaps.reduce((sum, gap) => sum + gap.total * ((deepDiveAreas.has(gap.area) ? 2 : 0) + (conceptAreas.has(gap.area) ? 1 : 0)), 0);
  };
  // Equal scores are ordered by a hash of the user, so teammates with the same gaps get different problems.
  const ranked = pool
    .map((problem) => ({
      problem,
      areas: areaScore(problem),
      signals: problem.keyConcepts.filter((concept) => signals.has(concept)).length,
      order: hash(`${wanted.seed}:${problem.id}`),
    }))
    .sort((left, right) => right.areas - left.areas || right.signals - left.signals || left.order - right.order);
  const best = ranked[0]?.problem;
  if (!best) throw new UserInputError("The problem bank is empty.");
  return best;
}

function reason(content: Content, count: number, dimensions: readonly DimensionId[], areas: readonly AreaId[], problem: Problem, level: Level | null): string {
  const dimensionTitles = dimensions.map((id) => inSentence(content.rubric.dimensions.find((dimension) => dimension.id === id)?.title ?? id));
  const areaTitles = areas.map((id) => inSentence(content.rubric.areas.find((area) => area.id === id)?.title ?? id));
  const interview = `the next interview (${problem.title}${level ? `, ${level} level` : ""})`;
  const one = count === 1;
  const findings = [
    dimensionTitles.length ? `${one ? "rates" : "rate"} ${listInWords(dimensionTitles)} lowest` : "",
    areaTitles.length ? `${one ? "leaves out" : "most often leave out"} ${listInWords(areaTitles)}` : "",
  ].filter(Boolean);
  if (findings.length === 0) return `Your scorecards show no clear weak spot, so ${interview} is an all-round practice.`;
  const them = dimensionTitles.length + areaTitles.length > 1 ? "them" : "it";
  return `${one ? "Your last scorecard" : `Your last ${count} scorecards`} ${findings.join(" and ")}, so ${interview} leans on ${them}.`;
}
