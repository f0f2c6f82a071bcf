import type { OutgoingMessage } from "../../core/messages/message.js";
import type { Footprint } from "../../ports/user-data.js";
import { storage } from "../../domain/storage-errors.js";
import type { TeamDeps } from "./deps.js";

/**
 * Forget-me: deletes everything stored about a user as a candidate (interviews with their
 * transcripts, scorecards, reviews received, their index) and says what went. Reviews the user
 * wrote about others stay with those interviews; they name the user by key only and expire with them.
 */
export class Forgetting {
  constructor(private readonly deps: TeamDeps) {}

  /** What forget-me would delete, with confirm and cancel buttons. */
  async prompt(user: string): Promise<OutgoingMessage> {
    const found = await this.deps.userData.footprint(user);
    if (isEmpty(found)) return notice("Nothing to delete", "I have nothing stored about your interviews, so there is nothing to forget.");
    return {
      ...notice(
        "Delete your interview data?",
        `This deletes ${describe(found)}. Reviews you wrote about teammates' interviews stay with those interviews. This can't be undone.`,
      ),
      buttons: [
        { action: "forget-confirm", label: "Delete everything", value: "confirm", style: "danger" },
        { action: "forget-cancel", label: "Cancel", value: "cancel" },
      ],
    };
  }

  /** Deletes it all and says what was deleted. */
  async forget(user: string): Promise<OutgoingMessage> {
    const { userData, summaries } = this.deps;
    const found = await userData.footprint(user);
    // Pending work goes first, so no sweeper or worker picks up an interview while it is being deleted.
    await userData.dropPending(found);
    for (const thread of found.threads) for (const id of thread.interviewIds) await storage(() => summaries.remove(id));
    await userData.erase(user, found);
    if (isEmpty(found)) return notice("Nothing to delete", "There was nothing stored about your interviews, so there was nothing to delete.");
    return notice("Deleted", `Deleted ${describe(found)}.`);
  }
}

function isEmpty(found: Footprint): boolean {
  return found.interviews + found.summaries + found.reviewsReceived === 0;
}

function describe(found: Footprint): string {
  const parts = [
    `${count(found.interviews, "interview")} with ${found.interviews === 1 ? "its transcript" : "their transcripts"}`,
    ...(found.summaries ? [count(found.summaries, "scorecard")] : []),
    ...(found.reviewsReceived ? [`${count(found.reviewsReceived, "peer review")} you received`] : []),
    "your history",
  ];
  return `${parts.slice(0, -1).join(", ")}${parts.length > 2 ? "," : ""} and ${parts.at(-1)}`;
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? "" : "s"}`;
}

function notice(heading: string, text: string): OutgoingMessage {
  return { kind: "notice", heading, paragraphs: [text] };
}
