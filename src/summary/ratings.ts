import type { ConceptMatcher } from "../analysis/concepts.js";
import { RATINGS, type Dimension, type Rating, type RedFlag } from "../content/schemas.js";
import { quotesFor, type Evidence } from "./evidence.js";
import type { ScorecardRow } from "./schema.js";

/** Distinct own signals a dimension needs for each rating. */
export const RATING_THRESHOLDS = { strong: 5, solid: 3, developing: 1 } as const;
/** Below this many words in all answers together, communication cannot be more than developing. */
const MIN_WORDS_FOR_COMMUNICATION = 80;

/**
 * One scorecard row: a named rating from the distinct concepts the candidate raised unprompted,
 * lowered one step per red flag against the dimension, and never above `developing` without a quote.
 */
export function rateDimension(dimension: Dimension, evidence: Evidence, flags: readonly RedFlag[], matcher: ConceptMatcher): ScorecardRow {
  const signals = dimension.signals.filter((signal) => evidence.own.has(signal));
  let rating: Rating =
    signals.length >= RATING_THRESHOLDS.strong
      ? "strong"
      : signals.length >= RATING_THRESHOLDS.solid
        ? "solid"
        : signals.length >= RATING_THRESHOLDS.developing
          ? "developing"
          : "not-shown";
  const against = flags.filter((flag) => flag.dimension === dimension.id);
  for (let index = 0; index < against.length && rating !== "developing" && rating !== "not-shown"; index++) {
    rating = lower(rating);
  }
  if (dimension.id === "communication" && evidence.answerWords < MIN_WORDS_FOR_COMMUNICATION && (rating === "strong" || rating === "solid")) {
    rating = "developing";
  }
  const quotes = quotesFor(evidence, new Set(signals), 2);
  if (quotes.length === 0) rating = "not-shown";
  const shown = signals.slice(0, 4).map((signal) => matcher.label(signal));
  const justification =
    rating === "not-shown"
      ? `No evidence in your answers yet: ${dimension.ratings["not-shown"]}`
      : `${capitalise(shown.join("; "))}.${against.length ? ` Held back by: ${against.map((flag) => lowerFirst(flag.description)).join("; ")}` : ""}`;
  return { dimension: dimension.id, title: dimension.title, rating, evidence: quotes, justification };
}

function lower(rating: Rating): Rating {
  return RATINGS[Math.min(RATINGS.indexOf(rating) + 1, RATINGS.length - 1)] ?? rating;
}

export function ratingRank(rating: Rating): number {
  return RATINGS.indexOf(rating);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
