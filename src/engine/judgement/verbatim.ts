import type { ClaimAnalyser } from "../analysis/claims.js";

/** Shortest quote worth checking: anything shorter matches too easily to prove anything. */
export const MIN_QUOTE = 12;

/** The form quotes are compared in: case, curly quotes and runs of space do not matter. */
export function normaliseQuote(text: string): string {
  return comparable(text).text;
}

/** The comparable form of `text` and, for each of its characters, where it came from. */
function comparable(text: string): { text: string; from: number[] } {
  let out = "";
  const from: number[] = [];
  let space = true;
  for (let index = 0; index < text.length; index++) {
    let char = text.charAt(index);
    if (/[\u2018\u2019]/.test(char)) char = "'";
    else if (/[\u201c\u201d]/.test(char)) char = '"';
    if (/\s/.test(char)) {
      if (space) continue;
      char = " ";
      space = true;
    } else space = false;
    const lower = char.toLowerCase();
    out += lower.length === 1 ? lower : char;
    from.push(index);
  }
  if (out.endsWith(" ")) {
    out = out.slice(0, -1);
    from.pop();
  }
  return { text: out, from };
}

/** Where `quote` stands in `text`, compared loosely but returned as `text`'s own characters. */
export function findVerbatim(quote: string, text: string): { text: string; start: number; end: number } | undefined {
  const needle = normaliseQuote(quote);
  if (needle.length < MIN_QUOTE) return undefined;
  const haystack = comparable(text);
  const at = haystack.text.indexOf(needle);
  if (at < 0) return undefined;
  const start = haystack.from[at] ?? 0;
  const end = (haystack.from[at + needle.length - 1] ?? start) + 1;
  return { text: text.slice(start, end), start, end };
}

/**
 * The quote as the candidate wrote it in one of their answers, outside every sentence aimed at
 * the grader (a quote that so much as overlaps one is refused); undefined when it is not theirs.
 */
export function candidateQuote(quote: string, answers: readonly string[], analyser: ClaimAnalyser): { text: string; answerIndex: number } | undefined {
  for (const [answerIndex, answer] of answers.entries()) {
    const found = findVerbatim(quote, answer);
    if (!found) continue;
    const injected = analyser.analyse(answer).filter((sentence) => sentence.injection);
    const overlaps = injected.some((sentence) => {
      const at = answer.indexOf(sentence.text);
      return at >= 0 && at < found.end && found.start < at + sentence.text.length;
    });
    if (!overlaps) return { text: found.text, answerIndex };
  }
  return undefined;
}
