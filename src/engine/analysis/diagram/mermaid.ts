import { DIAGRAM_LIMITS, DIRECTIONS, type Diagram, type DiagramEdge, type DiagramNode, type Direction, type NodeShape } from "./model.js";
import { plainLabel } from "./label.js";

/** A line of the drawing that cannot be read: which line, and what is wrong with it. */
export class DiagramSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly text: string,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "DiagramSyntaxError";
  }
}

const HEADER = /^(?:graph|flowchart)(?:\s+([A-Za-z]{2}))?\s*$/i;
const ID = /^[\p{L}\p{N}_][\p{L}\p{N}_.]*/u;
/** Shapes by their opening bracket, longest first so `([` is not read as `(`. */
const SHAPES: ReadonlyArray<{ open: string; close: string; shape: NodeShape }> = [
  { open: "([", close: "])", shape: "stadium" },
  { open: "((", close: "))", shape: "circle" },
  { open: "[(", close: ")]", shape: "cylinder" },
  { open: "[[", close: "]]", shape: "subroutine" },
  { open: "{{", close: "}}", shape: "hexagon" },
  { open: "[/", close: "/]", shape: "parallelogram" },
  { open: "[\\", close: "\\]", shape: "parallelogram" },
  { open: "[", close: "]", shape: "box" },
  { open: "(", close: ")", shape: "round" },
  { open: "{", close: "}", shape: "diamond" },
  { open: ">", close: "]", shape: "asymmetric" },
];
/** A whole arrow: `-->`, `---`, `-.->`, `==>`, `--o`, `<-->`, `~~~`. */
const ARROW = /^<?(?:-{2,}[>ox]?|-\.+-[>ox]?|={2,}[>ox]?|~{3,})(?=[\s|\p{L}\p{N}_"]|$)/u;
/** The first half of an arrow carrying text: `-- label -->`, `== label ==>`, `-. label .->`. */
const OPEN_TEXT_ARROW = /^<?(--|==|-\.)(?=\s)/;
const CLOSE_TEXT_ARROW = /\s(-{2,}[>ox]?|={2,}[>ox]?|\.-+[>ox]?)(?=[\s\p{L}\p{N}_]|$)/u;
/** Statements that only style the picture: read past them. */
const STYLING = /^(?:classDef|class|style|linkStyle|direction)\b/;
/** Statements that would make the picture act: never kept. */
const ACTIVE = /^(?:click|href|call)\b/;

interface Cursor {
  text: string;
  at: number;
}

/** Reads a Mermaid flowchart (the text after any fence). Throws DiagramSyntaxError naming the line. */
export function parseMermaid(source: string): Diagram {
  const lines = source.split(/\r?\n/);
  const diagram: Diagram = { format: "mermaid", direction: "TB", nodes: [], edges: [], subgraphs: [], dropped: [] };
  const nodes = new Map<string, DiagramNode>();
  const open: string[] = [];
  let headerSeen = false;
  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.replace(/%%.*$/, "").trim();
    if (!line) return;
    for (const raw of splitStatements(line)) {
      const statement = raw.trim();
      if (!statement) continue;
      const fail = (reason: string): never => {
        throw new DiagramSyntaxError(lineNumber, rawLine.trim(), reason);
      };
      if (!headerSeen) {
        const header = HEADER.exec(statement);
        if (!header) fail("a Mermaid flowchart starts with `graph` or `flowchart` and a direction, e.g. `flowchart LR`");
        headerSeen = true;
        const direction = header?.[1]?.toUpperCase();
        if (direction) diagram.direction = directionOf(direction) ?? fail(`\`${direction}\` is not a direction: use TB, TD, BT, LR or RL`);
        continue;
      }
      if (/^end$/i.test(statement)) {
        if (!open.pop()) fail("`end` closes a subgraph, but none is open here");
        continue;
      }
      const subgraph = /^subgraph\b\s*(.*)$/i.exec(statement);
      if (subgraph) {
        const { id, title } = subgraphName(subgraph[1] ?? "", diagram.subgraphs.length, fail);
        const parent = open.at(-1);
        diagram.subgraphs.push({ id, title, ...(parent ? { parent } : {}) });
        open.push(id);
        continue;
      }
      if (ACTIVE.test(statement)) {
        diagram.dropped.push("click");
        continue;
      }
      if (STYLING.test(statement)) {
        if (!diagram.dropped.includes("styling")) diagram.dropped.push("styling");
        continue;
      }
      readChain({ text: statement, at: 0 }, diagram, nodes, open.at(-1), fail);
    }
  });
  if (!headerSeen) throw new DiagramSyntaxError(1, "", "the drawing is empty");
  if (open.length > 0) throw new DiagramSyntaxError(lines.length, lines.at(-1)?.trim() ?? "", `subgraph \`${open.at(-1) ?? ""}\` is never closed with \`end\``);
  diagram.nodes = [...nodes.values()];
  return diagram;
}

/** `;` separates statements, except inside a label. */
function splitStatements(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "[" || char === "(" || char === "{")) depth++;
    else if (!quoted && (char === "]" || char === ")" || char === "}")) depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && char === ";") {
      parts.push(line.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(line.slice(start));
  return parts;
}

function directionOf(text: string): Direction | undefined {
  if (text === "TD") return "TB";
  return DIRECTIONS.find((direction) => direction === text);
}

function subgraphName(rest: string, count: number, fail: (reason: string) => never): { id: string; title: string } {
  const trimmed = rest.trim();
  if (!trimmed) return { id: `subgraph${count + 1}`, title: "" };
  const bracketed = /^([\p{L}\p{N}_.]+)\s*\[\s*"?([^"\]]*)"?\s*\]$/u.exec(trimmed);
  if (bracketed) return { id: bracketed[1] ?? trimmed, title: plainLabel(bracketed[2] ?? "") };
  if (/[[\]{}()]/.test(trimmed)) fail("a subgraph is named `subgraph id [Title]` or `subgraph Title`");
  const title = plainLabel(trimmed.replace(/^"|"$/g, ""));
  return { id: /^[\p{L}\p{N}_.]+$/u.test(trimmed) ? trimmed : `subgraph${count + 1}`, title };
}

