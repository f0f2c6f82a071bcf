// Rendering the progress chart on the server: a full chart (six dimensions over twelve interviews) to PNG.
import { RATINGS } from "../src/content/schemas.js";
import { RATING_LABELS } from "../src/voice/summary/message.js";
import { renderBandChart } from "../src/features/team/chart.js";
import { percentile } from "./stats.js";

export async function benchProgressChart(): Promise<void> {
  const columns = Array.from({ length: 12 }, (_, index) => `${index + 1} Nov`);
  const chart = {
    title: "Bench's ratings per dimension",
    columns,
    bands: RATINGS.map((rating) => RATING_LABELS[rating]),
    series: ["ML knowledge", "ML systems", "Problem solving", "Trade-offs", "Production", "Communication"].map((label, line) => ({
      label,
      values: columns.map((_, column) => (line + column) % RATINGS.length),
    })),
  };
  const first = process.hrtime.bigint();
  let bytes = renderBandChart(chart).length;
  const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
  const timings: number[] = [];
  for (let run = 0; run < 20; run++) {
    const started = process.hrtime.bigint();
    bytes = renderBandChart(chart).length;
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(
    `progress chart (960x540 PNG, 6 lines x 12 interviews): first ${firstMs.toFixed(0)} ms with the font load, then p50 ${percentile(timings, 50).toFixed(0)} ms, p99 ${percentile(timings, 99).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KiB (target p99 < 1,000 ms)`,
  );
}
