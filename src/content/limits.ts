/**
 * The most characters content may use where a chat platform shows it in a field of fixed size.
 * Adapters still clip as a last resort, but a title clipped mid-word, or one that no longer tells two
 * options apart, is a content mistake: it is refused when the file loads, naming the file and field,
 * instead of showing up wrong in a thread. Longer text (statements, hints, questions) goes in
 * messages, which adapters split, so it has no limit here.
 */
export const DISPLAY_LIMITS = {
  /**
   * A dimension's title starts each of its rating options in the Discord review form
   * ("Communication: Not shown"): a select option holds 100 characters, and 80 leaves room for
   * the longest rating.
   */
  dimensionTitle: 80,
  /**
   * A problem's title with its id, as the problem chooser lists it ("Real-time fraud detection … (fraud)"):
   * a Discord autocomplete choice and a thread's name hold 100 characters.
   */
  problemChoice: 100,
} as const satisfies Record<string, number>;

/** How the problem chooser names a problem; `DISPLAY_LIMITS.problemChoice` bounds it. */
export function problemChoiceName(problem: { id: string; title: string }): string {
  return `${problem.title} (${problem.id})`;
}
