import type { AreaId, Concept } from "../../content/schemas.js";

/** Where a concept's words stand in a text. */
export interface ConceptSpan {
  concept: Concept;
  start: number;
  end: number;
}

/** Recognises rubric concepts in free text; compiled once from rubric/concepts.yaml. */
export class ConceptMatcher {
  private readonly compiled: ReadonlyArray<{ concept: Concept; patterns: RegExp[] }>;
  private readonly byId: ReadonlyMap<string, Concept>;

  constructor(concepts: readonly Concept[]) {
    this.compiled = concepts.map((concept) => ({
      concept,
      patterns: concept.patterns.map((source) => new RegExp(source, "gim")),
    }));
    this.byId = new Map(concepts.map((concept) => [concept.id, concept]));
  }

  /** Concept ids present in `text`, in rubric order. */
  detect(text: string): string[] {
    return this.compiled
      .filter(({ patterns }) =>
        patterns.some((pattern) => {
          pattern.lastIndex = 0;
          return pattern.test(text);
        }),
      )
      .map(({ concept }) => concept.id);
  }

  /** Every place a concept's words appear in `text`, in rubric order then position. */
  locate(text: string): ConceptSpan[] {
    const spans: ConceptSpan[] = [];
    for (const { concept, patterns } of this.compiled) {
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          if (match[0].length > 0) spans.push({ concept, start: match.index, end: match.index + match[0].length });
        }
      }
    }
    return spans;
  }

  areaOf(id: string): AreaId | undefined {
    return this.byId.get(id)?.area;
  }

  label(id: string): string {
    return this.byId.get(id)?.label ?? id;
  }
}
