import { isArrowLines, parseArrowLines } from "./arrows.js";
import { reachesOut } from "./label.js";
import { DiagramSyntaxError, parseMermaid } from "./mermaid.js";
import { DIAGRAM_LIMITS, type Diagram, type DiagramReading } from "./model.js";

const FENCE = /```[ \t]*([\w-]*)[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?```/;
const MERMAID_START = /^(?:graph|flowchart)\b/i;

/** The drawing a message holds, where it holds one: its format and source text. */
export function drawingSource(message: string): { source: string; mermaid: boolean } | undefined {
  const text = message.trim();
  const fenced = FENCE.exec(text);
  if (fenced) {
    const language = (fenced[1] ?? "").toLowerCase();
    const body = fenced[2] ?? "";
    if (language === "mermaid") return { source: body, mermaid: true };
    if (!language || language === "text") {
      if (MERMAID_START.test(body.trim())) return { source: body, mermaid: true };
      if (isArrowLines(body)) return { source: body, mermaid: false };
    }
    return undefined;
  }
  if (MERMAID_START.test(text)) return { source: text, mermaid: true };
  if (isArrowLines(text)) return { source: text, mermaid: false };
  return undefined;
}

/**
 * Reads a candidate's message as a drawing: a fenced ```mermaid block, a message starting
 * `graph`/`flowchart`, or lines of `a -> b -> c`. Pure; nothing in the drawing is fetched or run.
 */
export function readDiagram(message: string): DiagramReading {
  const found = drawingSource(message);
  if (!found) return { kind: "none" };
  const bytes = Buffer.byteLength(found.source, "utf8");
  if (bytes > DIAGRAM_LIMITS.maxBytes) return { kind: "refused", reason: "too-large", bytes };
  let diagram: Diagram;
  try {
    diagram = found.mermaid ? parseMermaid(found.source) : parseArrowLines(found.source);
  } catch (error) {
    if (error instanceof DiagramSyntaxError) return { kind: "invalid", line: error.line, text: error.text, reason: error.reason };
    throw error;
  }
  if (diagram.nodes.length > DIAGRAM_LIMITS.maxNodes) return { kind: "refused", reason: "too-many-nodes", nodes: diagram.nodes.length };
  if (diagram.edges.length > DIAGRAM_LIMITS.maxEdges) return { kind: "refused", reason: "too-many-edges", edges: diagram.edges.length };
  if (reachesOut(found.source)) diagram.dropped.push("links");
  return { kind: "diagram", diagram, source: found.source };
}
