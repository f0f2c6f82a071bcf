import type { OutgoingMessage } from "../messages/message.js";
import type { TeamDeps } from "./deps.js";
import type { ReviewForm, ReviewInput } from "./port.js";

// SKELETON (issue 7, being built): peer reviews of an interview.
export class Reviews {
  constructor(private readonly deps: TeamDeps) {}

  form(threadKey: string, reviewer: string, interviewId?: string): Promise<ReviewForm> {
    return Promise.reject(new Error(`reviews not built yet (${threadKey} ${reviewer} ${interviewId ?? ""} ${this.deps.keys.schedules})`));
  }

  submit(threadKey: string, interviewId: string, reviewer: string, input: ReviewInput): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`reviews not built yet (${threadKey} ${interviewId} ${reviewer} ${input.notes})`));
  }

  request(candidate: string, reviewers: readonly string[]): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`reviews not built yet (${candidate} ${reviewers.join(" ")})`));
  }
}
