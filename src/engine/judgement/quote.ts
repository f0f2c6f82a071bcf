import { stripBidiControls } from "../../core/text/bidi.js";
import { clip } from "../../core/text/clip.js";

/** A quote short enough to repeat back to the candidate, with no direction control left open. */
export function shortQuote(text: string, limit = 160): string {
  return clip(stripBidiControls(text).trim(), limit);
}
