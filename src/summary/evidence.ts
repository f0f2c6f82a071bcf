import type { ConceptMatcher, TaggedSentence } from "../analysis/concepts.js";
import { isInjection } from "../analysis/injection.js";
import { splitSentences } from "../analysis/sentences.js";
import { candidateAnswers, type Session } from "../engine/session.js";

/** What the candidate showed, sentence by sentence, and which of it they were handed by a hint first. */
export interface Evidence {
  sentences: TaggedSentence[];
  /** Every concept mentioned, including ones a hint had already revealed. */
  mentioned: Set<string>;
  /** Concepts the candidate brought up before any hint revealed them: the ones that earn ratings. */
  own: Set<string>;
  /** Whether any message tried to instruct the grader. */
  injectionSeen: boolean;
  answerWords: number;
}

export function gatherEvidence(session: Session, matcher: ConceptMatcher): Evidence {
  const answers = candidateAnswers(session);
  const hints = session.transcript.filter((entry) => entry.role === "interviewer" && entry.kind === "hint");
  const sentences: TaggedSentence[] = [];
  const mentioned = new Set<string>();
  const own = new Set<string>();
  let injectionSeen = false;
  let answerWords = 0;
  answers.forEach((entry, index) => {
    // The offline interviewer never reveals concepts except through hints; a concept first said
    // after a hint that named it is the hint's, not the candidate's.
    const revealed = new Set(hints.filter((hint) => hint.at <= entry.at).flatMap((hint) => matcher.detect(hint.text)));
    for (const sentence of splitSentences(entry.text, index)) {
      if (isInjection(sentence.text)) {
        injectionSeen = true;
        continue;
      }
      answerWords += sentence.text.split(/\s+/).length;
      const concepts = matcher.detect(sentence.text);
      sentences.push({ ...sentence, concepts });
      for (const concept of concepts) {
        if (!mentioned.has(concept) && !revealed.has(concept)) own.add(concept);
        mentioned.add(concept);
      }
    }
  });
  return { sentences, mentioned, own, injectionSeen, answerWords };
}

/** Up to `limit` verbatim sentences that best show the given concepts, most telling first. */
export function quotesFor(evidence: Evidence, concepts: ReadonlySet<string>, limit: number): string[] {
  const scored = evidence.sentences
    .map((sentence) => ({ sentence, hits: sentence.concepts.filter((concept) => concepts.has(concept)).length }))
    .filter(({ hits }) => hits > 0)
    .sort((left, right) => right.hits - left.hits || left.sentence.messageIndex - right.sentence.messageIndex);
  const quotes: string[] = [];
  for (const { sentence } of scored) {
    const quote = clip(sentence.text);
    if (!quotes.includes(quote)) quotes.push(quote);
    if (quotes.length >= limit) break;
  }
  return quotes;
}

const MAX_QUOTE = 280;

/** Long sentences are cut at a word boundary; the quote stays an exact substring of what was said. */
function clip(text: string): string {
  if (text.length <= MAX_QUOTE) return text;
  const cut = text.slice(0, MAX_QUOTE);
  const space = cut.lastIndexOf(" ");
  return (space > MAX_QUOTE / 2 ? cut.slice(0, space) : cut).trimEnd();
}
