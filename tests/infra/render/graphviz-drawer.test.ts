import { describe, expect, test } from "@jest/globals";
import { PNG } from "pngjs";
import { readDiagram } from "../../../src/engine/analysis/diagram/read.js";
import type { Diagram } from "../../../src/engine/analysis/diagram/model.js";
import { toDot } from "../../../src/infra/render/dot.js";
import { GraphvizDrawer } from "../../../src/infra/render/graphviz-drawer.js";

function diagramOf(message: string): Diagram {
  const reading = readDiagram(message);
  if (reading.kind !== "diagram") throw new Error(JSON.stringify(reading));
  return reading.diagram;
}

describe("a drawing is rendered to PNG without a browser", () => {
  test("arrow lines become a real PNG, laid out left to right at 2x", async () => {
    const png = await new GraphvizDrawer().draw({ diagram: diagramOf("events -> kafka -> flink -> redis -> scorer") });
    const image = PNG.sync.read(png);
    expect(image.width).toBeGreaterThan(image.height);
    expect(image.width).toBeGreaterThan(600);
    expect(image.height).toBeGreaterThan(60);
  });

  test("a drawing past its time limit is stopped, and the next one is drawn", async () => {
    const drawer = new GraphvizDrawer();
    // One millisecond is less than any layout takes: the worker is stopped mid-drawing.
    await expect(drawer.draw({ diagram: diagramOf("events -> kafka -> flink") }, { timeoutMs: 1 })).rejects.toThrow(/took more than 1 ms/);
    const png = await drawer.draw({ diagram: diagramOf("events -> kafka -> flink") });
    expect(PNG.sync.read(png).width).toBeGreaterThan(100);
    await drawer.close();
  });

  test("a label cannot become DOT markup: quotes and backslashes stay text, no image or link attribute appears", () => {
    const dot = toDot({ diagram: diagramOf('flowchart LR\n a[Kafka" image="http://evil.example/x.png \\ y] --> b[URL=x]') });
    expect(dot).not.toMatch(/[,[]\s*image="/);
    expect(dot).not.toMatch(/[,[]\s*(?:URL|href)=/);
    expect(dot).toContain('label="Kafka\\" image=\\"http://evil.example/x.png \\\\ y"');
    expect(dot).toContain('label="URL=x"');
  });

  test("parts never covered are drawn dashed and faded", () => {
    const dot = toDot({ diagram: diagramOf("data -> model -> monitoring"), faded: ["monitoring"] });
    expect(dot).toMatch(/label="monitoring", shape=box, style="dashed", color="#9aa0a6"/);
    expect(dot).toMatch(/n1 -> n2 \[style=dashed, color="#9aa0a6"/);
  });
});
