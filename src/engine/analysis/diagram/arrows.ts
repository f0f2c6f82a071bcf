import type { Diagram, DiagramNode } from "./model.js";
import { plainLabel } from "./label.js";

/** `->`, `-->`, `=>` or `→` between names; arrow lines are the quick way to draw a pipeline. */
const ARROW = /\s*(?:-{1,2}>|=>|→)\s*/;
/** A name in an arrow line: a few words, no sentence punctuation. */
const TERM = /^[\p{L}\p{N}][\p{L}\p{N} _./()'+-]{0,59}$/u;
const MAX_TERM_WORDS = 6;

/** Whether every line of `text` is `name -> name -> …`: only then is it a drawing rather than prose. */
export function isArrowLines(text: string): boolean {
  const lines = arrowStatements(text);
  return lines.length > 0 && lines.every((line) => termsOf(line) !== undefined);
}

/** Reads arrow lines into a left-to-right pipeline; the same name on two lines is one node. */
export function parseArrowLines(text: string): Diagram {
  const nodes = new Map<string, DiagramNode>();
  const diagram: Diagram = { format: "arrows", direction: "LR", nodes: [], edges: [], subgraphs: [], dropped: [] };
  for (const line of arrowStatements(text)) {
    const ids = (termsOf(line) ?? []).map((term) => {
      const label = plainLabel(term);
      const id = label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "_");
      if (!nodes.has(id)) nodes.set(id, { id, label, shape: "box" });
      return id;
    });
    for (let index = 1; index < ids.length; index++) {
      const from = ids[index - 1];
      const to = ids[index];
      if (from && to) diagram.edges.push({ from, to, style: "solid", directed: true });
    }
  }
  diagram.nodes = [...nodes.values()];
  return diagram;
}

function arrowStatements(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function termsOf(line: string): string[] | undefined {
  const terms = line.split(ARROW).map((term) => term.trim());
  if (terms.length < 2) return undefined;
  const valid = terms.every((term) => TERM.test(term) && term.split(/\s+/).length <= MAX_TERM_WORDS);
  return valid ? terms : undefined;
}
