import { Worker } from "node:worker_threads";
import { DependencyDownError } from "../../core/errors.js";
import { DRAW_TIMEOUT_MS, type Drawer, type Picture } from "../../ports/drawer.js";
import { FONT_FAMILY, toDot } from "./dot.js";

/** Rendered at twice its laid-out size so it stays sharp on a phone. */
export const RENDER = { scale: 2 } as const;

interface Pending {
  resolve(png: Buffer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

type WorkerReply = { id: number; png: Uint8Array } | { id: number; error: string };

/**
 * Lays out with Graphviz compiled to WebAssembly (`@viz-js/viz`) and rasterises the SVG with resvg
 * (`@resvg/resvg-js`, a prebuilt binary from the registry) using the bundled DejaVu Sans, in a
 * worker thread (render-worker.mjs). Layout cannot be interrupted, so a drawing past its time limit
 * is stopped by terminating the worker: the interview goes on without the picture, and no other
 * thread's turn waits behind it. The SVG holds no links or images and nothing is fetched.
 */
export class GraphvizDrawer implements Drawer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  draw(picture: Picture, options: { timeoutMs?: number } = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? DRAW_TIMEOUT_MS;
    const dot = toDot(picture);
    const worker = (this.worker ??= this.spawn());
    const id = ++this.next;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.stop(new DependencyDownError(`Drawing took more than ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, dot, scale: RENDER.scale, fontFamily: FONT_FAMILY });
    });
  }

  /** Stops the worker (and whatever it is drawing); the next drawing starts a new one. */
  async close(): Promise<void> {
    this.stop(new DependencyDownError("The drawer was closed"));
  }

  private spawn(): Worker {
    const worker = new Worker(new URL("./render-worker.mjs", import.meta.url));
    worker.on("message", (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      clearTimeout(pending.timer);
      if ("error" in reply) pending.reject(new DependencyDownError(`Drawing failed: ${reply.error}`));
      else pending.resolve(Buffer.from(reply.png));
    });
    worker.on("error", (error) => this.stop(error));
    worker.on("exit", () => {
      if (this.worker === worker) this.stop(new DependencyDownError("The drawing worker stopped"));
    });
    // An idle drawer must not keep the process (a CLI run, a test) alive; after the listeners,
    // since adding a 'message' listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
