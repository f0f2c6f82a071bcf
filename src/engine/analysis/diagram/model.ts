import { z } from "zod";

/**
 * A candidate's drawing, as text they wrote (Mermaid flowchart or arrow lines), read into boxes
 * and arrows. Nothing in it is ever fetched or executed: labels are plain text, links and click
 * directives are dropped when read.
 */
export const NODE_SHAPES = ["box", "round", "stadium", "subroutine", "cylinder", "circle", "asymmetric", "diamond", "hexagon", "parallelogram", "trapezoid"] as const;
export type NodeShape = (typeof NODE_SHAPES)[number];

export const DIRECTIONS = ["TB", "BT", "LR", "RL"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DiagramNodeSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  shape: z.enum(NODE_SHAPES),
  /** The subgraph it was first drawn in, if any. */
  subgraph: z.string().exactOptional(),
});

export const DiagramEdgeSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  label: z.string().exactOptional(),
  /** Dotted (`-.->`) edges are drawn dashed. */
  style: z.enum(["solid", "dotted", "thick"]),
  /** `---` draws a line without an arrowhead. */
  directed: z.boolean(),
});

export const SubgraphSchema = z.object({ id: z.string().min(1), title: z.string(), parent: z.string().exactOptional() });

export const DiagramSchema = z.object({
  format: z.enum(["mermaid", "arrows"]),
  direction: z.enum(DIRECTIONS),
  nodes: z.array(DiagramNodeSchema),
  edges: z.array(DiagramEdgeSchema),
  subgraphs: z.array(SubgraphSchema),
  /** What was left out on purpose (click directives, links, images, styling), for the log and the reply. */
  dropped: z.array(z.string()),
});

export type DiagramNode = z.infer<typeof DiagramNodeSchema>;
export type DiagramEdge = z.infer<typeof DiagramEdgeSchema>;
export type Subgraph = z.infer<typeof SubgraphSchema>;
export type Diagram = z.infer<typeof DiagramSchema>;

/** How big a drawing may be: past this it is refused, with the reason, before any layout runs. */
export const DIAGRAM_LIMITS = {
  maxNodes: 60,
  /** Layout time grows with crossings: 60 boxes with 120 arrows took over 5 s to lay out here. */
  maxEdges: 90,
  maxBytes: 10 * 1024,
  /** Longer labels are cut at this many characters, so one box cannot swallow the picture. */
  maxLabel: 80,
} as const satisfies Record<string, number>;

/** What reading a message as a drawing found. */
export type DiagramReading =
  | { kind: "none" }
  | { kind: "diagram"; diagram: Diagram; source: string }
  /** A drawing that could not be read: `line` counts from the drawing's first line (1-based). */
  | { kind: "invalid"; line: number; text: string; reason: string }
  | { kind: "refused"; reason: "too-many-nodes" | "too-many-edges" | "too-large"; nodes?: number; edges?: number; bytes?: number };
