import type { ProblemBank } from "../content/bank.js";
import type { Intake } from "../ports/intake.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import type { Logger } from "../ops/logger.js";
import type { ReviewForm, TeamServices } from "./team/port.js";
import type { PlatformHints, PostingRefusal } from "./copy.js";
import type { RecentPresses } from "./recent-presses.js";

/** Who asked, as the platform decoded them. */
export interface Caller {
  /** The caller's user key (`slack:T1:U1`, `discord:42`). */
  user: string;
  /** Their display name: the candidate's name in the interview. */
  name: string;
  /** How the interview's parent message names them: a display name, or a mention that pings no one. */
  mention: string;
  /** The channel key the request came from: schedules and charts belong to it. */
  channel: string;
  /** The platform's id of the request (a trigger id, an interaction id): the intake's event id and the problem pick's seed. */
  eventId: string;
}

/** What the platform is asked to post to open an interview. */
export interface ThreadRequest {
  parent: OutgoingMessage;
  candidateName: string;
  problemTitle: string | undefined;
  /** A private thread with the candidate in it, where the platform has them. */
  private: boolean;
  /** The request came from a message that may sit inside a thread (a weekly prompt): open beside it, in its channel. */
  besidePrompt: boolean;
}

/** An interview's public place, as the platform made it. */
export interface OpenedThread {
  threadKey: string;
  /** How to point the caller at it when they cannot see it appear (a channel mention); absent when the channel shows it. */
  reference?: string;
  /** A private thread was asked for and the platform refused: the interview is in a public one. */
  privateRefused?: boolean;
  /** Takes the thread and its parent back; resolves even when the platform refuses (logging why). */
  remove(): Promise<void>;
}

/** What a link or channel mention names, in the caller's team. */
export type ThreadLink = { kind: "thread"; threadKey: string } | { kind: "not-a-link" } | { kind: "elsewhere" };

/**
 * The small part of a platform the features need, made by the adapter for one request: it knows
 * where the request came from, so none of these take the caller again.
 */
export interface Host {
  /** The platform's key prefix (`slack`): the intake's event ids start with it. */
  readonly name: string;
  readonly hints: PlatformHints;
  /** The interview's place is the caller's alone (an assistant pane), not a thread teammates can read. @defaultValue false */
  readonly solo?: boolean;
  /** Posts the parent message and opens the interview's thread. A channel the bot may not post in is a typed error saying what fixes it. */
  openThread(request: ThreadRequest): Promise<OpenedThread>;
  /** The thread a pasted link or mention names. */
  threadFromLink(link: string): ThreadLink;
  /** A teammate's user key from how the platform delivered their mention; undefined when it is not one. */
  userFromMention(token: string): string | undefined;
  /** Why the platform refused a post, when `error` is such a refusal. */
  refusalOf(error: unknown): PostingRefusal | undefined;
}

/** What the features run on: the same for every request on a platform. */
export interface FeatureDeps {
  intake: Intake;
  bank: ProblemBank;
  /** Absent when this process runs without the team features. */
  services: TeamServices | undefined;
  logger: Logger;
  /** Start presses seen moments ago on this process, so a double click opens one interview. */
  presses: RecentPresses;
}

/**
 * What the adapter does with a request's outcome, in its own widgets: tell the caller privately,
 * draw the review form, or replace the (private) message the pressed button sat on.
 */
export type Reply =
  | { kind: "tell"; message: OutgoingMessage }
  | { kind: "review-form"; form: ReviewForm }
  | { kind: "replace"; message: OutgoingMessage }
  | { kind: "none" };
