/** A title as it reads mid-sentence: "Trade-off analysis" → "trade-off analysis", but "ML systems" stays. */
export function inSentence(title: string): string {
  const second = title.charAt(1);
  const acronym = second !== "" && second === second.toUpperCase() && second !== second.toLowerCase();
  return acronym ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** "a", "a and b", "a, b and c"; "as well as" when an item has its own "and" ("monitoring and feedback"). */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  const last = items[items.length - 1] ?? "";
  const joiner = items.some((item) => item.includes(" and ")) ? " as well as " : " and ";
  return `${items.slice(0, -1).join(", ")}${joiner}${last}`;
}
