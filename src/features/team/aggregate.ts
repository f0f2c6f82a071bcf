import { RATINGS, type DimensionId, type Rating } from "../../content/schemas.js";
import { mentionOf, type OutgoingMessage } from "../../core/messages/message.js";
import { RATING_LABELS } from "../../voice/summary/message.js";
import type { StoredReview } from "../../ports/reviews.js";

/** How the peers' ratings of a dimension sit beside the AI's. */
export type Agreement = "agrees" | "close" | "differs";

export interface AggregateInput {
  candidateId: string;
  candidateName: string;
  problemTitle: string | null;
  /** The rubric's dimensions, in rubric order. */
  dimensions: ReadonlyArray<{ id: DimensionId; title: string }>;
  /** The AI scorecard's rating per dimension; null while the summary is not written yet. */
  ai: Partial<Record<DimensionId, Rating>> | null;
  reviews: readonly StoredReview[];
  /** Whether to ping the candidate (a new reviewer) or only update the thread (an edit). */
  notify: boolean;
}

/**
 * The peer reviews of one interview, posted in its thread after each review: per dimension the
 * AI's rating beside the peers' and whether they agree, then comments and notes. Reviewers are
 * named by mention only; the candidate is the one user pinged.
 */
export function aggregateMessage(input: AggregateInput): OutgoingMessage {
  const { reviews, ai } = input;
  const count = reviews.length;
  const paragraphs = [
    `${count} ${count === 1 ? "teammate has" : "teammates have"} reviewed ${input.candidateName}'s interview${input.problemTitle ? ` on ${input.problemTitle}` : ""}. For each dimension: the AI's rating, the peers' ratings, and whether they agree.`,
  ];
  if (!ai) paragraphs.push("The AI scorecard isn't written yet, so its ratings show as pending.");
  const comments = input.dimensions.flatMap((dimension) =>
    reviews.flatMap((review) => {
      const comment = review.comments[dimension.id];
      return comment ? [`${dimension.title}, from ${mentionOf(review.reviewer)}: ${comment}`] : [];
    }),
  );
  if (comments.length) paragraphs.push(section("Comments", comments));
  const notes = reviews.flatMap((review) => (review.notes ? [`${mentionOf(review.reviewer)}: ${review.notes}`] : []));
  if (notes.length) paragraphs.push(section("Notes", notes));
  return {
    kind: "notice",
    heading: `Peer reviews (${count})`,
    fields: input.dimensions.map((dimension) => ({
      label: dimension.title,
      value: dimensionLine(
        ai ? (ai[dimension.id] ?? null) : "pending",
        reviews.flatMap((review) => review.ratings[dimension.id] ?? []),
      ),
    })),
    paragraphs,
    ...(input.notify ? { mentions: [input.candidateId] } : {}),
  };
}

/**
 * Whether the peers' most common rating is the AI's, one step from it, or further. When several
 * ratings tie for most common, the one nearest the AI's counts: part of the room agrees.
 */
export function agreement(ai: Rating, peers: readonly Rating[]): Agreement | null {
  const counts = tally(peers);
  if (!counts.size) return null;
  const top = Math.max(...counts.values());
  const distance = Math.min(...[...counts].filter(([, count]) => count === top).map(([rating]) => Math.abs(RATINGS.indexOf(rating) - RATINGS.indexOf(ai))));
  return distance === 0 ? "agrees" : distance === 1 ? "close" : "differs";
}

function dimensionLine(ai: Rating | "pending" | null, peers: readonly Rating[]): string {
  const counts = tally(peers);
  const peerText = counts.size ? RATINGS.flatMap((rating) => (counts.has(rating) ? [`${RATING_LABELS[rating]} ×${counts.get(rating)}`] : [])).join(", ") : "no ratings yet";
  const aiText = ai === "pending" ? "pending" : ai ? RATING_LABELS[ai] : "not rated";
  const parts = [`AI: ${aiText}`, `Peers: ${peerText}`];
  const agreed = ai && ai !== "pending" ? agreement(ai, peers) : null;
  if (agreed) parts.push(agreed);
  return parts.join(" · ");
}

function tally(ratings: readonly Rating[]): Map<Rating, number> {
  const counts = new Map<Rating, number>();
  for (const rating of ratings) counts.set(rating, (counts.get(rating) ?? 0) + 1);
  return counts;
}

function section(title: string, items: readonly string[]): string {
  return [`${title}:`, ...items.map((item) => `• ${item}`)].join("\n");
}
