import type { AreaId, Concept } from "../content/schemas.js";
import { isInjection } from "./injection.js";
import { splitSentences, type Sentence } from "./sentences.js";

/** A sentence of the candidate's with the concepts it shows. */
export interface TaggedSentence extends Sentence {
  concepts: string[];
}

/** Recognises rubric concepts in free text; compiled once from rubric/concepts.yaml. */
export class ConceptMatcher {
  private readonly compiled: ReadonlyArray<{ concept: Concept; patterns: RegExp[] }>;
  private readonly byId: ReadonlyMap<string, Concept>;

  constructor(concepts: readonly Concept[]) {
    this.compiled = concepts.map((concept) => ({
      concept,
      patterns: concept.patterns.map((source) => new RegExp(source, "im")),
    }));
    this.byId = new Map(concepts.map((concept) => [concept.id, concept]));
  }

  /** Concept ids present in `text`, in rubric order. */
  detect(text: string): string[] {
    return this.compiled
      .filter(({ patterns }) => patterns.some((pattern) => pattern.test(text)))
      .map(({ concept }) => concept.id);
  }

  /** Splits candidate messages into sentences and tags each; sentences aimed at the grader are dropped. */
  tag(messages: readonly string[]): TaggedSentence[] {
    return messages.flatMap((message, index) =>
      splitSentences(message, index)
        .filter((sentence) => !isInjection(sentence.text))
        .map((sentence) => ({ ...sentence, concepts: this.detect(sentence.text) })),
    );
  }

  concept(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  areaOf(id: string): AreaId | undefined {
    return this.byId.get(id)?.area;
  }

  label(id: string): string {
    return this.byId.get(id)?.label ?? id;
  }
}
