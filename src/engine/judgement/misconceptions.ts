import type { AnalysedSentence } from "../analysis/claims.js";
import { stanceAt } from "../analysis/stance.js";
import type { Misconception, Problem } from "../../content/schemas.js";

const CACHE_LIMIT = 4_000;

interface Compiled {
  misconception: Misconception;
  patterns: RegExp[];
  unless: RegExp[];
  rejects: ReadonlySet<string>;
}

/**
 * The wrong ideas the interviewer listens for: the rubric's general ones, kept where the problem
 * has a trait that makes them wrong, plus the problem's own. Compiled once at load.
 */
export class MisconceptionBook {
  private readonly general: Compiled[];
  private readonly byProblem = new Map<string, Compiled[]>();
  private readonly byId = new Map<string, Misconception>();
  private readonly found = new Map<string, Misconception[]>();

  constructor(general: readonly Misconception[], problems: readonly Problem[]) {
    this.general = general.map(compile);
    for (const misconception of general) this.byId.set(misconception.id, misconception);
    for (const problem of problems) {
      const traits = new Set(problem.traits);
      const replaced = new Set(problem.misconceptions.flatMap((misconception) => misconception.replaces));
      const applicable = this.general.filter(
        ({ misconception }) => !replaced.has(misconception.id) && (misconception.appliesTo.length === 0 || misconception.appliesTo.some((trait) => traits.has(trait))),
      );
      this.byProblem.set(problem.id, [...applicable, ...problem.misconceptions.map(compile)]);
      for (const misconception of problem.misconceptions) this.byId.set(misconception.id, misconception);
    }
  }

  get(id: string): Misconception | undefined {
    return this.byId.get(id);
  }

  /** Misconceptions that apply to the problem (only the trait-free general ones when there is none yet). */
  applicable(problem: Problem | undefined): Misconception[] {
    return this.compiledFor(problem).map(({ misconception }) => misconception);
  }

  /** The misconceptions one sentence asserts, for this problem; cached, since every turn re-reads its answer. */
  find(sentence: AnalysedSentence, problem: Problem | undefined): Misconception[] {
    if (sentence.injection) return [];
    const key = `${problem?.id ?? ""}\n${sentence.text}`;
    const cached = this.found.get(key);
    if (cached) return cached;
    const found = this.compiledFor(problem)
      .filter((entry) => asserts(entry, sentence))
      .map(({ misconception }) => misconception);
    if (this.found.size >= CACHE_LIMIT) this.found.clear();
    this.found.set(key, found);
    return found;
  }

  private compiledFor(problem: Problem | undefined): Compiled[] {
    if (!problem) return this.general.filter(({ misconception }) => misconception.appliesTo.length === 0);
    return this.byProblem.get(problem.id) ?? [];
  }
}

function compile(misconception: Misconception): Compiled {
  return {
    misconception,
    patterns: misconception.recognise.patterns.map((source) => new RegExp(source, "gi")),
    unless: misconception.recognise.unless.map((source) => new RegExp(source, "gi")),
    rejects: new Set(misconception.recognise.rejects),
  };
}

/** The words appear and the candidate stands by them: "we calibrate the scores" counts, "not bother calibrating" does not. */
function affirmed(pattern: RegExp, text: string): boolean {
  return [...text.matchAll(pattern)].some((match) => stanceAt(text, match.index, match.index + match[0].length).stance !== "rejects");
}

function asserts(entry: Compiled, sentence: AnalysedSentence): boolean {
  if (entry.unless.some((pattern) => affirmed(pattern, sentence.text))) return false;
  // Dismissing an essential practice; preferring a named alternative to it is a choice, not this.
  if (sentence.claims.some((claim) => entry.rejects.has(claim.concept) && claim.stance === "rejects" && !claim.alternative)) return true;
  return entry.patterns.some((pattern) =>
    [...sentence.text.matchAll(pattern)].some((match) => stanceAt(sentence.text, match.index, match.index + match[0].length).stance === "proposes"),
  );
}
