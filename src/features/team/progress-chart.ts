import { RATINGS } from "../../content/schemas.js";
import type { Rubric } from "../../content/load.js";
import { RATING_LABELS } from "../../voice/summary/message.js";
import type { StoredSummary } from "../../ports/archive.js";
import type { BandChart } from "./chart.js";
import { formatDate, formatDayMonth } from "./dates.js";
import { SHORT_DIMENSION_LABELS } from "./labels.js";

/** Interviews on one chart: beyond this the dates crowd and the older ones say little about now. */
export const PROGRESS_LIMIT = 12;

/** The ratings per dimension over `summaries` (oldest first) as a band chart, with words for screen readers. */
export function progressChart(summaries: readonly StoredSummary[], name: string, rubric: Rubric): { chart: BandChart; alt: string } {
  const chart: BandChart = {
    title: `${name}'s ratings per dimension`,
    columns: summaries.map((stored) => formatDayMonth(stored.startedAt)),
    bands: RATINGS.map((rating) => RATING_LABELS[rating]),
    series: rubric.dimensions.map((dimension) => ({
      label: SHORT_DIMENSION_LABELS[dimension.id],
      values: summaries.map((stored) => {
        const row = stored.summary.scorecard.find((candidate) => candidate.dimension === dimension.id);
        return row ? RATINGS.indexOf(row.rating) : null;
      }),
    })),
  };
  const first = summaries[0];
  const last = summaries[summaries.length - 1];
  const span = first && last && first !== last ? `from ${formatDate(first.startedAt)} to ${formatDate(last.startedAt)}` : first ? `on ${formatDate(first.startedAt)}` : "";
  const latest = last ? last.summary.scorecard.map((row) => `${SHORT_DIMENSION_LABELS[row.dimension]} ${RATING_LABELS[row.rating]}`).join(", ") : "";
  const count = summaries.length === 1 ? "one interview" : `${summaries.length} interviews`;
  return { chart, alt: `Line chart of ${name}'s ratings per dimension across ${count} ${span}. Latest: ${latest}.` };
}
