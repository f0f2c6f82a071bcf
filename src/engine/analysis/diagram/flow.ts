import type { Diagram, DiagramEdge, DiagramNode } from "./model.js";

/**
 * The components of a drawing in data-flow order: sources first, each node after everything that
 * feeds it (cycles, such as a feedback loop, are broken where they close).
 */
export function flowOrder(diagram: Diagram): DiagramNode[] {
  const byId = new Map(diagram.nodes.map((node) => [node.id, node]));
  const incoming = new Map(diagram.nodes.map((node) => [node.id, 0]));
  for (const edge of diagram.edges) if (edge.from !== edge.to) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  const placed = new Set<string>();
  const order: DiagramNode[] = [];
  while (order.length < diagram.nodes.length) {
    // Ready nodes in drawing order; when only cycles remain, the first unplaced node breaks one.
    const ready = diagram.nodes.find((node) => !placed.has(node.id) && (incoming.get(node.id) ?? 0) <= 0) ?? diagram.nodes.find((node) => !placed.has(node.id));
    if (!ready) break;
    placed.add(ready.id);
    order.push(ready);
    for (const edge of diagram.edges) if (edge.from === ready.id && !placed.has(edge.to)) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) - 1);
  }
  return order.filter((node) => byId.has(node.id));
}

/** The longest path of arrows through the drawing, without revisiting a node: its main data flow. */
export function mainPath(diagram: Diagram): DiagramNode[] {
  const byId = new Map(diagram.nodes.map((node) => [node.id, node]));
  const out = new Map<string, string[]>();
  for (const edge of diagram.edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge.to]);
  let best: string[] = [];
  // At most 60 nodes, and each walk stops at a node already on it; bounded so a dense drawing cannot stall a turn.
  let steps = 0;
  const walk = (path: string[]): void => {
    if (++steps > 20_000) return;
    if (path.length > best.length) best = path;
    const last = path.at(-1);
    for (const next of last ? (out.get(last) ?? []) : []) if (!path.includes(next)) walk([...path, next]);
  };
  for (const node of flowOrder(diagram)) walk([node.id]);
  return best.flatMap((id) => byId.get(id) ?? []);
}

/** Nodes reachable from `start` along the arrows (start included). */
export function reachableFrom(diagram: Diagram, start: ReadonlySet<string>): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.shift();
    for (const edge of diagram.edges) {
      if (edge.from === id && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

/** An edge in words, as quoted on the scorecard: `labels → retraining (nightly)`. */
export function edgeText(edge: DiagramEdge, labelOf: (id: string) => string): string {
  return `${labelOf(edge.from)} ${edge.directed ? "→" : "—"} ${labelOf(edge.to)}${edge.label ? ` (${edge.label})` : ""}`;
}
