import type { DimensionId, Rating } from "../../content/schemas.js";
import type { Rubric } from "../../content/load.js";
import { RATING_LABELS } from "../../voice/summary/message.js";

/** A dimension's name short enough for a history line or a chart legend (its `short`, else its title). */
export function shortDimensionLabel(rubric: Pick<Rubric, "dimensions">, dimension: DimensionId): string {
  const found = rubric.dimensions.find((entry) => entry.id === dimension);
  return found?.short ?? found?.title ?? dimension;
}

/** "ML knowledge: Solid · Trade-offs: Developing · …": a scorecard on one line. */
export function shortRatings(rows: ReadonlyArray<{ dimension: DimensionId; rating: Rating }>, rubric: Pick<Rubric, "dimensions">): string {
  return rows.map((row) => `${shortDimensionLabel(rubric, row.dimension)}: ${RATING_LABELS[row.rating]}`).join(" · ");
}
