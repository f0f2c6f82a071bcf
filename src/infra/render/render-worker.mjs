// Lays out and rasterises drawings off the main thread, so a slow drawing can be stopped (the
// worker is terminated) and never holds up other interviews' turns. Plain JavaScript: it runs in
// its own Worker, outside whatever compiles the TypeScript.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { Resvg } from "@resvg/resvg-js";
import { instance } from "@viz-js/viz";

const require = createRequire(import.meta.url);
const fonts = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
const ready = instance();

parentPort?.on("message", async ({ id, dot, scale, fontFamily }) => {
  try {
    const viz = await ready;
    const svg = viz.renderString(dot, { format: "svg", engine: "dot" });
    // No resources directory and no system fonts: nothing outside the bundled font is read.
    const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: scale }, background: "white", font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: fontFamily, sansSerifFamily: fontFamily } });
    const png = Uint8Array.from(resvg.render().asPng());
    parentPort?.postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
