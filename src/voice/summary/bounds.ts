import { graphemePrefix } from "../../core/text/clip.js";
import type { ScorecardRow, Summary } from "../../domain/summary.js";

/**
 * How much prose a scorecard keeps, per field: the model may write any amount, and a scorecard is
 * read in one sitting (Slack and Discord would otherwise split it over dozens of messages). Lengths
 * are UTF-16 units, as the platforms count them. Generous enough that the deterministic summary's
 * own text (a praise line with a 280-character quote, a rubric resource) is never cut.
 */
export const SUMMARY_LIMITS = {
  /** The overall assessment and each narrative paragraph. */
  paragraph: 1_000,
  /** One strength, improvement, key decision, area to explore, note, resource line or red flag. */
  item: 400,
  /** Items kept per list: room for every area and deep dive the deterministic summary may list. */
  items: 16,
  /** A list's items together; those past it are dropped (strengths and improvements, three by schema, always fit). */
  list: 1_500,
  /** A scorecard row's justification. */
  justification: 600,
  /** A quote of the candidate's, and how many a row keeps. */
  quote: 300,
  quotesPerRow: 2,
} as const;

const ELLIPSIS = "…";

/**
 * The summary with every prose field, list and list item within SUMMARY_LIMITS. Lists whose length
 * the content fixes (one scorecard row per rubric dimension, coverage per area, the rubric's red
 * flags) keep every entry and only have their text bounded.
 */
export function boundSummary(summary: Summary): Summary {
  const { paragraph } = SUMMARY_LIMITS;
  const { narrative } = summary;
  return {
    ...summary,
    scorecard: summary.scorecard.map(boundRow),
    strengths: list(summary.strengths),
    improvements: list(summary.improvements),
    resources: summary.resources.map((resource) => ({ title: clip(resource.title), author: clip(resource.author), why: clip(resource.why) })),
    redFlags: summary.redFlags.map((flag) => ({ ...flag, description: clip(flag.description) })),
    narrative: {
      keyDecisions: list(narrative.keyDecisions),
      mlApproach: clipText(narrative.mlApproach, paragraph),
      architectureStrengths: clipText(narrative.architectureStrengths, paragraph),
      productionReadiness: clipText(narrative.productionReadiness, paragraph),
      strengthsDemonstrated: clipText(narrative.strengthsDemonstrated, paragraph),
      areasToExplore: list(narrative.areasToExplore),
      overallAssessment: clipText(narrative.overallAssessment, paragraph),
    },
    notes: list(summary.notes),
  };
}

/** At most `items` entries of at most `item` each, and no more than `list` in all. */
function list(entries: readonly string[]): string[] {
  const { item, items, list: budget } = SUMMARY_LIMITS;
  const kept: string[] = [];
  let used = 0;
  for (const entry of entries.slice(0, items)) {
    const clipped = clipText(entry, item);
    if (used + clipped.length > budget) break;
    kept.push(clipped);
    used += clipped.length;
  }
  return kept;
}

function boundRow(row: ScorecardRow): ScorecardRow {
  const { quote, quotesPerRow, justification } = SUMMARY_LIMITS;
  return {
    ...row,
    title: clip(row.title),
    evidence: row.evidence.slice(0, quotesPerRow).map((entry) => clipText(entry, quote)),
    justification: clipText(row.justification, justification),
  };
}

/** One list-item's worth of text. */
function clip(text: string): string {
  return clipText(text, SUMMARY_LIMITS.item);
}

/**
 * `text` in at most `limit` UTF-16 units, cut between graphemes (an emoji, a flag, a letter with
 * its accents stay whole) and marked with an ellipsis when cut.
 */
export function clipText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // The shared cut finds the boundary where it is, instead of walking every grapheme of a long text.
  return `${graphemePrefix(text, limit - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`;
}
