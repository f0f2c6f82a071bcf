import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { instance, type Viz } from "@viz-js/viz";
import { DependencyDownError } from "../../core/errors.js";
import { DRAW_TIMEOUT_MS, type Drawer, type Picture } from "../../ports/drawer.js";
import { FONT_FAMILY, toDot } from "./dot.js";

/** Rendered at twice its laid-out size so it stays sharp on a phone. */
export const RENDER = { scale: 2 } as const;

const require = createRequire(import.meta.url);
let fonts: string[] | undefined;
let viz: Promise<Viz> | undefined;

/**
 * Lays out with Graphviz compiled to WebAssembly (`@viz-js/viz`) and rasterises the SVG with resvg
 * (`@resvg/resvg-js`, a prebuilt binary from the registry) using the bundled DejaVu Sans, with
 * system fonts off. The SVG holds no links or images, and resvg is given no resources directory,
 * so nothing is fetched.
 */
export class GraphvizDrawer implements Drawer {
  async draw(picture: Picture, options: { timeoutMs?: number } = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? DRAW_TIMEOUT_MS;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DependencyDownError(`Drawing took more than ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const layout = await Promise.race([(viz ??= instance()), timeout]);
      const svg = layout.renderString(toDot(picture), { format: "svg", engine: "dot" });
      // Layout and rasterising run on this thread; past the limit after layout, skip the rest.
      if (performance.now() - started > timeoutMs) throw new DependencyDownError(`Drawing took more than ${timeoutMs} ms`);
      return rasterise(svg);
    } finally {
      clearTimeout(timer);
    }
  }
}

export function rasterise(svg: string): Buffer {
  fonts ??= ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: RENDER.scale }, background: "white", font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY } });
  return resvg.render().asPng();
}
