import type { DimensionId, Rating } from "../../content/schemas.js";
import { RATING_LABELS } from "../../voice/summary/message.js";

/** Dimension names short enough for a history line or a chart legend; the rubric keeps the full titles. */
export const SHORT_DIMENSION_LABELS = {
  "ml-knowledge": "ML knowledge",
  "ml-systems": "ML systems",
  "problem-solving": "Problem solving",
  "trade-off-analysis": "Trade-offs",
  "production-awareness": "Production",
  communication: "Communication",
} as const satisfies Record<DimensionId, string>;

/** "ML knowledge: Solid · Trade-offs: Developing · …": a scorecard on one line. */
export function shortRatings(rows: ReadonlyArray<{ dimension: DimensionId; rating: Rating }>): string {
  return rows.map((row) => `${SHORT_DIMENSION_LABELS[row.dimension]}: ${RATING_LABELS[row.rating]}`).join(" · ");
}
