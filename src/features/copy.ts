import type { OutgoingMessage } from "../core/messages/message.js";

/**
 * Every sentence the chat features say outside an interview's turns, in one place and worded for
 * any platform. Where a sentence needs the platform's own words (how to copy a thread link, which
 * permissions to grant), the adapter supplies them as PlatformHints; the sentence stays here.
 */
export interface PlatformHints {
  /** The platform's name as users know it: "Slack". */
  title: string;
  /** What a team's home is called there: "workspace", "server". */
  space: string;
  /** How to copy an interview thread's link, as an instruction: "right-click the thread's name → Copy Link". */
  copyThreadLink: string;
  /** How to start a review from a copied link: "run /mock-interview review <link>". */
  reviewWithLink: string;
  /** How to name teammates in review-request, with an example. */
  mentionTeammates: string;
  /** How to let the bot into a channel: "Invite me with `/invite @Mock Interview`". */
  inviteBot: string;
  /** The permissions the bot needs in a channel to open interview threads, as a list. */
  permissions: string;
  /** The usage paragraphs of help, when the platform's command takes options rather than words. @defaultValue the typed-words usage */
  usage?: { start: string; team: string };
}

/** Why the platform would not let the bot post where it was asked to; the adapter maps its own error codes onto these. */
export type PostingRefusal = "not-a-member" | "hidden" | "archived" | "restricted" | "not-a-channel" | "missing-permissions";

export const COMMAND = "/mock-interview";

/** What the user reads when something unexpected failed: no stack trace, and never silence. */
export const SOMETHING_WENT_WRONG = "Something went wrong on my side. Please try again in a moment; if it keeps happening, tell whoever runs Mock Interview here.";
export const START_FAILED = "Something went wrong while starting your interview. Please try again in a moment.";
export const TEAM_UNAVAILABLE = "Reviews, schedules and history aren't available right now: this process runs without the team features. Please try again later.";
/** The notification text of a message's later parts, when a platform splits one message in several. */
export const CONTINUED = "(continued)";
export const NOTHING_DELETED = "Nothing was deleted.";
export const ALREADY_OPENING = "Your interview on this problem is already opening; look for its thread in this channel.";

export const FORM_READY = "Your review form is ready.";
export const OPEN_FORM_LABEL = "Open the review form";
export const EDIT_REVIEW_LABEL = "Edit your review";
export const FORM_OUT_OF_DATE = "This form is out of date. Close it and press Review on the scorecard again.";
export const FORM_EXPIRED = "The review form could not open in time. Run the command (or press Review) again.";
/** The review form's own words, shared by every platform's drawing of it. */
export const REVIEW_FORM = {
  intro: "Rate what you saw in the thread. Every field is optional: skip a dimension the interview did not show.",
  unanchored: "The AI's ratings are hidden so they don't anchor yours.",
  editing: "Your earlier review is filled in; sending replaces it.",
  choose: "Choose a rating",
  commentPlaceholder: "A quote or moment from the thread",
  notes: "Overall notes",
  notesPlaceholder: "What stood out, and the one thing to practise next",
  title: "Review interview",
  editTitle: "Edit your review",
  submit: "Submit review",
  save: "Save review",
  cancel: "Cancel",
  next: "Next dimensions",
  chooseListed: "Choose one of the ratings in the list.",
  ratings: "Ratings",
  ratingsHelp: "Pick one rating per dimension; leave out any you didn't see.",
  chooseRatings: "Choose ratings",
  comments: "Comments per dimension",
} as const;

/** The label of a dimension's comment box. */
export function commentLabel(dimension: string): string {
  return `${dimension}: what you saw`;
}

/** How to write comments in one box for several dimensions, and an example line. */
export function commentLinesHelp(example: string): { description: string; placeholder: string } {
  return { description: `One line each, starting with the dimension: "${example}: …"`, placeholder: `${example}: what they did well, and what to work on` };
}

/** The review form's heading; `emphasise` is the platform's bold. */
export function reviewingHeading(candidate: string, problemTitle: string | null, emphasise: (text: string) => string): string {
  return `Reviewing ${emphasise(candidate)}'s interview${problemTitle ? `: ${problemTitle}` : ""}.`;
}

/** An interview thread's name. */
export function interviewThreadName(candidate: string, problemTitle: string | undefined): string {
  return `Mock interview · ${candidate}${problemTitle ? ` · ${problemTitle}` : ""}`;
}

/** The team features need a platform permission the install lacks: the operator's to fix, said as such. */
export function missingPermission(what: string, fix: string): string {
  return `I'm missing ${what} needed for team practice. ${fix}`;
}

