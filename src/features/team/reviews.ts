import { RATINGS, type DimensionId, type Rating } from "../../content/schemas.js";
import type { Session } from "../../domain/session.js";
import { ConflictError, DependencyDownError, ForbiddenError, NotFoundError, UserInputError } from "../../core/errors.js";
import { mentionOf, type OutgoingMessage } from "../../core/messages/message.js";
import { aggregateMessage } from "./aggregate.js";
import type { SummaryArchive } from "../../ports/archive.js";
import type { ReviewStore, StoredReview } from "../../ports/reviews.js";
import type { TeamDeps } from "./deps.js";
import { ReviewInputSchema, type ReviewForm, type ReviewInput } from "./port.js";

/**
 * Peer reviews of an interview: the form, saving a review and posting the aggregate in the
 * thread, and asking teammates for reviews. Every permission is checked here, on each call.
 */
export class Reviews {
  private readonly reviews: ReviewStore;
  private readonly archive: SummaryArchive;

  constructor(private readonly deps: TeamDeps) {
    this.reviews = deps.reviews;
    this.archive = deps.archive;
  }

  /** The form for the thread's latest interview (or `interviewId`), prefilled with the reviewer's earlier review. */
  async form(threadKey: string, reviewer: string, interviewId?: string): Promise<ReviewForm> {
    const session = await this.reviewable(threadKey, reviewer, interviewId);
    const existing = await this.reviews.get(threadKey, session.id, reviewer);
    return {
      threadKey,
      interviewId: session.id,
      candidateName: session.candidate.name,
      problemTitle: this.problemTitle(session),
      dimensions: this.dimensions(),
      ratings: RATINGS,
      existing: existing && { ratings: existing.ratings, comments: existing.comments, notes: existing.notes },
    };
  }