/** `a & b --> c -->|label| d`: node groups joined by arrows. */
function readChain(cursor: Cursor, diagram: Diagram, nodes: Map<string, DiagramNode>, subgraph: string | undefined, fail: (reason: string) => never): void {
  let previous = readGroup(cursor, nodes, subgraph, fail);
  for (;;) {
    skipSpace(cursor);
    if (cursor.at >= cursor.text.length) return;
    const arrow = readArrow(cursor, fail);
    if (!arrow) fail(`I can't read \`${cursor.text.slice(cursor.at, cursor.at + 20)}\` here: expected an arrow such as \`-->\` or the end of the line`);
    skipSpace(cursor);
    if (cursor.at >= cursor.text.length) fail(`the arrow \`${arrow.token}\` needs a node after it`);
    const next = readGroup(cursor, nodes, subgraph, fail);
    for (const from of previous) {
      for (const to of next) {
        const edge: DiagramEdge = { from, to, style: arrow.style, directed: arrow.directed };
        if (arrow.label) edge.label = arrow.label;
        diagram.edges.push(edge);
      }
    }
    previous = next;
  }
}

function readGroup(cursor: Cursor, nodes: Map<string, DiagramNode>, subgraph: string | undefined, fail: (reason: string) => never): string[] {
  const ids = [readNode(cursor, nodes, subgraph, fail)];
  for (;;) {
    skipSpace(cursor);
    if (cursor.text[cursor.at] !== "&") return ids;
    cursor.at++;
    skipSpace(cursor);
    ids.push(readNode(cursor, nodes, subgraph, fail));
  }
}

function readNode(cursor: Cursor, nodes: Map<string, DiagramNode>, subgraph: string | undefined, fail: (reason: string) => never): string {
  const rest = cursor.text.slice(cursor.at);
  const id = ID.exec(rest)?.[0];
  if (!id) fail(`expected a node name at \`${rest.slice(0, 20)}\``);
  cursor.at += id.length;
  const after = cursor.text.slice(cursor.at);
  const shape = SHAPES.find((candidate) => after.startsWith(candidate.open));
  let label: string | undefined;
  if (shape) {
    const body = after.slice(shape.open.length);
    let end: number;
    let text: string;
    if (body.trimStart().startsWith('"')) {
      const quoteStart = body.indexOf('"');
      const quoteEnd = body.indexOf('"', quoteStart + 1);
      if (quoteEnd < 0) fail(`the label of \`${id}\` opens a quote that never closes`);
      text = body.slice(quoteStart + 1, quoteEnd);
      end = body.indexOf(shape.close, quoteEnd + 1);
      if (end < 0 || body.slice(quoteEnd + 1, end).trim()) fail(`the label of \`${id}\` should end with \`${shape.close}\` right after its closing quote`);
    } else {
      end = body.indexOf(shape.close);
      if (end < 0) fail(`the label of \`${id}\` opens with \`${shape.open}\` but never closes with \`${shape.close}\``);
      text = body.slice(0, end);
    }
    cursor.at += shape.open.length + end + shape.close.length;
    label = plainLabel(text);
  }
  const existing = nodes.get(id);
  if (!existing) nodes.set(id, { id, label: label ?? plainLabel(id), shape: shape?.shape ?? "box", ...(subgraph ? { subgraph } : {}) });
  else if (label !== undefined && shape) nodes.set(id, { ...existing, label, shape: shape.shape });
  if (nodes.size > DIAGRAM_LIMITS.maxNodes * 4) fail("the drawing has far too many nodes");
  return id;
}

interface Arrow {
  token: string;
  label?: string;
  style: DiagramEdge["style"];
  directed: boolean;
}

function readArrow(cursor: Cursor, fail: (reason: string) => never): Arrow | undefined {
  const rest = cursor.text.slice(cursor.at);
  const openText = OPEN_TEXT_ARROW.exec(rest);
  const whole = ARROW.exec(rest);
  if (openText && (!whole || whole[0].length <= openText[0].length)) {
    const afterOpen = rest.slice(openText[0].length);
    const close = CLOSE_TEXT_ARROW.exec(afterOpen);
    if (!close || close.index === undefined) fail(`the arrow \`${openText[0]}\` starts a label but never ends with an arrow such as \`-->\``);
    const closeToken = close[1] ?? "";
    cursor.at += openText[0].length + close.index + close[0].length;
    return { token: closeToken, label: plainLabel(afterOpen.slice(0, close.index)), ...arrowKind(openText[0] + closeToken) };
  }
  if (!whole) return undefined;
  cursor.at += whole[0].length;
  const arrow: Arrow = { token: whole[0], ...arrowKind(whole[0]) };
  const pipe = /^\s*\|([^|]*)\|/.exec(cursor.text.slice(cursor.at));
  if (pipe) {
    cursor.at += pipe[0].length;
    arrow.label = plainLabel(pipe[1] ?? "");
  }
  return arrow;
}

function arrowKind(token: string): Pick<Arrow, "style" | "directed"> {
  const style = token.includes(".") ? "dotted" : token.includes("=") ? "thick" : "solid";
  return { style, directed: /[>ox]$/.test(token) };
}

function skipSpace(cursor: Cursor): void {
  while (cursor.at < cursor.text.length && /\s/.test(cursor.text[cursor.at] ?? "")) cursor.at++;
}
