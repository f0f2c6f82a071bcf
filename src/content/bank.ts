import { UserInputError } from "../core/errors.js";
import { LEVELS, LevelSchema, levelRank, type Level } from "./levels.js";
import { closest } from "./fuzzy.js";
import type { Problem } from "./schemas.js";

/** The problem bank: lookup by id or alias, suggestions for typos, and picks suited to a level. */
export class ProblemBank {
  private readonly byName = new Map<string, Problem>();

  constructor(readonly problems: readonly Problem[]) {
    for (const problem of problems) {
      for (const name of [problem.id, ...problem.aliases]) this.byName.set(name, problem);
    }
  }

  get ids(): string[] {
    return this.problems.map((problem) => problem.id);
  }

  find(name: string): Problem | undefined {
    return this.byName.get(normalise(name));
  }

  /** The problem by id, or an error naming the closest ids and listing them all. */
  resolve(name: string): Problem {
    const problem = this.find(name);
    if (problem) return problem;
    const suggestions = [
      ...new Set(closest(normalise(name), [...this.byName.keys()]).map((match) => this.byName.get(match)?.id ?? match)),
    ];
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((id) => `"${id}"`).join(" or ")}?` : "";
    throw new UserInputError(`Unknown problem "${name}".${hint} Problems: ${this.ids.join(", ")}.`);
  }

  forLevel(level: Level): Problem[] {
    return this.problems.filter((problem) => problem.levels.includes(level));
  }

  /**
   * A problem suited to the level, preferring one in the candidate's domain; `seed` makes the pick
   * deterministic per interview while spreading interviews across the bank.
   */
  pick(level: Level, options: { domain?: string | null; seed: string; exclude?: readonly string[] }): Problem {
    const suited = this.forLevel(level).filter((problem) => !options.exclude?.includes(problem.id));
    const pool = suited.length ? suited : this.problems.filter((problem) => !options.exclude?.includes(problem.id));
    const inDomain = options.domain ? pool.filter((problem) => matchesDomain(problem, options.domain ?? "")) : [];
    const choices = inDomain.length ? inDomain : pool;
    const chosen = choices[hash(options.seed) % choices.length] ?? this.problems[0];
    if (!chosen) throw new UserInputError("The problem bank is empty.");
    return chosen;
  }

  /** A problem one step harder (or easier) than `problem` for a candidate at `level`, if the bank has one. */
  shift(problem: Problem, direction: "harder" | "easier", seed: string): Problem | undefined {
    const rank = (candidate: Problem) =>
      direction === "harder" ? Math.max(...candidate.levels.map(levelRank)) : Math.min(...candidate.levels.map(levelRank));
    const current = rank(problem);
    const others = this.problems.filter((candidate) =>
      direction === "harder" ? rank(candidate) > current : rank(candidate) < current,
    );
    if (others.length === 0) return undefined;
    const nearest = direction === "harder" ? Math.min(...others.map(rank)) : Math.max(...others.map(rank));
    const step = others.filter((candidate) => rank(candidate) === nearest);
    return step[hash(seed) % step.length];
  }

  /** Finds the problem whose domain words or title appear in free text ("I work on payments"). */
  matchDomain(text: string): Problem | undefined {
    return this.problems.find((problem) => matchesDomain(problem, text));
  }
}

function matchesDomain(problem: Problem, text: string): boolean {
  const haystack = text.toLowerCase();
  return [...problem.domains, ...problem.aliases.map((alias) => alias.replace(/-/g, " "))].some((word) =>
    new RegExp(`\\b${escapeRegExp(word.toLowerCase())}\\b`).test(haystack),
  );
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, "-");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** FNV-1a: a stable, well-spread hash of a string. */
export function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** Parses a level name, or throws an error listing the valid levels. */
export function parseLevel(name: string): Level {
  const normalised = name.trim().toLowerCase();
  const aliases: Record<string, Level> = { intermediate: "mid", "mid-level": "mid", staff_plus: "staff", "staff+": "staff", principal: "staff", entry: "junior" };
  const parsed = LevelSchema.safeParse(normalised);
  const level = parsed.success ? parsed.data : aliases[normalised];
  if (!level) throw new UserInputError(`Unknown level "${name}". Valid levels: ${LEVELS.join(", ")}.`);
  return level;
}
