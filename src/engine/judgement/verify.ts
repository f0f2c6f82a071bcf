import type { ClaimAnalyser } from "../analysis/claims.js";
import type { Problem } from "../../content/schemas.js";
import type { Phase } from "../../content/phases.js";
import { fromMisconception } from "./challenges.js";
import type { Assessment, Finding, ModelClaim } from "../../domain/finding.js";
import type { MisconceptionBook } from "./misconceptions.js";
import { candidateQuote, normaliseQuote } from "./verbatim.js";

/** Wrong claims taken from the model per answer and per interview; the rules' own are bounded by the data. */
export const MODEL_FINDINGS = { perAnswer: 2, perInterview: 8 } as const;
const MAX_CORRECTION = 300;
/** How a wrong claim the model found, with no entry in the data, is put: the interviewer's words, passed in. */
export interface ModelFindingWords {
  /** The claim in one line, for prompts and red flags: ours, never the model's. */
  claim: string;
  challenge: string;
  /** Shown when the model gave no correction. */
  correction: string;
}

export interface Verified {
  assessments: Assessment[];
  /** Wrong claims the rules had not already found, to be challenged next. */
  findings: Finding[];
}


/**
 * Keeps only what the model can show: a quote found verbatim in the candidate's latest message,
 * outside any sentence aimed at the grader. A wrong claim becomes a finding (the data's own
 * misconception when the model names one that applies here), unless one already covers it.
 */
export function verifyClaims(
  claims: readonly ModelClaim[],
  latest: { text: string; answerIndex: number; phase: Phase },
  existing: readonly Finding[],
  problem: Problem | undefined,
  judges: { analyser: ClaimAnalyser; misconceptions: MisconceptionBook },
  words: ModelFindingWords,
): Verified {
  const applicable = new Set(judges.misconceptions.applicable(problem).map((misconception) => misconception.id));
  const assessments: Assessment[] = [];
  const findings: Finding[] = [];
  const known = [...existing];
  for (const claim of claims) {
    // The candidate's own characters, not the model's copy of them.
    const quote = candidateQuote(claim.quote, [latest.text], judges.analyser)?.text;
    if (!quote) continue;
    const needle = normaliseQuote(quote);
    const misconceptionId = claim.misconceptionId && applicable.has(claim.misconceptionId) ? claim.misconceptionId : null;
    const correction = claim.correction ? claim.correction.trim().slice(0, MAX_CORRECTION) : null;
    assessments.push({ quote, verdict: claim.verdict, correction, misconceptionId, answerIndex: latest.answerIndex });
    if (claim.verdict !== "wrong") continue;
    const covered = known.some(
      (finding) => (misconceptionId !== null && finding.misconceptionId === misconceptionId) || normaliseQuote(finding.quote).includes(needle) || needle.includes(normaliseQuote(finding.quote)),
    );
    const fromModel = known.filter((finding) => finding.source === "model").length;
    if (covered || findings.length >= MODEL_FINDINGS.perAnswer || fromModel >= MODEL_FINDINGS.perInterview) continue;
    const misconception = misconceptionId ? judges.misconceptions.get(misconceptionId) : undefined;
    const finding: Finding = misconception
      ? { ...fromMisconception(misconception, quote, latest.answerIndex, latest.phase), source: "model" }
      : {
          id: `model-${latest.answerIndex}-${findings.length + 1}`,
          source: "model",
          misconceptionId: null,
          dimension: claim.dimension,
          // The model's correction is shown to the candidate on the scorecard, never fed back into a prompt.
          claim: words.claim,
          quote,
          correction: correction ?? words.correction,
          challenge: words.challenge,
          answerIndex: latest.answerIndex,
          phase: latest.phase,
          status: "open",
        };
    findings.push(finding);
    known.push(finding);
  }
  return { assessments, findings };
}
