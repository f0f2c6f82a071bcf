/**
 * Unicode's explicit direction controls: embeddings and overrides (U+202A–U+202E, closed by
 * U+202C) and isolates (U+2066–U+2069). One left open in someone's words (an answer, a name)
 * reverses or reorders whatever the bot writes after it in the same paragraph, so text from
 * users and models loses them before it is shown. The implicit marks (LRM, RLM, ALM) open
 * nothing and stay.
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without explicit direction controls; the characters themselves keep their natural direction. */
export function stripBidiControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, "");
}
