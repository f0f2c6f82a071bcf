import type { OutgoingMessage } from "../../core/messages/message.js";
import type { TeamDeps } from "./deps.js";
import { Forgetting } from "./forget.js";
import { History } from "./history.js";
import type { FocusPlan, ReviewForm, ReviewInput, TeamPractice } from "./port.js";
import { Reviews } from "./reviews.js";

/** The team features over their storage ports: one facade over reviews, history (with focus and progress) and forget-me. */
export class TeamPracticeService implements TeamPractice {
  private readonly reviews: Reviews;
  private readonly history_: History;
  private readonly forgetting: Forgetting;

  constructor(deps: TeamDeps) {
    this.reviews = new Reviews(deps);
    this.history_ = new History(deps);
    this.forgetting = new Forgetting(deps);
  }

  reviewForm(threadKey: string, reviewer: string, interviewId?: string): Promise<ReviewForm> {
    return this.reviews.form(threadKey, reviewer, interviewId);
  }

  submitReview(threadKey: string, interviewId: string, reviewer: string, input: ReviewInput): Promise<OutgoingMessage> {
    return this.reviews.submit(threadKey, interviewId, reviewer, input);
  }

  requestReviews(candidate: string, reviewers: readonly string[]): Promise<OutgoingMessage> {
    return this.reviews.request(candidate, reviewers);
  }

  history(user: string): Promise<OutgoingMessage> {
    return this.history_.list(user);
  }

  focus(user: string): Promise<FocusPlan> {
    return this.history_.focus(user);
  }

  progress(user: string, channelKey: string): Promise<OutgoingMessage> {
    return this.history_.progress(user, channelKey);
  }

  forgetPrompt(user: string): Promise<OutgoingMessage> {
    return this.forgetting.prompt(user);
  }

  forget(user: string): Promise<OutgoingMessage> {
    return this.forgetting.forget(user);
  }
}
