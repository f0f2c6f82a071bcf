import type { Diagram } from "./model.js";
import { edgeText, mainPath, reachableFrom } from "./flow.js";

/**
 * The statements a drawing makes, as text the claim analyser reads like sentences: its main flow,
 * each arrow, each box no arrow touches, each subgraph's title. `structural` names concepts the
 * drawing shows by its shape rather than its words.
 */
export interface DrawnStatement {
  text: string;
  structural: Array<"feedback-loop" | "data-flow-drawing">;
}

/** Where outcomes of the system come back: labels, outcomes, feedback, logged decisions. */
const OUTCOME = /\b(?:labels?|labell?ed|outcomes?|feedback|chargebacks?|clicks?|conversions?|ground[- ]truth|reports?|appeals?|annotations?|reviews?|logs?|logged|impressions)\b/i;
/** Where models are made. */
const TRAINING = /\b(?:re-?train\w*|train\w*|fine[- ]?tun\w*|learning|model (?:update|refresh))\b/i;
/** A flow of at least this many boxes joined by arrows is a drawn data flow. */
const MIN_FLOW = 3;

export function drawnStatements(diagram: Diagram): DrawnStatement[] {
  const labels = new Map(diagram.nodes.map((node) => [node.id, node.label]));
  const labelOf = (id: string) => labels.get(id) ?? id;
  const statements: DrawnStatement[] = [];
  const path = mainPath(diagram);
  if (path.length >= MIN_FLOW) statements.push({ text: path.map((node) => node.label).join(" → "), structural: ["data-flow-drawing"] });
  const outcomes = new Set(diagram.nodes.filter((node) => OUTCOME.test(node.label) || OUTCOME.test(node.id)).map((node) => node.id));
  const afterOutcomes = reachableFrom(diagram, outcomes);
  for (const edge of diagram.edges) {
    // Outcomes, directly or through the pipeline, arriving where models are trained: the loop is closed.
    const closesLoop = afterOutcomes.has(edge.from) && TRAINING.test(labelOf(edge.to)) && !TRAINING.test(labelOf(edge.from));
    statements.push({ text: edgeText(edge, labelOf), structural: closesLoop ? ["feedback-loop"] : [] });
  }
  const connected = new Set(diagram.edges.flatMap((edge) => [edge.from, edge.to]));
  for (const node of diagram.nodes) if (!connected.has(node.id)) statements.push({ text: node.label, structural: [] });
  for (const subgraph of diagram.subgraphs) if (subgraph.title) statements.push({ text: subgraph.title, structural: [] });
  return statements.filter((statement) => statement.text.trim().length > 0);
}
