import type { ProblemBank } from "../content/bank.js";
import { editDistance } from "../content/fuzzy.js";
import type { Problem } from "../content/schemas.js";
import type { Level } from "../content/levels.js";

/**
 * Problems for what the user has typed so far, best first: problems whose id, alias or title
 * match (exact names first, then prefixes and title words, then anywhere, then slips such as
 * "frud"), only those suited to `level` when one is chosen. Empty text lists the whole bank (for
 * the level) in bank order. Any platform with type-ahead (Discord's autocomplete) draws these.
 */
export function suggestProblems(bank: ProblemBank, typed: string, options: { level?: Level | undefined; limit: number }): Problem[] {
  const text = typed.trim().toLowerCase().replace(/\s+/g, " ");
  const pool = options.level ? bank.forLevel(options.level) : [...bank.problems];
  return pool
    .map((problem, order) => ({ problem, order, rank: text ? matchRank(problem, text) : 0 }))
    .filter((entry): entry is { problem: Problem; order: number; rank: number } => entry.rank !== undefined)
    .sort((left, right) => left.rank - right.rank || left.order - right.order)
    .slice(0, options.limit)
    .map(({ problem }) => problem);
}

function matchRank(problem: Problem, text: string): number | undefined {
  const dashed = text.replace(/ /g, "-");
  const names = [problem.id, ...problem.aliases];
  const title = problem.title.toLowerCase();
  if (names.includes(dashed)) return 0;
  if (names.some((name) => name.startsWith(dashed))) return 1;
  if (title.startsWith(text) || title.split(/\s+/).some((word) => word.startsWith(text))) return 2;
  // One letter inside a word matches nearly everything; only prefixes count until there are two.
  if (text.length >= 2 && (names.some((name) => name.includes(dashed)) || title.includes(text))) return 3;
  if (dashed.length >= 4 && names.some((name) => isTypoOf(dashed, name))) return 4;
  return undefined;
}

/**
 * Whether `typed` is a slip of the start of `name` ("frud" for "fraud"): the text so far against the
 * name's opening of about the same length, allowing one edit (two from six letters on).
 */
function isTypoOf(typed: string, name: string): boolean {
  const allowed = typed.length >= 6 ? 2 : 1;
  return [typed.length - 1, typed.length, typed.length + 1].some((length) => editDistance(typed, name.slice(0, length)) <= allowed);
}

/** Time zones the runtime knows (what parseWeekly accepts), matching what was typed; UTC first when nothing is. */
export function suggestTimezones(typed: string, limit: number): string[] {
  const text = typed.trim().toLowerCase().replace(/\s+/g, "_");
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return zones
    .map((zone) => {
      const name = zone.toLowerCase();
      const city = name.slice(name.lastIndexOf("/") + 1);
      const rank = !text ? 0 : name === text || city === text ? 0 : name.startsWith(text) || city.startsWith(text) ? 1 : name.includes(text) ? 2 : undefined;
      return { zone, rank };
    })
    .filter((entry): entry is { zone: string; rank: number } => entry.rank !== undefined)
    .sort((left, right) => left.rank - right.rank)
    .slice(0, limit)
    .map(({ zone }) => zone);
}