export function platformSlow(hints: Pick<PlatformHints, "title">): string {
  return `${hints.title} didn't answer a permission check just now. Please try again in a moment.`;
}

export function commentTooLong(max: number, dimension?: string): string {
  return `Keep ${dimension ? `the comment on ${dimension}` : "it"} under ${max.toLocaleString("en")} characters.`;
}

export function commentOverLimit(dimension: string, length: number, max: number): string {
  return `The comment on ${dimension} is ${length.toLocaleString("en")} characters; keep each to ${max.toLocaleString("en")}.`;
}

export function unknownRating(value: string, labels: readonly string[]): string {
  return `"${value}" is not a rating I know. Use ${labels.join(", ")}.`;
}

export function twoRatings(dimension: string, first: string, second: string): string {
  return `Pick one rating for ${dimension}: you picked ${first} and ${second}.`;
}

export function commentWithoutDimension(example: string, dimensions: readonly string[]): string {
  return `Start each comment with its dimension, e.g. "${example}: …". The dimensions are ${dimensions.join(", ")}. Notes about the whole interview go in Overall notes.`;
}

/** A review form shown in parts: which part this is, and that the rest follows. */
export function formPart(first: number, last: number, total: number): string {
  return `Dimensions ${first === last ? first : `${first}–${last}`} of ${total}.`;
}

export const FORM_PART_LOST = "The earlier part of this review form is no longer here (it expired, or the bot restarted), so nothing was saved. Open the form again from its first part.";

export function partKept(first: number, last: number, total: number): string {
  return `Kept your ratings for dimensions ${first}–${last} of ${total}. Continue with the next ones; nothing is saved until you send the last part.`;
}

export function notesTooLong(max: number): string {
  return `Keep the overall notes under ${max.toLocaleString("en")} characters.`;
}

export function notAThreadLink(hints: PlatformHints): string {
  return `That isn't a link to an interview thread. To copy one, ${hints.copyThreadLink}; then ${hints.reviewWithLink}. Or press Review on the interview's scorecard.`;
}

export function threadElsewhere(hints: PlatformHints): string {
  return `That thread is in another ${hints.space}. Run ${COMMAND} review in the ${hints.space} where the interview took place.`;
}

export function noThreadForButton(hints: PlatformHints): string {
  return `I couldn't tell which interview this button belongs to. To review it from its link, ${hints.copyThreadLink}; then ${hints.reviewWithLink}.`;
}

export function notAMention(token: string, hints: PlatformHints): string {
  return `"${token}" is not a mention of a teammate. ${hints.mentionTeammates}`;
}

export function botCannotReview(name: string): string {
  return `${name} is a bot and can't review interviews. Pick teammates instead.`;
}

export function spaceOnly(hints: PlatformHints): string {
  return `Run ${COMMAND} in a channel of a ${hints.space}: interviews, reviews and schedules belong to a ${hints.space}.`;
}

export function notAChannel(hints: PlatformHints): string {
  return `I can only open interview threads from a ${hints.space}'s text channel. Run ${COMMAND} in one (not inside a thread).`;
}

/** `place` is how the platform links to the thread (a channel mention, a permalink). */
export function interviewReady(place: string): string {
  return `Your interview is ready in ${place}. The first question is on its way.`;
}

export function privateRefused(hints: PlatformHints): string {
  return `This ${hints.space} doesn't let me open a private thread here, so the interview is in a public thread.`;
}

/** What fixes a channel the bot may not post in. */
export function cannotPost(refusal: PostingRefusal, hints: PlatformHints): string {
  switch (refusal) {
    case "not-a-member":
      return `I'm not a member of this channel. ${hints.inviteBot}, then run the command again.`;
    case "hidden":
      return `I can't see this channel (it may be private). ${hints.inviteBot}, then run the command again.`;
    case "archived":
      return "This channel is archived, so I can't start a thread here. Try another channel.";
    case "restricted":
      return `This ${hints.space} doesn't let me post in this channel. Ask an admin, or try another channel.`;
    case "not-a-channel":
      return "I can't run interviews in this conversation. Try it in a channel I'm a member of.";
    case "missing-permissions":
      return `I can't post or open threads in this channel. Ask an admin to give me ${hints.permissions} here, or run the command in another channel.`;
  }
}

export function errorMessage(text: string): OutgoingMessage {
  return { kind: "error", paragraphs: [text] };
}

export function notice(...paragraphs: string[]): OutgoingMessage {
  return { kind: "notice", paragraphs };
}

/** Weekly prompts post into a channel's thread list: a host with no channels (the terminal) has none to offer. */
export const NO_CHANNEL_FOR_SCHEDULES = "Weekly practice prompts post into a team channel, so they run from a chat platform. Here, run an interview whenever you like.";
