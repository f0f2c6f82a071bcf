import { graphemePrefix } from "../../src/core/text/clip.js";

/**
 * Splits text into pieces no longer than `limit`, preferring paragraph breaks, then line breaks,
 * then sentence ends, then spaces; a single unbroken run longer than `limit` is cut hard, between
 * graphemes, so an emoji is never split across two messages.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit <= 0) throw new RangeError("limit must be positive");
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut = lastBreak(window, "\n\n") ?? lastBreak(window, "\n") ?? lastSentenceEnd(window) ?? lastBreak(window, " ") ?? hardCut(rest, limit);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Where an unbroken run is cut: the last grapheme boundary within `limit`, or after the first code point when not even that fits, so every piece makes progress. */
function hardCut(text: string, limit: number): number {
  const cut = graphemePrefix(text, limit).length;
  return cut > 0 ? cut : String.fromCodePoint(text.codePointAt(0) ?? 0).length;
}

function lastBreak(window: string, separator: string): number | undefined {
  const index = window.lastIndexOf(separator);
  return index > window.length / 3 ? index : undefined;
}

function lastSentenceEnd(window: string): number | undefined {
  let found: number | undefined;
  for (const match of window.matchAll(/[.!?](?=\s)/g)) found = match.index + 1;
  return found !== undefined && found > window.length / 3 ? found : undefined;
}
