import { createRequire } from "node:module";
import { PNG } from "pngjs";
import * as PImage from "pureimage";

/**
 * A line chart over named bands, drawn on the server into a PNG: pure JavaScript (pureimage, pngjs)
 * with a font shipped as an npm package, so it needs no browser, no network and no native build.
 * It takes plain data and knows nothing of ratings or interviews, so other charts can reuse it.
 */
export interface BandChart {
  title: string;
  /** One label per point in time, oldest first (dates). */
  columns: readonly string[];
  /** The y axis as named bands, top band first (best rating first); no numbers are drawn. */
  bands: readonly string[];
  /** One line each; `values[i]` is the band index at column i, or null where there is no value. */
  series: ReadonlyArray<{ label: string; values: ReadonlyArray<number | null> }>;
}

export const CHART_SIZE = { width: 960, height: 540 } as const;

/** Okabe–Ito colours: told apart by readers with the common kinds of colour blindness. */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"] as const;

const STYLE = {
  background: "#FFFFFF",
  ink: "#1F2937",
  muted: "#6B7280",
  bandFill: ["#F3F4F6", "#FFFFFF"],
  rule: "#D1D5DB",
  margin: 24,
  titleSize: 22,
  labelSize: 14,
  lineWidth: 3,
  markerRadius: 5,
  /** Gap between lines that share a band, so one line never hides another. */
  spread: 6,
} as const;

const FONT = "DejaVuSans";
let fontLoaded = false;

/** Renders the chart as PNG bytes. */
export function renderBandChart(chart: BandChart): Buffer {
  loadFont();
  const { width, height } = CHART_SIZE;
  const image = PImage.make(width, height);
  const context = image.getContext("2d");
  context.fillStyle = STYLE.background;
  context.fillRect(0, 0, width, height);

  setFont(context, STYLE.titleSize);
  context.fillStyle = STYLE.ink;
  context.textAlign = "left";
  context.textBaseline = "top";
  context.fillText(chart.title, STYLE.margin, STYLE.margin);

  setFont(context, STYLE.labelSize);
  const bandLabelWidth = Math.max(0, ...chart.bands.map((band) => context.measureText(band).width));
  const legendWidth = Math.max(0, ...chart.series.map((line) => context.measureText(line.label).width)) + 36;
  const plot = {
    left: STYLE.margin + bandLabelWidth + 14,
    right: width - STYLE.margin - legendWidth - 16,
    top: STYLE.margin + STYLE.titleSize + 28,
    bottom: height - STYLE.margin - STYLE.labelSize - 14,
  };
  const bandHeight = (plot.bottom - plot.top) / Math.max(1, chart.bands.length);
  const columnWidth = (plot.right - plot.left) / Math.max(1, chart.columns.length);
  const x = (column: number) => plot.left + (column + 0.5) * columnWidth;
  const y = (band: number, line: number) => plot.top + (band + 0.5) * bandHeight + (line - (chart.series.length - 1) / 2) * STYLE.spread;

  drawBands(context, chart.bands, plot, bandHeight);
  drawColumns(context, chart.columns, plot, columnWidth, x);
  chart.series.forEach((line, index) => drawLine(context, line.values, colour(index), x, (band) => y(band, index)));
  drawLegend(context, chart.series, plot.right + 16, plot.top);

  return encode(image);
}

type Context = ReturnType<PImage.Bitmap["getContext"]>;
interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function drawBands(context: Context, bands: readonly string[], plot: Plot, bandHeight: number): void {
  context.textAlign = "right";
  context.textBaseline = "middle";
  bands.forEach((band, index) => {
    const top = plot.top + index * bandHeight;
    context.fillStyle = STYLE.bandFill[index % STYLE.bandFill.length] ?? STYLE.background;
    context.fillRect(plot.left, top, plot.right - plot.left, bandHeight);
    context.fillStyle = STYLE.ink;
    context.fillText(band, plot.left - 10, top + bandHeight / 2);
  });
  context.strokeStyle = STYLE.rule;
  context.lineWidth = 1;
  context.strokeRect(plot.left, plot.top, plot.right - plot.left, plot.bottom - plot.top);
}

function drawColumns(context: Context, columns: readonly string[], plot: Plot, columnWidth: number, x: (column: number) => number): void {
  context.fillStyle = STYLE.muted;
  context.textAlign = "center";
  context.textBaseline = "top";
  const widest = Math.max(1, ...columns.map((column) => context.measureText(column).width));
  // Crowded dates: label every n-th column counting back from the latest, rather than overprint them.
  const every = Math.max(1, Math.ceil((widest + 12) / columnWidth));
  columns.forEach((column, index) => {
    if ((columns.length - 1 - index) % every === 0) context.fillText(column, x(index), plot.bottom + 8);
  });
}

function drawLine(context: Context, values: ReadonlyArray<number | null>, stroke: string, x: (column: number) => number, y: (band: number) => number): void {
  context.strokeStyle = stroke;
  context.fillStyle = stroke;
  context.lineWidth = STYLE.lineWidth;
  // A missing value breaks the line: it says nothing about the interviews either side.
  let drawing = false;
  context.beginPath();
  values.forEach((value, column) => {
    if (value === null) {
      drawing = false;
      return;
    }
    if (drawing) context.lineTo(x(column), y(value));
    else context.moveTo(x(column), y(value));
    drawing = true;
  });
  context.stroke();
  values.forEach((value, column) => {
    if (value === null) return;
    context.beginPath();
    context.arc(x(column), y(value), STYLE.markerRadius, 0, Math.PI * 2);
    context.fill();
  });
}

function drawLegend(context: Context, series: BandChart["series"], left: number, top: number): void {
  context.textAlign = "left";
  context.textBaseline = "middle";
  series.forEach((line, index) => {
    const middle = top + 10 + index * 26;
    context.fillStyle = colour(index);
    context.fillRect(left, middle - 7, 22, 14);
    context.fillStyle = STYLE.ink;
    context.fillText(line.label, left + 30, middle);
  });
}

function colour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? STYLE.ink;
}

function setFont(context: Context, size: number): void {
  context.font = `${size}px ${FONT}`;
}

/** DejaVu Sans from its npm package, read once per process. */
function loadFont(): void {
  if (fontLoaded) return;
  const path = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
  PImage.registerFont(path, FONT).loadSync();
  fontLoaded = true;
}

function encode(image: PImage.Bitmap): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  // One fixed filter: trying all five per row (the default) costs several times the time for a few
  // kilobytes on flat-coloured charts, and "sub" suits their long horizontal runs.
  return PNG.sync.write(png, { filterType: 1 });
}
