import type { Claim } from "./analysis/claims.js";
import { DIAGRAM_LIMITS, type DiagramReading } from "./analysis/diagram/model.js";
import type { Content } from "./context.js";
import { DRAWING_GAPS, type Beat, type DrawingGap } from "./plan.js";

/** Concepts that fill each gap a drawing can leave. */
const GAP_CONCEPTS: Record<Exclude<DrawingGap, "serving">, readonly string[]> = {
  feedback: ["feedback-loop", "retraining", "delayed-labels"],
  monitoring: ["monitoring", "drift"],
};

/**
 * The interviewer's reaction to a drawing: which framework areas its boxes and arrows show, and
 * which parts it leaves out that the candidate has not covered in words either.
 */
export function drawingBeat(reading: DiagramReading, claims: readonly Claim[], mentioned: ReadonlySet<string>, content: Content): Beat | undefined {
  if (reading.kind === "none") return undefined;
  if (reading.kind === "invalid") return { kind: "diagram-unreadable", line: reading.line, text: reading.text, reason: reading.reason };
  if (reading.kind === "refused") {
    if (reading.reason === "too-many-nodes") return { kind: "diagram-refused", reason: "too-many-nodes", size: reading.nodes ?? 0, limit: DIAGRAM_LIMITS.maxNodes };
    if (reading.reason === "too-many-edges") return { kind: "diagram-refused", reason: "too-many-edges", size: reading.edges ?? 0, limit: DIAGRAM_LIMITS.maxEdges };
    return { kind: "diagram-refused", reason: "too-large", size: reading.bytes ?? 0, limit: DIAGRAM_LIMITS.maxBytes };
  }
  const proposed = new Set(claims.filter((claim) => claim.stance !== "rejects").map((claim) => claim.concept));
  const areaIds = new Set([...proposed].flatMap((concept) => content.matcher.areaOf(concept) ?? []));
  const shows = content.rubric.areas.filter((area) => areaIds.has(area.id));
  const covered = (gap: DrawingGap) => (gap === "serving" ? areaIds.has("serving") || [...mentioned].some((concept) => content.matcher.areaOf(concept) === "serving") : GAP_CONCEPTS[gap].some((concept) => proposed.has(concept) || mentioned.has(concept)));
  const gaps = DRAWING_GAPS.filter((gap) => !covered(gap));
  const { diagram } = reading;
  return { kind: "diagram", diagram, components: diagram.nodes.length, arrows: diagram.edges.length, shows, gaps, ask: false };
}
