import type { AreaId } from "../../content/schemas.js";
import { flowOrder, mainPath } from "../../engine/analysis/diagram/flow.js";
import type { Diagram, DiagramNode } from "../../engine/analysis/diagram/model.js";
import { readDiagram } from "../../engine/analysis/diagram/read.js";
import type { Content } from "../../engine/context.js";
import { candidateAnswers, type Session } from "../../domain/session.js";
import type { Summary } from "../../domain/summary.js";

/** The parts of an ML system in data-flow order: how the picture of a described design is laid out. */
const PIPELINE: readonly AreaId[] = ["data", "features", "model", "training-evaluation", "serving", "monitoring-feedback"];
const NAMES = { perArea: 3, maxName: 30 } as const;

/** The candidate's design as a picture: its diagram, the nodes standing for parts never covered (drawn faded), and alt text. */
export interface DesignPicture {
  diagram: Diagram;
  faded: string[];
  alt: string;
}

/**
 * The design as drawn and described, for the scorecard: the candidate's last drawing if they drew,
 * else the components they named, one box per part of the system in data-flow order. Parts never
 * covered are added faded, and a loop back to training is drawn faded when none was shown.
 * Undefined when the interview named no component at all.
 */
export function designPicture(session: Session, summary: Summary, content: Content): DesignPicture | undefined {
  const answers = candidateAnswers(session);
  const drawn = answers
    .map((entry) => readDiagram(entry.text))
    .flatMap((reading) => (reading.kind === "diagram" ? [reading.diagram] : []))
    .at(-1);
  const missing = PIPELINE.filter((area) => summary.coverage[area]?.status === "missing");
  const title = (area: AreaId) => summary.coverage[area]?.title ?? area;
  const loopShown = Object.values(summary.coverage).some((entry) => entry.concepts.includes(content.matcher.label("feedback-loop")));
  const nodes: DiagramNode[] = [];
  const edges: Diagram["edges"] = [];
  const faded: string[] = [];
  if (drawn) {
    nodes.push(...drawn.nodes);
    edges.push(...drawn.edges);
    const last = mainPath(drawn).at(-1)?.id ?? drawn.nodes.at(-1)?.id;
    for (const area of missing) {
      const id = `missing-${area}`;
      nodes.push({ id, label: `${title(area)}: not covered`, shape: "box" });
      faded.push(id);
      if (last) edges.push({ from: last, to: id, style: "dotted", directed: true });
    }
  } else {
    const named = namedComponents(session, content);
    if (named.size === 0) return undefined;
    for (const area of PIPELINE) {
      const words = named.get(area);
      const id = `area-${area}`;
      nodes.push({ id, label: words ? `${title(area)}: ${words.join(", ")}` : `${title(area)}: not covered`, shape: "box" });
      if (!words) faded.push(id);
      const previous = nodes.at(-2);
      if (previous) edges.push({ from: previous.id, to: id, style: "solid", directed: true });
    }
  }
  if (!loopShown) {
    // The path from outcomes back to training that the design never showed.
    const from = drawn ? (mainPath(drawn).at(-1)?.id ?? "") : "area-monitoring-feedback";
    const to = drawn ? (mainPath(drawn)[0]?.id ?? "") : "area-training-evaluation";
    if (from && to && from !== to) edges.push({ from, to, label: "outcomes back to training: not shown", style: "dotted", directed: true });
  }
  const diagram: Diagram = { format: drawn?.format ?? "arrows", direction: drawn?.direction ?? "LR", nodes, edges, subgraphs: drawn?.subgraphs ?? [], dropped: [] };
  // Named in data-flow order, whatever order they were drawn in.
  const ordered = drawn ? [...flowOrder(drawn)] : nodes;
  const shown = ordered.filter((node) => !faded.includes(node.id)).map((node) => node.label);
  const alt = [`Your design${drawn ? " as drawn" : " as described"}: ${shown.join(" → ")}.`, missing.length ? `Not covered, drawn faded: ${missing.map((area) => title(area)).join(", ")}.` : "", loopShown ? "" : "No path brings outcomes back to training."]
    .filter(Boolean)
    .join(" ");
  return { diagram: { ...diagram, edges: edges.filter((edge) => nodes.some((node) => node.id === edge.from) && nodes.some((node) => node.id === edge.to)) }, faded, alt: [...alt].length > 400 ? `${[...alt].slice(0, 399).join("")}…` : alt };
}

/** The candidate's own short names for components, per part of the system, in the order first said. */
function namedComponents(session: Session, content: Content): Map<AreaId, string[]> {
  const named = new Map<AreaId, string[]>();
  candidateAnswers(session).forEach((entry, index) => {
    for (const sentence of content.analyser.analyse(entry.text, index)) {
      if (sentence.injection) continue;
      for (const claim of sentence.claims) {
        const area = content.matcher.areaOf(claim.concept);
        const words = claim.words.trim();
        if (claim.stance !== "proposes" || !area || !PIPELINE.includes(area) || !words || words.length > NAMES.maxName) continue;
        const list = named.get(area) ?? [];
        if (list.length < NAMES.perArea && !list.some((known) => known.toLowerCase() === words.toLowerCase())) named.set(area, [...list, words]);
      }
    }
  });
  return named;
}
