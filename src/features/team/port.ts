import type { DimensionId, Rating } from "../../content/schemas.js";
import type { Focus } from "../../domain/focus.js";
import type { Level } from "../../content/levels.js";
import type { OutgoingMessage } from "../../core/messages/message.js";
import type { ReviewInput } from "../../ports/reviews.js";
import type { WeeklyCadence } from "../../ports/schedules.js";

/**
 * The team features as adapters see them. Every argument named `user`, `reviewer` or `candidate`
 * is a platform user key (`slack:T1:U1`, `discord:42`); every check (membership, admin, who owns
 * what) is made here against the platform's Directory, never trusted from the adapter or a form.
 * Refusals are ForbiddenError, unknown things NotFoundError, bad input UserInputError: each
 * message is fit to show the user as it is.
 */
export interface TeamPractice {
  /** The review form for the thread's latest interview (or `interviewId`); the reviewer's earlier review prefills it. */
  reviewForm(threadKey: string, reviewer: string, interviewId?: string): Promise<ReviewForm>;
  /** Saves the reviewer's review (replacing an earlier one), posts the aggregate in the thread and notifies the candidate. Returns the reviewer's confirmation. */
  submitReview(threadKey: string, interviewId: string, reviewer: string, input: ReviewInput): Promise<OutgoingMessage>;
  /** Sends each reviewer a direct message linking the candidate's latest interview. Returns the candidate's confirmation. */
  requestReviews(candidate: string, reviewers: readonly string[]): Promise<OutgoingMessage>;
  /** The user's past interviews: date, problem, level, named ratings, link. Shown to the user alone. */
  history(user: string): Promise<OutgoingMessage>;
  /** A new interview aimed at the user's weakest dimensions and areas; start it like any other with `focus`. */
  focus(user: string): Promise<FocusPlan>;
  /** Posts a PNG chart of the user's ratings per dimension over time into `channelKey`. Returns the caller's confirmation. */
  progress(user: string, channelKey: string): Promise<OutgoingMessage>;
  /** Says what forget-me would delete, with confirm and cancel buttons. Shown to the user alone. */
  forgetPrompt(user: string): Promise<OutgoingMessage>;
  /** Deletes the user's interviews, transcripts, summaries, reviews received and history; says what was deleted. */
  forget(user: string): Promise<OutgoingMessage>;
}

/** Weekly practice prompts in a channel (`channelKey`: `slack:<team>:<channel>`, `discord:<guild>:<channel>`). */
export interface PracticeSchedules {
  /** Creates or replaces the channel's schedule. Replacing someone else's needs the creator or an admin. */
  set(channelKey: string, user: string, cadence: WeeklyCadence): Promise<OutgoingMessage>;
  list(channelKey: string): Promise<OutgoingMessage>;
  /** Removes the channel's schedule: its creator or an admin only. */
  off(channelKey: string, user: string): Promise<OutgoingMessage>;
}

/** What adapters receive from the service to offer the team features. */
export interface TeamServices {
  team: TeamPractice;
  schedules: PracticeSchedules;
}

export { ReviewInputSchema, type ReviewInput } from "../../ports/reviews.js";

export interface ReviewForm {
  threadKey: string;
  interviewId: string;
  candidateName: string;
  problemTitle: string | null;
  /** Each dimension of the rubric, in rubric order. The AI's rating is not shown, so it cannot anchor the reviewer. */
  dimensions: ReadonlyArray<{ id: DimensionId; title: string }>;
  ratings: readonly Rating[];
  /** The reviewer's earlier review, to edit. */
  existing: ReviewInput | null;
}

export interface FocusPlan {
  problemId: string;
  level: Level | null;
  focus: Focus;
  /** One sentence for the caller: what the interview will focus on and why. */
  reason: string;
}

/** The `practice-start` button's value: the problem and level a weekly prompt offers. */
export function practiceStartValue(problemId: string, level: Level | null): string {
  return level ? `${problemId}@${level}` : problemId;
}

export function parsePracticeStartValue(value: string): { problem: string; level?: string } {
  const [problem = "", level] = value.split("@");
  return level ? { problem, level } : { problem };
}
