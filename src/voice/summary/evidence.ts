import type { AnalysedSentence, Claim } from "../../engine/analysis/claims.js";
import type { Content } from "../../engine/context.js";
import { candidateAnswers, type Session } from "../../domain/session.js";
import { standing, type Finding } from "../../domain/finding.js";
import { normaliseQuote } from "../../engine/judgement/verbatim.js";
import { graphemePrefix } from "../../core/text/clip.js";

/** A sentence of the candidate's and whether it may stand as evidence for a good rating. */
export interface EvidenceSentence extends AnalysedSentence {
  /** Holds a claim that is wrong for this problem: never evidence for solid or strong, never a strength. */
  disputed: boolean;
}

/** What the candidate showed, claim by claim, and which of it they were handed by a hint first. */
export interface Evidence {
  sentences: EvidenceSentence[];
  /** Concepts proposed or asked about, including ones a hint had already revealed; rejected ones never count. */
  mentioned: Set<string>;
  /** Concepts the candidate proposed before any hint revealed them: the ones that earn ratings. */
  own: Set<string>;
  /** Own concepts explained (with a reason, a number or a mechanism) in a sentence that holds no wrong claim. */
  explained: Set<string>;
  /** For each explained concept, the sentences that explain it (by position), so breadth can be told from one rich sentence. */
  explainedIn: Map<string, Set<number>>;
  /** Claims the interviewer pushed back on that still stand against the candidate. */
  findings: Finding[];
  /** Claims the candidate revised when challenged. */
  corrected: Finding[];
  /** Whether any message tried to instruct the grader. */
  injectionSeen: boolean;
  answerWords: number;
}

export function gatherEvidence(session: Session, content: Content): Evidence {
  const { analyser, matcher } = content;
  const answers = candidateAnswers(session);
  const hints = session.transcript.filter((entry) => entry.role === "interviewer" && entry.kind === "hint");
  const findings = standing(session.findings);
  // A claim corrected later was still wrong when said: never evidence for a good rating or a strength.
  const wrongQuotes = [...session.findings.map((finding) => finding.quote), ...session.assessments.filter((assessment) => assessment.verdict === "wrong").map((assessment) => assessment.quote)].map(normaliseQuote);
  const sentences: EvidenceSentence[] = [];
  const mentioned = new Set<string>();
  const own = new Set<string>();
  const explained = new Set<string>();
  const explainedIn = new Map<string, Set<number>>();
  // First raised (proposed or asked about) before any hint revealed it.
  const unprompted = new Set<string>();
  let injectionSeen = false;
  let answerWords = 0;
  answers.forEach((entry, index) => {
    // The offline interviewer never reveals concepts except through hints; a concept first said
    // after a hint that named it is the hint's, not the candidate's.
    const revealed = new Set(hints.filter((hint) => hint.at <= entry.at).flatMap((hint) => matcher.detect(hint.text)));
    for (const sentence of analyser.analyse(entry.text, index)) {
      if (sentence.injection) {
        injectionSeen = true;
        continue;
      }
      answerWords += sentence.text.split(/\s+/).length;
      const text = normaliseQuote(sentence.text);
      const disputed = wrongQuotes.some((quote) => quote.includes(text) || text.includes(quote));
      sentences.push({ ...sentence, disputed });
      for (const claim of sentence.claims) {
        if (claim.stance === "rejects") continue;
        if (!mentioned.has(claim.concept)) {
          mentioned.add(claim.concept);
          if (!revealed.has(claim.concept)) unprompted.add(claim.concept);
        }
        if (claim.stance !== "proposes" || !unprompted.has(claim.concept)) continue;
        own.add(claim.concept);
        if (claim.depth === "explained" && !disputed) {
          explained.add(claim.concept);
          explainedIn.set(claim.concept, (explainedIn.get(claim.concept) ?? new Set()).add(sentences.length - 1));
        }
      }
    }
  });
  const corrected = session.findings.filter((finding) => finding.status === "corrected");
  return { sentences, mentioned, own, explained, explainedIn, findings, corrected, injectionSeen, answerWords };
}

/** Whether a claim in this sentence shows the concept on the candidate's own account. */
function shows(claim: Claim, concepts: ReadonlySet<string>): boolean {
  return claim.stance === "proposes" && concepts.has(claim.concept);
}

/**
 * Up to `limit` verbatim sentences that best show the given concepts, most telling first:
 * explained before named. `undisputedOnly` keeps out sentences that hold a wrong claim.
 */
export function quotesFor(evidence: Evidence, concepts: ReadonlySet<string>, limit: number, options: { undisputedOnly?: boolean; explainedOnly?: boolean } = {}): string[] {
  const scored = evidence.sentences
    .filter((sentence) => !(options.undisputedOnly && sentence.disputed))
    .map((sentence) => {
      const claims = sentence.claims.filter((claim) => shows(claim, concepts));
      return { sentence, hits: claims.length, explained: claims.some((claim) => claim.depth === "explained") };
    })
    .filter(({ hits, explained }) => hits > 0 && (explained || !options.explainedOnly))
    .sort((left, right) => Number(right.explained) - Number(left.explained) || right.hits - left.hits || left.sentence.messageIndex - right.sentence.messageIndex);
  const quotes: string[] = [];
  for (const { sentence } of scored) {
    const quote = clipQuote(sentence.text);
    if (!quotes.includes(quote)) quotes.push(quote);
    if (quotes.length >= limit) break;
  }
  return quotes;
}

const MAX_QUOTE = 280;

/** Long sentences are cut at a word boundary; the quote stays an exact substring of what was said. */
export function clipQuote(text: string): string {
  if (text.length <= MAX_QUOTE) return text;
  const cut = graphemePrefix(text, MAX_QUOTE);
  const space = cut.lastIndexOf(" ");
  return (space > MAX_QUOTE / 2 ? cut.slice(0, space) : cut).trimEnd();
}
