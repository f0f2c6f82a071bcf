const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// Bidirectional controls in a quote could reverse the interviewer's own words around it.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** A quote short enough to repeat back: cut on a grapheme boundary at a word, with an ellipsis. */
export function shortQuote(text: string, limit = 160): string {
  const clean = text.replace(BIDI_CONTROLS, "").trim();
  const graphemes = [...segmenter.segment(clean)].map((segment) => segment.segment);
  if (graphemes.length <= limit) return clean;
  const cut = graphemes.slice(0, limit).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
