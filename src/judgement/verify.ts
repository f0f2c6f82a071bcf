import type { ClaimAnalyser } from "../analysis/claims.js";
import type { Problem } from "../content/schemas.js";
import type { Phase } from "../engine/phases.js";
import type { ModelClaim } from "../interviewer/llm/schemas.js";
import { fromMisconception } from "./challenges.js";
import type { Assessment, Finding } from "./finding.js";
import type { MisconceptionBook } from "./misconceptions.js";

/** Wrong claims taken from the model per answer and per interview; the rules' own are bounded by the data. */
export const MODEL_FINDINGS = { perAnswer: 2, perInterview: 8 } as const;
/** Shortest quote worth checking: anything shorter matches too easily to prove anything. */
const MIN_QUOTE = 12;
const MAX_CORRECTION = 300;
/** What the interviewer asks about a wrong claim the model found that has no entry in the data. */
export const MODEL_CHALLENGE = "How would you defend that for this problem, or would you revise it?";

export interface Verified {
  assessments: Assessment[];
  /** Wrong claims the rules had not already found, to be challenged next. */
  findings: Finding[];
}

function normalise(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
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
): Verified {
  const sentences = judges.analyser.analyse(latest.text, latest.answerIndex);
  const said = normalise(latest.text);
  const injected = sentences.filter((sentence) => sentence.injection).map((sentence) => normalise(sentence.text));
  const applicable = new Set(judges.misconceptions.applicable(problem).map((misconception) => misconception.id));
  const assessments: Assessment[] = [];
  const findings: Finding[] = [];
  const known = [...existing];
  for (const claim of claims) {
    const quote = claim.quote.trim();
    const needle = normalise(quote);
    if (needle.length < MIN_QUOTE || !said.includes(needle)) continue;
    if (injected.some((sentence) => sentence.includes(needle) || needle.includes(sentence))) continue;
    const misconceptionId = claim.misconceptionId && applicable.has(claim.misconceptionId) ? claim.misconceptionId : null;
    const correction = claim.correction ? claim.correction.trim().slice(0, MAX_CORRECTION) : null;
    assessments.push({ quote, verdict: claim.verdict, correction, misconceptionId, answerIndex: latest.answerIndex });
    if (claim.verdict !== "wrong") continue;
    const covered = known.some(
      (finding) => (misconceptionId !== null && finding.misconceptionId === misconceptionId) || normalise(finding.quote).includes(needle) || needle.includes(normalise(finding.quote)),
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
          claim: correction ? `A claim the interviewer disputed: ${correction}` : "A claim the interviewer disputed.",
          quote,
          correction: correction ?? "The interviewer judged this claim wrong for this problem.",
          challenge: MODEL_CHALLENGE,
          answerIndex: latest.answerIndex,
          phase: latest.phase,
          status: "open",
        };
    findings.push(finding);
    known.push(finding);
  }
  return { assessments, findings };
}
