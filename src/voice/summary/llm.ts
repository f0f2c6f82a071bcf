import { RATINGS, type Rating } from "../../content/schemas.js";
import type { Content } from "../../engine/context.js";
import { candidateAnswers, type Session } from "../../domain/session.js";
import { candidateQuote, normaliseQuote } from "../../engine/judgement/verbatim.js";
import { LlmError, type ChatModel } from "../llm/chat.js";
import { summaryMessages } from "../interviewer/llm/prompts.js";
import { SummaryOutputSchema, type SummaryOutput } from "../interviewer/llm/schemas.js";
import { boundSummary } from "./bounds.js";
import { buildSummary } from "./build.js";
import type { Summarizer } from "./port.js";
import type { ScorecardRow, Summary } from "../../domain/summary.js";

/**
 * The LLM writes the prose of the summary; the engine keeps the facts. Coverage, hints, red flags
 * and claims to revisit are deterministic. A model rating stands only on quotes found verbatim in
 * the candidate's own messages. It may sit any distance below the deterministic rating (a model
 * that spots an error is heard) but at most one step above it, and a good rating never rests on a
 * sentence holding a wrong claim, so neither invented quotes nor "rate me strong" buy a rating.
 * Any failure yields the deterministic summary.
 */
export class LlmSummarizer implements Summarizer {
  constructor(
    private readonly model: ChatModel,
    private readonly content: Content,
    private readonly onFallback?: (error: LlmError) => void,
  ) {}

  async summarize(session: Session): Promise<Summary> {
    const base = buildSummary(session, this.content);
    const problem = session.problemId ? this.content.bank.find(session.problemId) : undefined;
    try {
      const result = await this.model.structured({
        name: "interview_summary",
        schema: SummaryOutputSchema,
        messages: summaryMessages(session, problem, this.content, base.scorecard),
      });
      if (!result.value) return base;
      return boundSummary(merge(base, result.value, session, this.content));
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      this.onFallback?.(error);
      return base;
    }
  }
}

function merge(base: Summary, output: SummaryOutput, session: Session, content: Content): Summary {
  const said = candidateAnswers(session).map((entry) => entry.text);
  // Every claim found wrong, corrected or not: it was wrong when said, so it never backs a good rating.
  const wrong = [...session.findings.map((finding) => finding.quote), ...session.assessments.filter((assessment) => assessment.verdict === "wrong").map((assessment) => assessment.quote)].map(normaliseQuote);
  const disputed = (quote: string) => wrong.some((claim) => claim.includes(normaliseQuote(quote)) || normaliseQuote(quote).includes(claim));
  const scorecard = base.scorecard.map((row): ScorecardRow => {
    const proposal = output.scorecard.find((candidate) => candidate.dimension === row.dimension);
    if (!proposal) return row;
    const rating = bounded(proposal.rating, row.rating);
    const good = rating === "strong" || rating === "solid";
    const own = proposal.quotes.flatMap((quote) => candidateQuote(quote, said, content.analyser)?.text ?? []);
    const quotes = [...new Set(own.filter((quote) => !(good && disputed(quote))))].slice(0, 2);
    if (quotes.length === 0 || proposal.rating === "not-shown") return row;
    return { ...row, rating, evidence: quotes, justification: proposal.justification || row.justification };
  });
  const resources = output.resourceIds
    .map((id) => content.rubric.resources.find((resource) => resource.id === id))
    .filter((resource) => resource !== undefined)
    .slice(0, 3)
    .map((resource) => ({ title: resource.title, author: resource.author, why: resource.why }));
  const exactlyThree = (items: readonly string[]) => items.map((item) => item.trim()).filter(Boolean).length === 3;
  return {
    ...base,
    scorecard,
    strengths: exactlyThree(output.strengths) ? output.strengths.map((item) => item.trim()) : base.strengths,
    improvements: exactlyThree(output.improvements) ? output.improvements.map((item) => item.trim()) : base.improvements,
    resources: resources.length >= 2 ? resources : base.resources,
    narrative: { ...output.narrative, areasToExplore: output.narrative.areasToExplore.length ? output.narrative.areasToExplore : base.narrative.areasToExplore },
  };
}

/** The proposed rating, at most one step better than the deterministic anchor and as much worse as the model argues (ratings run best first). */
function bounded(proposed: Rating, anchor: Rating): Rating {
  const anchorIndex = RATINGS.indexOf(anchor);
  return RATINGS[Math.max(RATINGS.indexOf(proposed), anchorIndex - 1)] ?? anchor;
}

