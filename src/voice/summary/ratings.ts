import type { ConceptMatcher } from "../../engine/analysis/concepts.js";
import { RATINGS, type Dimension, type Rating, type RedFlag } from "../../content/schemas.js";
import { quotesFor, type Evidence } from "./evidence.js";
import type { ScorecardRow } from "../../domain/summary.js";

/**
 * What each rating needs: distinct own signals, and how many of them were explained rather than
 * only named. A list of terms has no explained signals, so it can reach `developing` at most.
 */
export const RATING_THRESHOLDS = {
  strong: { signals: 5, explained: 4, sentences: 2 },
  solid: { signals: 3, explained: 2, sentences: 1 },
  developing: { signals: 1, explained: 0, sentences: 0 },
} as const;
/** Below this many words in all answers together, communication cannot be more than developing. */
const MIN_WORDS_FOR_COMMUNICATION = 80;
/** Revising a claim when challenged is what a good colleague does; it counts as this signal. */
const REVISED_SIGNAL = "receptive";

/**
 * One scorecard row. The rating rests on the concepts the candidate proposed unprompted, and on
 * how many of those they explained in sentences that hold no wrong claim. Each red flag and each
 * wrong claim still standing against the dimension lowers it a step (a claim defended when
 * challenged, two), never below `developing`; without a quote it is `not-shown`.
 */
export function rateDimension(dimension: Dimension, evidence: Evidence, flags: readonly RedFlag[], matcher: ConceptMatcher): ScorecardRow {
  const revised = evidence.corrected.length > 0 && dimension.signals.includes(REVISED_SIGNAL);
  const signals = dimension.signals.filter((signal) => evidence.own.has(signal));
  const explained = dimension.signals.filter((signal) => evidence.explained.has(signal) || (revised && signal === REVISED_SIGNAL));
  const total = new Set([...signals, ...explained]).size;
  // Breadth: one rich sentence shows a dimension less than the same ideas explained in several places.
  const sentences = new Set(explained.flatMap((signal) => [...(evidence.explainedIn.get(signal) ?? [])])).size + (revised ? 1 : 0);
  const meets = (rating: keyof typeof RATING_THRESHOLDS) => {
    const threshold = RATING_THRESHOLDS[rating];
    return total >= threshold.signals && explained.length >= threshold.explained && sentences >= threshold.sentences;
  };
  let rating: Rating =
    dimension.basis === "explanation"
      ? explanationRating(evidence, total)
      : meets("strong")
        ? "strong"
        : meets("solid")
          ? "solid"
          : meets("developing")
            ? "developing"
            : "not-shown";
  const against = flags.filter((flag) => flag.dimension === dimension.id);
  const claims = evidence.findings.filter((finding) => finding.dimension === dimension.id);
  const steps = against.length + claims.reduce((total, finding) => total + (finding.status === "held" ? 2 : 1), 0);
  for (let step = 0; step < steps && rating !== "developing" && rating !== "not-shown"; step++) rating = lower(rating);
  if (dimension.id === "communication" && evidence.answerWords < MIN_WORDS_FOR_COMMUNICATION && (rating === "strong" || rating === "solid")) {
    rating = "developing";
  }
  // A good rating is quoted from explained, undisputed sentences only; a developing one may show what was named.
  const good = rating === "strong" || rating === "solid";
  let quotes = quotesFor(evidence, new Set(signals), 2, { undisputedOnly: good, explainedOnly: good });
  if (quotes.length === 0 && dimension.basis === "explanation") quotes = explainedDesign(evidence).slice(0, 2).map((sentence) => sentence.text);
  if (quotes.length === 0 && revised) quotes = evidence.corrected.slice(0, 1).map((finding) => finding.quote);
  if (quotes.length === 0) rating = "not-shown";
  const shown = (explained.length ? explained : signals).slice(0, 4).map((signal) => matcher.label(signal));
  const named = signals.length > 0 && explained.length === 0 ? " Named rather than explained: say why and how, not only what." : "";
  const heldBack = [...against.map((flag) => flag.description), ...claims.map((finding) => finding.claim)];
  const justification =
    rating === "not-shown"
      ? `No evidence in your answers yet: ${dimension.ratings["not-shown"]}`
      : `${capitalise(shown.join("; "))}.${named}${heldBack.length ? ` Held back by: ${heldBack.map(lowerFirst).join("; ")}` : ""}`;
  return { dimension: dimension.id, title: dimension.title, rating, evidence: quotes, justification };
}

/** How much of the design was explained, for a dimension about how it was communicated. */
export const EXPLANATION_THRESHOLDS = {
  strong: { sentences: 8, share: 0.5, signals: 3 },
  solid: { sentences: 3, share: 0.3, signals: 1 },
} as const;

/** Sentences about the design (they hold a claim) that carry a reason, a number or a mechanism. */
function explainedDesign(evidence: Evidence): Evidence["sentences"] {
  return evidence.sentences.filter((sentence) => !sentence.disputed && sentence.claims.some((claim) => claim.stance !== "rejects" && claim.depth === "explained"));
}

function explanationRating(evidence: Evidence, signals: number): Rating {
  const explained = explainedDesign(evidence).length;
  const share = evidence.sentences.length ? explained / evidence.sentences.length : 0;
  const meets = (rating: keyof typeof EXPLANATION_THRESHOLDS) => {
    const threshold = EXPLANATION_THRESHOLDS[rating];
    return explained >= threshold.sentences && share >= threshold.share && signals >= threshold.signals;
  };
  if (meets("strong")) return "strong";
  if (meets("solid")) return "solid";
  return explained > 0 || signals > 0 ? "developing" : "not-shown";
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
