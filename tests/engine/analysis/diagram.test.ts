import { describe, expect, test } from "@jest/globals";
import { readDiagram } from "../../../src/engine/analysis/diagram/read.js";
import type { Diagram } from "../../../src/engine/analysis/diagram/model.js";

function diagramOf(message: string): Diagram {
  const reading = readDiagram(message);
  if (reading.kind !== "diagram") throw new Error(`expected a diagram, got ${JSON.stringify(reading)}`);
  return reading.diagram;
}

const edges = (diagram: Diagram): string[] => diagram.edges.map((edge) => `${edge.from}>${edge.to}${edge.label ? `:${edge.label}` : ""}`);

describe("a message is read as a drawing", () => {
  test("a fenced mermaid block gives nodes with labels and shapes, and labelled edges", () => {
    const diagram = diagramOf(["Here is my design:", "```mermaid", "flowchart LR", '  events([Card events]) --> kafka[(Kafka)]', "  kafka -->|stream| flink{{Flink}}", "  flink -- features --> redis[(Redis)]", "  redis --> scorer(Scorer)", "```"].join("\n"));
    expect(diagram.direction).toBe("LR");
    expect(diagram.nodes.map((node) => [node.id, node.label, node.shape])).toEqual([
      ["events", "Card events", "stadium"],
      ["kafka", "Kafka", "cylinder"],
      ["flink", "Flink", "hexagon"],
      ["redis", "Redis", "cylinder"],
      ["scorer", "Scorer", "round"],
    ]);
    expect(edges(diagram)).toEqual(["events>kafka", "kafka>flink:stream", "flink>redis:features", "redis>scorer"]);
  });

  test("a message starting with graph, statements separated by semicolons, is a drawing", () => {
    const diagram = diagramOf("graph TD; A[Labels] --> B[Retraining]; B -.-> C{Deploy?}; A & B --> D");
    expect(diagram.direction).toBe("TB");
    expect(edges(diagram)).toEqual(["A>B", "B>C", "A>D", "B>D"]);
    expect(diagram.edges[1]?.style).toBe("dotted");
    expect(diagram.nodes.find((node) => node.id === "C")?.shape).toBe("diamond");
  });

  test("subgraphs hold their nodes, nested ones name their parent", () => {
    const diagram = diagramOf(["flowchart TB", "subgraph online [Online path]", "  api --> scorer", "  subgraph cache", "    redis", "  end", "end", "batch --> api"].join("\n"));
    expect(diagram.subgraphs).toEqual([{ id: "online", title: "Online path" }, { id: "cache", title: "cache", parent: "online" }]);
    expect(diagram.nodes.find((node) => node.id === "redis")?.subgraph).toBe("cache");
    expect(diagram.nodes.find((node) => node.id === "batch")?.subgraph).toBeUndefined();
  });

  test("arrow lines are a left-to-right pipeline, one node per name", () => {
    const diagram = diagramOf("events -> kafka -> flink -> redis -> scorer\nlabels -> retraining -> scorer");
    expect(diagram.format).toBe("arrows");
    expect(diagram.nodes.map((node) => node.label)).toEqual(["events", "kafka", "flink", "redis", "scorer", "labels", "retraining"]);
    expect(edges(diagram)).toContain("labels>retraining");
    expect(edges(diagram)).toContain("retraining>scorer");
  });

  test("prose that happens to contain an arrow is not a drawing", () => {
    expect(readDiagram("I would send events -> kafka because the volume is high, then score them.").kind).toBe("none");
    expect(readDiagram("I'd start from the business goal.").kind).toBe("none");
    expect(readDiagram("```python\nprint('a -> b')\n```").kind).toBe("none");
  });
});

describe("a drawing that cannot be read, or is too big, says why", () => {
  test("malformed mermaid names the line and what is wrong", () => {
    const reading = readDiagram("```mermaid\nflowchart LR\n  a --> b\n  b --> \n```");
    expect(reading).toMatchObject({ kind: "invalid", line: 3 });
    if (reading.kind === "invalid") expect(reading.reason).toMatch(/needs a node after it/);
  });

  test("an unclosed label and an unclosed subgraph are named", () => {
    expect(readDiagram("flowchart LR\n  a[Kafka --> b")).toMatchObject({ kind: "invalid", line: 2, reason: expect.stringMatching(/never closes with `\]`/) });
    expect(readDiagram("flowchart LR\nsubgraph online\n a --> b")).toMatchObject({ kind: "invalid", reason: expect.stringMatching(/never closed with `end`/) });
    expect(readDiagram("flowchart sideways\na-->b")).toMatchObject({ kind: "invalid", line: 1 });
  });

  test("more than 60 nodes is refused with the count", () => {
    const chain = Array.from({ length: 61 }, (_, index) => `n${index}`).join(" --> ");
    expect(readDiagram(`flowchart LR\n${chain}`)).toEqual({ kind: "refused", reason: "too-many-nodes", nodes: 61 });
  });

  test("more than 10 KB is refused before it is read", () => {
    const lines = Array.from({ length: 400 }, (_, index) => `  a${index % 50}[${"x".repeat(20)}] --> b${index % 5}`);
    const reading = readDiagram(["```mermaid", "flowchart LR", ...lines, "```"].join("\n"));
    expect(reading).toMatchObject({ kind: "refused", reason: "too-large" });
  });
});

describe("nothing in a drawing reaches outside", () => {
  test("click directives are dropped and links and images in labels become plain words", () => {
    const diagram = diagramOf(['flowchart LR', 'a["<img src=\'http://evil.example/x.png\'> Kafka"] --> b["<a href=\'https://x.example\'>Docs</a>"]', 'click a "https://evil.example" _blank', 'click b callback', 'style a fill:#f9f'].join("\n"));
    expect(diagram.nodes.map((node) => node.label)).toEqual(["Kafka", "Docs"]);
    expect(diagram.dropped).toEqual(expect.arrayContaining(["click", "styling", "links"]));
    expect(JSON.stringify(diagram)).not.toMatch(/https?:|<img|<a /);
  });
});

describe("a drawing too dense to lay out in time is refused", () => {
  test("more than 90 arrows is refused with the count", () => {
    const left = Array.from({ length: 10 }, (_, index) => `a${index}`).join(" & ");
    const right = Array.from({ length: 10 }, (_, index) => `b${index}`).join(" & ");
    expect(readDiagram(`flowchart LR\n${left} --> ${right}`)).toEqual({ kind: "refused", reason: "too-many-edges", edges: 100 });
  });
});
