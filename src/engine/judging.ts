import { creditedConcepts } from "./analysis/claims.js";
import type { Problem } from "../content/schemas.js";
import { detectFindings, MAX_CHALLENGES_PER_REPLY, resolveChallenges } from "./judgement/challenges.js";
import type { Finding } from "../domain/finding.js";
import type { Content } from "./context.js";
import type { Beat } from "./plan.js";
import { candidateAnswers, type Session, type TranscriptEntry } from "../domain/session.js";

export interface Judgement {
  session: Session;
  /** What the candidate did with the last challenge, acknowledged first. */
  revisions: Beat[];
  /** Claims to put to the candidate now: this turn's question, ahead of anything planned. */
  challenges: Beat[];
}

/**
 * The interviewer's judgement of the latest answer (already on the session's transcript): what
 * became of the last challenge, which new claims are wrong for this problem, and which to
 * challenge now. Wrong claims from earlier that were not yet challenged go next.
 */
export function judgeAnswer(session: Session, text: string, problem: Problem | undefined, content: Content): Judgement {
  const answerIndex = candidateAnswers(session).length - 1;
  const found = detectFindings(text, answerIndex, session.phase, problem, content);
  let findings = resolveChallenges(session.findings, text, problem, content);
  const revisions: Beat[] = [];
  for (const finding of findings) {
    const before = session.findings.find((previous) => previous.id === finding.id);
    // One acknowledgement per outcome, however many claims it covers.
    const outcome = finding.status === "corrected" || finding.status === "held";
    if (before?.status === "challenged" && outcome && !revisions.some((beat) => beat.kind === "revision" && beat.finding.status === finding.status)) revisions.push({ kind: "revision", finding });
  }
  const justResolved = new Set(findings.filter((finding, index) => finding.status !== session.findings[index]?.status).map((finding) => finding.id));
  for (const fresh of found) {
    const existing = findings.find((finding) => finding.id === fresh.id);
    if (!existing) findings.push(fresh);
    // The answer to its own challenge may name the idea while correcting it.
    else if (justResolved.has(existing.id)) continue;
    // Said again after taking it back: the correction did not stick.
    else if (existing.status === "corrected") findings = findings.map((finding) => (finding.id === fresh.id ? { ...finding, status: "held", quote: fresh.quote } : finding));
  }
  const toChallenge = findings
    .filter((finding) => finding.status === "open")
    .sort((left, right) => right.answerIndex - left.answerIndex)
    .slice(0, MAX_CHALLENGES_PER_REPLY);
  const challenged = new Set(toChallenge.map((finding) => finding.id));
  findings = findings.map((finding): Finding => (challenged.has(finding.id) ? { ...finding, status: "challenged" } : finding));
  const challenges = toChallenge.map((finding, order): Beat => ({ kind: "challenge", finding: { ...finding, status: "challenged" }, order }));
  return { session: { ...session, findings }, revisions, challenges };
}

/** Whether a claim of this phase is still standing against the candidate, so the phase cannot close "on goal". */
export function disputedIn(session: Session): boolean {
  return session.findings.some((finding) => finding.phase === session.phase && finding.status !== "corrected");
}

/** Concepts the candidate put forward or asked about in these answers; rejected ones are not credited. */
export function credited(answers: readonly TranscriptEntry[], content: Content): Set<string> {
  return creditedConcepts(answers.flatMap((entry, index) => content.analyser.analyse(entry.text, index)));
}
