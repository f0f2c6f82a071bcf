import type { ClaimAnalyser } from "../analysis/claims.js";
import type { Misconception, Problem } from "../../content/schemas.js";
import type { Phase } from "../../content/phases.js";
import type { Finding } from "../../domain/finding.js";
import type { MisconceptionBook } from "./misconceptions.js";

/** At most this many claims are challenged in one reply; the rest wait for the next. */
export const MAX_CHALLENGES_PER_REPLY = 2;

export interface Judges {
  analyser: ClaimAnalyser;
  misconceptions: MisconceptionBook;
}

/** The misconceptions one answer asserts, as new findings. */
export function detectFindings(text: string, answerIndex: number, phase: Phase, problem: Problem | undefined, judges: Judges): Finding[] {
  const found = new Map<string, Finding>();
  for (const sentence of judges.analyser.analyse(text, answerIndex)) {
    for (const misconception of judges.misconceptions.find(sentence, problem)) {
      if (!found.has(misconception.id)) found.set(misconception.id, fromMisconception(misconception, sentence.text, answerIndex, phase));
    }
  }
  return [...found.values()];
}

export function fromMisconception(misconception: Misconception, quote: string, answerIndex: number, phase: Phase): Finding {
  return {
    id: misconception.id,
    source: "rules",
    misconceptionId: misconception.id,
    dimension: misconception.dimension,
    claim: misconception.claim,
    quote,
    correction: misconception.correction,
    challenge: misconception.challenge,
    answerIndex,
    phase,
    status: "open",
  };
}

// Taking the challenge on board, or standing by the claim. Weak words ("actually", "instead")
// are not enough: "actually, accuracy is still the main metric" holds the claim.
const REVISES =
  /\b(?:good point|fair point|fair enough|you'?re right|you are right|that'?s (?:fair|right|true)|i (?:stand )?corrected|i'?d (?:revise|change|switch|correct)|i would (?:revise|change|switch|correct)|on second thought|let me (?:reconsider|revise|correct|rethink)|i was wrong|my mistake|i missed|agreed|scratch that|that was wrong|i take (?:that|it) back|wouldn'?t work|doesn'?t hold)\b/i;
const HOLDS = /\b(?:i (?:still (?:think|believe|say|prefer|want|stand|maintain|would)|stand by|maintain|disagree|don'?t agree)|i'?d (?:still|keep)|(?:it|that)'?s (?:still )?fine|no,? (?:i think|it'?s|that'?s))\b/i;

const TURNS = /\s*(?:;|,?\s*\bbut\b|,?\s*\bhowever\b|,?\s*\bwhereas\b|,?\s*\balthough\b)\s*/i;

/**
 * What the answer to a challenge did with each challenged finding, judged on the sentences about
 * it: those that say the idea again or propose what would put it right (with one claim challenged,
 * the whole answer is about it). Proposing the fix or taking the point corrects it; saying it again
 * without taking it back, or defending it, holds it; anything else leaves it unanswered.
 */
export function resolveChallenges(findings: readonly Finding[], text: string, problem: Problem | undefined, judges: Judges): Finding[] {
  const challenged = findings.filter((finding) => finding.status === "challenged");
  if (challenged.length === 0) return [...findings];
  // Judged clause by clause: "I still think accuracy is right, but you are right about the split".
  const sentences = judges.analyser
    .analyse(text)
    .flatMap((sentence) => sentence.text.split(TURNS).filter((part) => part.trim().length > 0))
    .flatMap((part) => judges.analyser.analyse(part))
    .map((sentence) => ({
      text: sentence.text,
      proposed: new Set(sentence.claims.filter((claim) => claim.stance === "proposes").map((claim) => claim.concept)),
      repeats: new Set(judges.misconceptions.find(sentence, problem).map((misconception) => misconception.id)),
    }));
  // An answer that opens by taking something back ("let me correct that") takes back what it goes on to name.
  const opensWithRevision = REVISES.test(sentences[0]?.text ?? "");
  return findings.map((finding) => {
    if (finding.status !== "challenged") return finding;
    const fixes = new Set(finding.misconceptionId ? (judges.misconceptions.get(finding.misconceptionId)?.revisedBy ?? []) : []);
    const about = sentences.filter((sentence) => challenged.length === 1 || sentence.repeats.has(finding.id) || [...sentence.proposed].some((concept) => fixes.has(concept)));
    if (about.some((sentence) => [...sentence.proposed].some((concept) => fixes.has(concept)) && !sentence.repeats.has(finding.id))) return { ...finding, status: "corrected" };
    if (about.some((sentence) => REVISES.test(sentence.text)) || (opensWithRevision && about.length > 0)) return { ...finding, status: "corrected" };
    if (about.some((sentence) => sentence.repeats.has(finding.id) || HOLDS.test(sentence.text))) return { ...finding, status: "held" };
    return { ...finding, status: "unanswered" };
  });
}
