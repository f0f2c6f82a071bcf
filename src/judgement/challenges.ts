import type { ClaimAnalyser } from "../analysis/claims.js";
import type { Misconception, Problem } from "../content/schemas.js";
import type { Phase } from "../engine/phases.js";
import type { Finding } from "./finding.js";
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

// Taking the challenge on board, or standing by the claim.
const REVISES =
  /\b(?:good point|fair point|fair enough|you'?re right|that'?s (?:fair|right|true)|i (?:stand )?corrected|i'?d (?:revise|change|switch|correct|rather|go with|use)|i would (?:revise|change|switch|correct|rather|go with|use)|on second thought|let me (?:reconsider|revise|correct|rethink)|i was wrong|my mistake|i missed|agreed|actually|instead|switch(?:ing)? to|scratch that|that was wrong|wouldn'?t work|doesn'?t hold)\b/i;
const HOLDS = /\b(?:i (?:still|stand by|maintain|disagree|don'?t agree)|i'?d (?:still|keep)|it'?s (?:still )?fine|that'?s (?:still )?fine|no,? (?:i think|it'?s|that'?s))\b/i;

/**
 * What the answer to a challenge did with each challenged finding: the same claim again or a
 * defence holds it; taking the point, or proposing what would put it right, corrects it.
 */
export function resolveChallenges(findings: readonly Finding[], text: string, repeated: ReadonlySet<string>, judges: Judges): Finding[] {
  const proposed = new Set(
    judges.analyser
      .analyse(text)
      .flatMap((sentence) => sentence.claims)
      .filter((claim) => claim.stance === "proposes")
      .map((claim) => claim.concept),
  );
  return findings.map((finding) => {
    if (finding.status !== "challenged") return finding;
    const revises = REVISES.test(text);
    // Naming the wrong idea again while taking it back ("joining today's snapshot leaks the future") is not holding it.
    if (HOLDS.test(text) || (repeated.has(finding.id) && !revises)) return { ...finding, status: "held" };
    const misconception = finding.misconceptionId ? judges.misconceptions.get(finding.misconceptionId) : undefined;
    const fixes = misconception?.revisedBy.some((concept) => proposed.has(concept)) ?? false;
    return { ...finding, status: revises || fixes ? "corrected" : "unanswered" };
  });
}
