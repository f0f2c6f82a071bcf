import type { Level } from "../content/levels.js";

const LEVEL_WORDS: ReadonlyArray<[RegExp, Level]> = [
  [/\b(staff|principal|distinguished|architect|tech lead|staff\+)\b/i, "staff"],
  [/\b(senior|sr\.?)\b/i, "senior"],
  [/\b(mid|mid-level|intermediate)\b/i, "mid"],
  [/\b(junior|jr\.?|entry[- ]level|new grad|graduate|intern)\b/i, "junior"],
];

/** The level a candidate states in free text ("senior, mostly payments", "about 6 years"), if any. */
export function detectLevel(text: string): Level | null {
  for (const [pattern, level] of LEVEL_WORDS) if (pattern.test(text)) return level;
  const years = /\b(\d{1,2})\+?\s*(years|yrs|yoe)\b/i.exec(text);
  if (years?.[1]) {
    const count = Number(years[1]);
    if (count >= 10) return "staff";
    if (count >= 5) return "senior";
    if (count >= 2) return "mid";
    return "junior";
  }
  return null;
}
