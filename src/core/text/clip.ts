/**
 * Cutting text to a length without breaking what a reader sees as one character. Lengths are in
 * UTF-16 code units (JavaScript's `length`), the measure every platform limit here is checked in,
 * but cuts fall only between grapheme clusters: an emoji, a flag, a letter with its accents stay
 * whole. A cut through a surrogate pair leaves a lone surrogate, which Discord refuses outright
 * (the whole message is rejected) and Slack shows as U+FFFD.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The longest start of `text` that is at most `maxLength` code units and ends on a grapheme
 * boundary. When even the first grapheme is longer (a letter under hundreds of combining marks),
 * the cut falls between code points instead, so the result is never empty for a positive limit
 * (unless the first code point alone is longer) and never holds half a surrogate pair.
 */
export function graphemePrefix(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return "";
  // The grapheme holding the first unit past the limit starts at the cut. containing() looks the
  // boundary up where it is; iterating segments instead slows down with the length of the text.
  const end = graphemes.segment(text).containing(maxLength)?.index ?? 0;
  if (end > 0) return text.slice(0, end);
  let points = "";
  for (const point of text) {
    if (points.length + point.length > maxLength) break;
    points += point;
  }
  return points;
}

/** `text` within `limit` code units: whole if it fits, else cut at a grapheme boundary with `ellipsis` after it. */
export function clip(text: string, limit: number, ellipsis = "…"): string {
  if (text.length <= limit) return text;
  return `${graphemePrefix(text, Math.max(0, limit - ellipsis.length))}${ellipsis}`;
}
