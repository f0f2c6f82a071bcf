import type { ConceptMatcher } from "./concepts.js";
import { drawnStatements } from "./diagram/evidence.js";
import { readDiagram } from "./diagram/read.js";
import { sentenceDepth, type Depth } from "./depth.js";
import { isInjection } from "./injection.js";
import { splitSentences, type Sentence } from "./sentences.js";
import { stanceAt, type Stance } from "./stance.js";

/** One thing a candidate said about one concept: what, where they stand on it, and how far they took it. */
export interface Claim {
  concept: string;
  stance: Stance;
  /** Rejected in favour of a named alternative, which is a choice rather than a dismissal. */
  alternative: boolean;
  depth: Depth;
  /** The candidate's own words for it ("Flink", "a feature store"). */
  words: string;
}

/** A sentence of the candidate's, verbatim, with its claims. */
export interface AnalysedSentence extends Sentence {
  claims: Claim[];
  /** Spoke to the grader instead of about the design: never evidence. */
  injection: boolean;
}

const CACHE_LIMIT = 4_000;

/**
 * Turns candidate messages into claims. Pure and deterministic; results are cached by text because
 * every turn re-reads the whole transcript.
 */
export class ClaimAnalyser {
  private readonly cache = new Map<string, Array<Omit<AnalysedSentence, "messageIndex">>>();

  constructor(readonly matcher: ConceptMatcher) {}

  /** The sentences of one message and the claims in each. */
  analyse(message: string, messageIndex = 0): AnalysedSentence[] {
    let sentences = this.cache.get(message);
    if (!sentences) {
      sentences = this.read(message);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(message, sentences);
    }
    return sentences.map((sentence) => ({ ...sentence, messageIndex }));
  }

  /** A message's sentences; a drawing in it is read as the statements its boxes and arrows make. */
  private read(message: string): Array<Omit<AnalysedSentence, "messageIndex">> {
    const reading = readDiagram(message);
    if (reading.kind !== "diagram") return splitSentences(message).map(({ text }) => this.sentence(text));
    const prose = message.replace(reading.source, " ").replace(/```[\w-]*/g, " ");
    const drawn = drawnStatements(reading.diagram).map((statement) => {
      const sentence = this.sentence(statement.text);
      if (sentence.injection) return sentence;
      // What the drawing shows by its shape (a loop back to training, a flow end to end) is a mechanism: explained.
      const structural = statement.structural.map((concept): Claim => ({ concept, stance: "proposes", alternative: false, depth: "explained", words: statement.text }));
      const kept = sentence.claims.filter((claim) => !statement.structural.some((concept) => concept === claim.concept));
      return { ...sentence, claims: [...kept, ...structural] };
    });
    return [...splitSentences(prose).map(({ text }) => this.sentence(text)), ...drawn];
  }

  private sentence(text: string): Omit<AnalysedSentence, "messageIndex"> {
    if (isInjection(text)) return { text, claims: [], injection: true };
    const depth = sentenceDepth(text);
    const byConcept = new Map<string, Claim>();
    for (const span of this.matcher.locate(text)) {
      const reading = stanceAt(text, span.start, span.end, span.concept.kind);
      const claim: Claim = { concept: span.concept.id, stance: reading.stance, alternative: reading.alternative, depth, words: text.slice(span.start, span.end) };
      const previous = byConcept.get(claim.concept);
      // The same concept twice in a sentence: a dismissal anywhere stands ("I'd skip a baseline, a
      // baseline is a week we don't have"); otherwise proposing beats asking beats preferring another.
      if (!previous || weight(claim) > weight(previous)) byConcept.set(claim.concept, claim);
    }
    return { text, claims: [...byConcept.values()], injection: false };
  }
}

function weight(claim: Claim): number {
  if (claim.stance === "rejects") return claim.alternative ? 0 : 3;
  return claim.stance === "proposes" ? 2 : 1;
}

/** Concepts the candidate put forward or asked about (not the ones they rejected), over many sentences. */
export function creditedConcepts(sentences: readonly AnalysedSentence[]): Set<string> {
  const credited = new Set<string>();
  for (const sentence of sentences) {
    for (const claim of sentence.claims) if (claim.stance !== "rejects") credited.add(claim.concept);
  }
  return credited;
}
