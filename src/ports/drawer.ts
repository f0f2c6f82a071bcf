import type { Diagram } from "../engine/analysis/diagram/model.js";

/** A drawing to lay out: the diagram, and which of its nodes stand for parts never covered (drawn faded and dashed). */
export interface Picture {
  diagram: Diagram;
  faded?: readonly string[];
}

/**
 * Lays a diagram out and renders it to PNG, without a browser or a native build. Rejects when
 * rendering fails or runs past `timeoutMs`; callers go on without the picture.
 */
export interface Drawer {
  draw(picture: Picture, options?: { timeoutMs?: number }): Promise<Buffer>;
}

/** How long a picture may take before the thread goes on without it. */
export const DRAW_TIMEOUT_MS = 2_000;
