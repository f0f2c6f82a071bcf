// Rendering a candidate's drawing on the server: a 30-node Mermaid flowchart, read, laid out with
// Graphviz (WASM) and rasterised with resvg at 2x, to PNG.
import { PNG } from "pngjs";
import { readDiagram } from "../src/engine/analysis/diagram/read.js";
import { GraphvizDrawer } from "../src/infra/render/graphviz-drawer.js";
import { percentile } from "./stats.js";

/** Thirty components in three subgraphs, a main flow with labelled hops and a loop back to training. */
export function thirtyNodeDrawing(): string {
  const stages = ["ingest", "features", "serving"];
  const lines = ["```mermaid", "flowchart LR"];
  for (const [stage, name] of stages.entries()) {
    lines.push(`  subgraph ${name} [${name[0]?.toUpperCase()}${name.slice(1)}]`);
    for (let index = 0; index < 10; index++) {
      const id = stage * 10 + index;
      lines.push(`    n${id}[("Component ${id} store")]${index > 0 ? `\n    n${id - 1} -->|hop ${id}| n${id}` : ""}`);
    }
    lines.push("  end");
  }
  lines.push("  n9 --> n10", "  n19 --> n20", "  n29 -.-> n3", "```");
  return lines.join("\n");
}

export async function benchDiagramRender(): Promise<void> {
  const reading = readDiagram(thirtyNodeDrawing());
  if (reading.kind !== "diagram") throw new Error(`the bench drawing did not read: ${JSON.stringify(reading)}`);
  const drawer = new GraphvizDrawer();
  const picture = { diagram: reading.diagram };
  const first = process.hrtime.bigint();
  let png = await drawer.draw(picture, { timeoutMs: 10_000 });
  const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
  const timings: number[] = [];
  for (let run = 0; run < 30; run++) {
    const started = process.hrtime.bigint();
    png = await drawer.draw(picture, { timeoutMs: 10_000 });
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const { width, height } = PNG.sync.read(png);
  console.log(
    `diagram render (30 nodes, 31 edges, 3 subgraphs → ${width}x${height} PNG at 2x): first ${firstMs.toFixed(0)} ms with the WASM load, then p50 ${percentile(timings, 50).toFixed(0)} ms, p99 ${percentile(timings, 99).toFixed(0)} ms, ${(png.length / 1024).toFixed(0)} KiB (target p99 < 500 ms)`,
  );
}
