import type { DiagramEdge, DiagramNode, NodeShape } from "../../engine/analysis/diagram/model.js";
import { mainPath } from "../../engine/analysis/diagram/flow.js";
import type { Picture } from "../../ports/drawer.js";

/** A left-to-right flow longer than this many boxes is laid out top to bottom, so it stays readable on a phone. */
export const MAX_BOXES_ACROSS = 8;

/** Graphviz shapes for Mermaid's; rounded ones are boxes with rounded corners. */
const SHAPES: Record<NodeShape, { shape: string; rounded?: boolean }> = {
  box: { shape: "box" },
  round: { shape: "box", rounded: true },
  stadium: { shape: "box", rounded: true },
  subroutine: { shape: "box3d" },
  cylinder: { shape: "cylinder" },
  circle: { shape: "circle" },
  asymmetric: { shape: "cds" },
  diamond: { shape: "diamond" },
  hexagon: { shape: "hexagon" },
  parallelogram: { shape: "parallelogram" },
  trapezoid: { shape: "trapezium" },
};

export const FONT_FAMILY = "DejaVu Sans";
const INK = "#1f2937";
const FILL = "#e8f0fe";
const FADED = "#9aa0a6";

/**
 * The picture as Graphviz DOT. Every label is a quoted string with its quotes and backslashes
 * escaped, so nothing a candidate writes becomes markup, an attribute, a link or an image.
 */
export function toDot(picture: Picture): string {
  const { diagram } = picture;
  const faded = new Set(picture.faded ?? []);
  const ids = new Map(diagram.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = [
    "digraph design {",
    `  graph [rankdir=${layoutDirection(picture)}, fontname="${FONT_FAMILY}", bgcolor="white", pad=0.3, nodesep=0.35, ranksep=0.45];`,
    `  node [fontname="${FONT_FAMILY}", fontsize=12, color="${INK}", fontcolor="${INK}", fillcolor="${FILL}", margin="0.15,0.06"];`,
    `  edge [fontname="${FONT_FAMILY}", fontsize=10, color="${INK}", fontcolor="${INK}", arrowsize=0.7];`,
  ];
  const nodeLine = (node: DiagramNode) => `${ids.get(node.id) ?? "n"} [${nodeAttributes(node, faded.has(node.id))}];`;
  const children = (parent: string | undefined) => diagram.subgraphs.filter((subgraph) => subgraph.parent === parent);
  const cluster = (id: string, depth: number): string[] => {
    const index = diagram.subgraphs.findIndex((subgraph) => subgraph.id === id);
    const subgraph = diagram.subgraphs[index];
    const pad = "  ".repeat(depth + 1);
    return [
      `${pad}subgraph cluster_${index} {`,
      `${pad}  label=${quote(subgraph?.title ?? "")}; style="rounded,dashed"; color="${FADED}"; fontcolor="${INK}";`,
      ...diagram.nodes.filter((node) => node.subgraph === id).map((node) => `${pad}  ${nodeLine(node)}`),
      ...children(id).flatMap((child) => cluster(child.id, depth + 1)),
      `${pad}}`,
    ];
  };
  for (const top of children(undefined)) lines.push(...cluster(top.id, 0));
  for (const node of diagram.nodes) if (!node.subgraph) lines.push(`  ${nodeLine(node)}`);
  for (const edge of diagram.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from && to) lines.push(`  ${from} -> ${to} [${edgeAttributes(edge, faded.has(edge.from) || faded.has(edge.to))}];`);
  }
  lines.push("}");
  return lines.join("\n");
}

function layoutDirection({ diagram }: Picture): string {
  const across = diagram.direction === "LR" || diagram.direction === "RL";
  return across && mainPath(diagram).length > MAX_BOXES_ACROSS ? "TB" : diagram.direction;
}

function nodeAttributes(node: DiagramNode, faded: boolean): string {
  const { shape, rounded } = SHAPES[node.shape];
  const style = [faded ? "dashed" : "filled", ...(rounded ? ["rounded"] : [])].join(",");
  const colours = faded ? `, color="${FADED}", fontcolor="${FADED}"` : "";
  return `label=${quote(node.label)}, shape=${shape}, style="${style}"${colours}`;
}

function edgeAttributes(edge: DiagramEdge, faded: boolean): string {
  const parts = [];
  if (edge.label) parts.push(`label=${quote(` ${edge.label} `)}`);
  if (edge.style === "dotted" || faded) parts.push(`style=dashed`);
  if (edge.style === "thick") parts.push("penwidth=2.2");
  if (!edge.directed) parts.push("dir=none");
  if (faded) parts.push(`color="${FADED}", fontcolor="${FADED}"`);
  return parts.join(", ");
}

/** A DOT string literal: only `\\` and `"` are special inside quotes, and line breaks become spaces. */
export function quote(text: string): string {
  return `"${text.replace(/[\r\n]+/g, " ").replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
