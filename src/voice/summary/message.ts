import type { Rating } from "../../content/schemas.js";
import type { Button, OutgoingMessage } from "../../core/messages/message.js";
import type { ClaimToRevisit, Summary } from "../../domain/summary.js";

export const RATING_LABELS = {
  strong: "Strong",
  solid: "Solid",
  developing: "Developing",
  "not-shown": "Not shown",
} as const satisfies Record<Rating, string>;

/** How each claim to revisit ended, said before its correction. */
const CLAIM_OUTCOMES = {
  corrected: "(corrected when challenged) ",
  held: "(held when challenged) ",
  unanswered: "(not taken up when challenged) ",
  challenged: "",
  open: "",
} as const satisfies Record<ClaimToRevisit["status"], string>;

export interface SummaryMessageOptions {
  /** Adds a Review button so teammates can review the interview from its scorecard (chat threads, not the terminal). @defaultValue false */
  reviewable?: boolean;
}

/** The scorecard as a platform-neutral message: one field per dimension, then the lists. */
export function summaryMessage(summary: Summary, options: SummaryMessageOptions = {}): OutgoingMessage {
  const paragraphs = [
    `${summary.problemTitle ?? "Interview"}${summary.level ? ` · ${summary.level} level` : ""} · ${summary.minutes} min · ${summary.hintsUsed} hint${summary.hintsUsed === 1 ? "" : "s"} used`,
    summary.narrative.overallAssessment,
    section("Strengths", summary.strengths),
    section("To improve", summary.improvements),
    section(
      "Study next",
      summary.resources.map((resource) => `${resource.title} (${resource.author}): ${resource.why}`),
    ),
  ];
  if (summary.claimsToRevisit.length) {
    paragraphs.push(section("Claims to revisit", summary.claimsToRevisit.map((claim) => `"${claim.quote}" ${CLAIM_OUTCOMES[claim.status]}${claim.correction}`)));
  }
  if (summary.redFlags.length) paragraphs.push(section("Red flags", summary.redFlags.map((flag) => flag.description)));
  const explore = summary.narrative.areasToExplore;
  if (explore.length) paragraphs.push(section("Worth exploring next", explore));
  paragraphs.push(...summary.notes);
  return {
    kind: "summary",
    heading: `Scorecard for ${summary.candidate}`,
    fields: summary.scorecard.map((row) => ({
      label: `${row.title}: ${RATING_LABELS[row.rating]}`,
      value: row.evidence[0] ? `"${row.evidence[0]}"` : row.justification,
    })),
    paragraphs,
    ...(options.reviewable ? { buttons: [reviewButton(summary.interviewId)] } : {}),
  };
}

/** The button that opens the review form for an interview; its value is the interview id. */
export function reviewButton(interviewId: string): Button {
  return { action: "review", label: "Review", value: interviewId };
}

function section(title: string, items: readonly string[]): string {
  return [`${title}:`, ...items.map((item) => `• ${item}`)].join("\n");
}

/** Posted with the picture of the candidate's design, after the scorecard. */
export const DESIGN_CAPTION = "Your design as you drew and described it, in data-flow order; parts you never covered are dashed and faded.";