  /** Saves the review (replacing the reviewer's earlier one) and posts the updated aggregate in the thread. */
  async submit(threadKey: string, interviewId: string, reviewer: string, input: ReviewInput): Promise<OutgoingMessage> {
    const parsed = ReviewInputSchema.safeParse(input);
    if (!parsed.success) throw new UserInputError(`I couldn't save that review: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "review"} ${issue.message.toLowerCase()}`).join("; ")}.`);
    const review = parsed.data;
    // Dimensions are the rubric's, whatever a form (drawn before a rubric change, or forged) sends.
    const known = new Set(this.deps.content.rubric.dimensions.map((dimension) => dimension.id));
    const unknown = [...Object.keys(review.ratings), ...Object.keys(review.comments)].find((dimension) => !known.has(dimension));
    if (unknown) throw new UserInputError(`That review form is out of date: "${unknown}" is not on the rubric any more. Open the review form again to review against the current rubric.`);
    if (!Object.keys(review.ratings).length && !Object.values(review.comments).some(Boolean) && !review.notes) {
      throw new UserInputError("That review is empty. Rate at least one dimension or leave a comment or a note.");
    }
    const session = await this.reviewable(threadKey, reviewer, interviewId);
    const now = this.deps.clock.now();
    const earlier = await this.reviews.get(threadKey, session.id, reviewer);
    const saved = await this.reviews.put(threadKey, session.id, { reviewer, ...review, createdAt: earlier?.createdAt ?? now, updatedAt: now });
    // The interview expired (or was forgotten) between the check above and the save.
    if (!saved) throw new NotFoundError("That interview is no longer stored, so there is nothing to review.");

    const [all, archived] = await Promise.all([this.reviews.all(threadKey, session.id), this.archive.get(threadKey, session.id)]);
    try {
      // The candidate is pinged for a new reviewer, not again for each edit.
      await this.deps.poster.post(threadKey, this.aggregate(session, all, archived?.summary.scorecard ?? null, { notify: !earlier }));
    } catch (error) {
      throw new DependencyDownError("Your review is saved, but I couldn't post the updated peer reviews in the thread just now. Submit it again in a moment to post them.", { cause: error });
    }
    return {
      kind: "notice",
      heading: earlier ? "Review updated" : "Review saved",
      paragraphs: [
        `Thanks, your review of ${session.candidate.name}'s interview is saved and the peer reviews in the thread are updated. You can edit it any time by pressing Review again.`,
      ],
    };
  }

  /** Direct-messages each reviewer a link to the candidate's latest interview. */
  async request(candidate: string, reviewers: readonly string[]): Promise<OutgoingMessage> {
    const asked = [...new Set(reviewers.map((reviewer) => reviewer.trim()).filter(Boolean))];
    if (!asked.length) throw new UserInputError("Name at least one teammate to ask, e.g. /mock-interview review-request @teammate.");
    const others = asked.filter((reviewer) => reviewer !== candidate);
    if (!others.length) throw new ForbiddenError("You can't review your own interview. Name a teammate to ask instead.");
    const [latest] = await this.deps.store.listForCandidate(candidate, 1);
    if (!latest) throw new NotFoundError("You have no interview to review yet. Start one with /mock-interview, then ask teammates to review it.");
    const link = await this.deps.directory.threadLink(latest.threadKey);
    const direct = this.deps.poster.direct?.bind(this.deps.poster);
    if (!direct) throw new ConflictError(`I can't send direct messages on this platform. Share the interview's link with your teammates instead: ${link}`);

    // The link is only useful to people who can open the channel; the rest are told apart, not messaged.
    const members = await Promise.all(others.map(async (reviewer) => ((await this.deps.directory.canRead(latest.threadKey, reviewer)) ? reviewer : null)));
    const eligible = members.filter((reviewer) => reviewer !== null);
    const outsiders = others.filter((reviewer) => !eligible.includes(reviewer));
    const message = this.requestMessage(latest, link);
    const sent = await Promise.allSettled(eligible.map((reviewer) => direct(reviewer, message)));
    const unreachable = eligible.filter((_, index) => sent[index]?.status === "rejected");
    const reached = eligible.length - unreachable.length;
    if (eligible.length && !reached) {
      const failure = sent.find((result) => result.status === "rejected");
      throw new DependencyDownError("I couldn't send the review requests just now. Please try again shortly.", { cause: failure?.status === "rejected" ? failure.reason : undefined });
    }

    const paragraphs = [];
    if (reached) paragraphs.push(`Asked ${reached} ${reached === 1 ? "teammate" : "teammates"} to review your interview${this.on(latest)}. Their reviews will appear in its thread.`);
    if (outsiders.length) paragraphs.push(`Not asked, because they aren't in the interview's channel: ${outsiders.map(mentionOf).join(", ")}.`);
    if (unreachable.length) paragraphs.push(`I couldn't reach ${unreachable.map(mentionOf).join(", ")} by direct message; share the link with them yourself: ${link}`);
    if (asked.length > others.length) paragraphs.push("I left you out: you can't review your own interview.");
    return { kind: "notice", heading: "Review request", paragraphs };
  }

  /** The interview, once the reviewer may review it: not their own, and in a channel they belong to. */
  private async reviewable(threadKey: string, reviewer: string, interviewId?: string): Promise<Session> {
    const { store, directory } = this.deps;
    const session = interviewId === undefined ? await store.get(threadKey) : await store.getInterview(threadKey, interviewId);
    if (!session) throw new NotFoundError("There's no interview in that thread to review. Check the link, or press Review on the interview's scorecard.");
    if (session.candidate.id === reviewer) throw new ForbiddenError("You can't review your own interview. Ask teammates with /mock-interview review-request @teammate.");
    if (!(await directory.canRead(threadKey, reviewer))) {
      throw new ForbiddenError("Only members of the channel the interview is in can review it. Join the channel, then try again.");
    }
    return session;
  }

  private aggregate(session: Session, reviews: readonly StoredReview[], scorecard: ReadonlyArray<{ dimension: DimensionId; rating: Rating }> | null, options: { notify: boolean }): OutgoingMessage {
    return aggregateMessage({
      notify: options.notify,
      candidateId: session.candidate.id,
      candidateName: session.candidate.name,
      problemTitle: this.problemTitle(session),
      dimensions: this.dimensions(),
      ai: scorecard && Object.fromEntries(scorecard.map((row) => [row.dimension, row.rating])),
      reviews,
    });
  }

  private requestMessage(session: Session, link: string): OutgoingMessage {
    return {
      kind: "notice",
      heading: "Review request",
      paragraphs: [
        `${session.candidate.name} asked you to review their mock interview${this.on(session)}: ${link}`,
        "Open the thread and press Review on the scorecard, or type /mock-interview review with the link.",
      ],
    };
  }

  private dimensions(): Array<{ id: DimensionId; title: string }> {
    return this.deps.content.rubric.dimensions.map((dimension) => ({ id: dimension.id, title: dimension.title }));
  }

  private problemTitle(session: Session): string | null {
    return session.problemId ? (this.deps.content.bank.find(session.problemId)?.title ?? null) : null;
  }

  private on(session: Session): string {
    const title = this.problemTitle(session);
    return title ? ` on ${title}` : "";
  }
}
