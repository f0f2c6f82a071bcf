// Type-only imports, as in render.ts: the modal is plain data checked against Discord's API types.
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APILabelComponent,
  APIModalInteractionResponseCallbackData,
  APISelectMenuOption,
  APITextDisplayComponent,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord.js";
import type { DimensionId, Rating } from "../../src/content/schemas.js";
import { UserInputError } from "../../src/core/errors.js";
import { commentLinesHelp, commentOverLimit, commentWithoutDimension, formPart, notesTooLong, REVIEW_FORM, reviewingHeading, twoRatings, unknownRating } from "../../src/features/copy.js";
import type { ReviewForm, ReviewInput } from "../../src/features/team/port.js";
import { RATING_LABELS } from "../../src/voice/summary/message.js";
import { clip } from "../../src/core/text/clip.js";
import { safeText } from "../../src/core/text/safe.js";
import { escapeMarkdown } from "./markdown.js";

/**
 * The review form as Discord modals. A modal holds at most five top-level components, so one
 * select per dimension cannot fit: a part's ratings are one multi-select whose options are
 * "<dimension>: <rating>", so a reviewer clicks rather than types. Comments per dimension are one
 * paragraph, a line each ("ML knowledge: …"), and overall notes another on the last part. A select
 * holds 25 options, so a rubric with more dimensions than fit (six of four ratings) is shown in
 * parts, each opened by a button after the one before: any number of dimensions fits.
 */
export const REVIEW_LIMITS = {
  title: 45,
  label: 45,
  labelDescription: 100,
  selectOptions: 25,
  optionLabel: 100,
  placeholder: 100,
  textInput: 4_000,
  comment: 1_000,
  notes: 3_000,
} as const;

/** The modal and the button that reopens it: `mock_review:<thread>:<interview id>[:<part>]`, all under 100 characters. */
export const REVIEW_CUSTOM_ID_PREFIX = "mock_review:";
export const REVIEW_FIELDS = { ratings: "ratings", comments: "comments", notes: "notes" } as const;

const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const STRING_SELECT: ComponentType.StringSelect = 3;
const TEXT_INPUT: ComponentType.TextInput = 4;
const TEXT_DISPLAY: ComponentType.TextDisplay = 10;
const LABEL: ComponentType.Label = 18;
const PARAGRAPH: TextInputStyle.Paragraph = 2;
const PRIMARY: ButtonStyle.Primary = 1;

/** What the reviewer sent, as the modal's fields hold it: kept when it cannot be saved, to fill the form again. */
export interface ReviewDraft {
  ratings: readonly string[];
  comments: string;
  notes: string;
}

export interface ReviewTarget {
  thread: string;
  interviewId: string;
  /** Which part of a form shown in parts; absent for the first. */
  part?: number;
}

export function reviewCustomId(target: ReviewTarget): string {
  return `${REVIEW_CUSTOM_ID_PREFIX}${target.thread}:${target.interviewId}${target.part ? `:${target.part}` : ""}`;
}

export function reviewTargetFromCustomId(customId: string): ReviewTarget | undefined {
  const match = /^mock_review:(\d{1,20}):([A-Za-z0-9_-]{1,64})(?::([1-9]\d?))?$/.exec(customId);
  if (!match?.[1] || !match[2]) return undefined;
  return { thread: match[1], interviewId: match[2], ...(match[3] ? { part: Number(match[3]) } : {}) };
}

type Dimensions = ReviewForm["dimensions"];

/** The form's dimensions in parts whose rating choices each fit one select. */
export function reviewParts(form: Pick<ReviewForm, "dimensions" | "ratings">): Dimensions[] {
  const size = Math.max(1, Math.floor(REVIEW_LIMITS.selectOptions / Math.max(1, form.ratings.length)));
  const parts: Dimensions[] = [];
  for (let start = 0; start < form.dimensions.length || parts.length === 0; start += size) parts.push(form.dimensions.slice(start, start + size));
  return parts;
}

/** Where a part starts and ends, counting dimensions from one. */
export function partRange(form: Pick<ReviewForm, "dimensions" | "ratings">, part: number): { first: number; last: number; total: number } {
  const parts = reviewParts(form);
  const before = parts.slice(0, part).reduce((count, dimensions) => count + dimensions.length, 0);
  return { first: before + 1, last: before + (parts[part]?.length ?? 0), total: form.dimensions.length };
}

/** A button that opens the form (again): after a slow start, or to fix a submission that could not be read. */
export function reviewButtonRow(target: ReviewTarget, label: string): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return { type: ACTION_ROW, components: [{ type: BUTTON, style: PRIMARY, custom_id: reviewCustomId(target), label }] };
}

/** The modal for part `part` of `form`, filled with the reviewer's draft of it, else their earlier review, else empty. */
export function reviewModal(form: ReviewForm, thread: string, draft?: ReviewDraft, part = 0): APIModalInteractionResponseCallbackData {
  const parts = reviewParts(form);
  const dimensions = parts[part];
  if (!dimensions) throw new RangeError(`the review form has no part ${part}`);
  const last = part === parts.length - 1;
  const options = ratingOptions(form, dimensions, draft);
  const comments = draft?.comments ?? commentLines(form, dimensions);
  const notes = draft?.notes ?? form.existing?.notes ?? "";
  const help = commentLinesHelp(dimensions[0]?.title ?? "Communication");
  const range = partRange(form, part);
  const intro: APITextDisplayComponent = {
    type: TEXT_DISPLAY,
    content: [
      reviewingHeading(escapeMarkdown(form.candidateName), form.problemTitle ? escapeMarkdown(form.problemTitle) : null, (text) => `**${text}**`),
      ...(parts.length > 1 ? [formPart(range.first, range.last, range.total)] : []),
      ...(form.existing ? [REVIEW_FORM.editing] : []),
      REVIEW_FORM.unanchored,
    ].join(" "),
  };
  const ratings: APILabelComponent = {
    type: LABEL,
    label: REVIEW_FORM.ratings,
    description: REVIEW_FORM.ratingsHelp,
    component: { type: STRING_SELECT, custom_id: REVIEW_FIELDS.ratings, placeholder: REVIEW_FORM.chooseRatings, min_values: 0, max_values: dimensions.length, required: false, options },
  };
  const commentsInput: APILabelComponent = {
    type: LABEL,
    label: REVIEW_FORM.comments,
    description: clip(help.description, REVIEW_LIMITS.labelDescription),
    component: {
      type: TEXT_INPUT,
      custom_id: REVIEW_FIELDS.comments,
      style: PARAGRAPH,
      required: false,
      max_length: REVIEW_LIMITS.textInput,
      placeholder: clip(help.placeholder, REVIEW_LIMITS.placeholder),
      ...(comments ? { value: clip(comments, REVIEW_LIMITS.textInput) } : {}),
    },
  };
  const notesInput: APILabelComponent = {
    type: LABEL,
    label: REVIEW_FORM.notes,
    component: {
      type: TEXT_INPUT,
      custom_id: REVIEW_FIELDS.notes,
      style: PARAGRAPH,
      required: false,
      max_length: REVIEW_LIMITS.notes,
      placeholder: REVIEW_FORM.notesPlaceholder,
      ...(notes ? { value: clip(notes, REVIEW_LIMITS.notes) } : {}),
    },
  };
  return {
    custom_id: reviewCustomId({ thread, interviewId: form.interviewId, ...(part ? { part } : {}) }),
    title: clip(safeText(`Review: ${form.candidateName}`), REVIEW_LIMITS.title),
    components: last ? [intro, ratings, commentsInput, notesInput] : [intro, ratings, commentsInput],
  };
}

/**
 * The review in a submitted modal, or in every part of a form shown in parts (`drafts[i]` for part
 * i; a part never sent counts as empty). Lenient where it can be: comment lines match a dimension
 * by its title or id in any case, with ":" or a dash after it, and lines that follow belong to the
 * same dimension. What cannot be read (two ratings for one dimension, a comment with no dimension)
 * is a UserInputError saying how to write it.
 */
export function readReviewSubmission(form: Pick<ReviewForm, "dimensions" | "ratings">, draft: ReviewDraft | readonly ReviewDraft[]): ReviewInput {
  if (!isDraftList(draft)) return readPart(form, form.dimensions, draft);
  const parts = reviewParts(form);
  const read = parts.map((dimensions, index) => readPart(form, dimensions, draft[index] ?? { ratings: [], comments: "", notes: "" }));
  // Notes are on the last part only.
  return { ratings: Object.assign({}, ...read.map((part) => part.ratings)), comments: Object.assign({}, ...read.map((part) => part.comments)), notes: read.at(-1)?.notes ?? "" };
}

function isDraftList(draft: ReviewDraft | readonly ReviewDraft[]): draft is readonly ReviewDraft[] {
  return Array.isArray(draft);
}

/** One part's fields; its ratings and comments may only name the part's own dimensions. */
export function readPart(form: Pick<ReviewForm, "ratings">, dimensions: Dimensions, draft: ReviewDraft): ReviewInput {
  const ratings: Partial<Record<DimensionId, Rating>> = {};
  for (const value of draft.ratings) {
    const [dimensionId, rating] = value.split("=");
    const dimension = dimensions.find((entry) => entry.id === dimensionId);
    const named = form.ratings.find((entry) => entry === rating);
    if (!dimension || !named) throw new UserInputError(unknownRating(value, form.ratings.map((entry) => RATING_LABELS[entry])));
    const earlier = ratings[dimension.id];
    if (earlier && earlier !== named) throw new UserInputError(twoRatings(dimension.title, RATING_LABELS[earlier], RATING_LABELS[named]));
    ratings[dimension.id] = named;
  }
  const comments = readComments(dimensions, draft.comments);
  // The ids come from the form, so only the notes' length can fail here.
  if (draft.notes.trim().length > REVIEW_LIMITS.notes) throw new UserInputError(notesTooLong(REVIEW_LIMITS.notes));
  return { ratings, comments, notes: draft.notes.trim() };
}

function readComments(dimensions: Dimensions, text: string): Partial<Record<DimensionId, string>> {
  const comments: Partial<Record<DimensionId, string>> = {};
  let current: ReviewForm["dimensions"][number] | undefined;
  for (const line of text.split(/\r?\n/)) {
    const start = commentStart(dimensions, line);
    if (start) {
      current = start.dimension;
      comments[current.id] = [comments[current.id], start.rest].filter(Boolean).join("\n");
    } else if (current) {
      comments[current.id] = `${comments[current.id] ?? ""}\n${line}`;
    } else if (line.trim()) {
      throw new UserInputError(commentWithoutDimension(dimensions[0]?.title ?? "Communication", dimensions.map((dimension) => dimension.title)));
    }
  }
  for (const dimension of dimensions) {
    const comment = comments[dimension.id]?.trim();
    if (!comment) {
      delete comments[dimension.id];
      continue;
    }
    if (comment.length > REVIEW_LIMITS.comment) throw new UserInputError(commentOverLimit(dimension.title, comment.length, REVIEW_LIMITS.comment));
    comments[dimension.id] = comment;
  }
  return comments;
}

/** "ML knowledge: …", "- ml-systems — …": the dimension a line opens, and the text after it. Longest names first, so no title shadows a longer one. */
function commentStart(dimensions: ReviewForm["dimensions"], line: string): { dimension: ReviewForm["dimensions"][number]; rest: string } | undefined {
  const text = line.replace(/\*\*/g, "").replace(/^\s*(?:[-•*]\s*)?/, "");
  const names = dimensions.flatMap((dimension) => [dimension.title, dimension.id].map((name) => ({ dimension, name: name.toLowerCase() }))).sort((left, right) => right.name.length - left.name.length);
  const lower = text.toLowerCase();
  for (const { dimension, name } of names) {
    if (!lower.startsWith(name)) continue;
    const after = /^\s*(?::|-|–|—)\s*/.exec(text.slice(name.length));
    if (after) return { dimension, rest: text.slice(name.length + after[0].length).trim() };
  }
  return undefined;
}

function ratingOptions(form: ReviewForm, dimensions: Dimensions, draft: ReviewDraft | undefined): APISelectMenuOption[] {
  const chosen = new Set(draft ? draft.ratings : Object.entries(form.existing?.ratings ?? {}).map(([dimension, rating]) => `${dimension}=${rating}`));
  return dimensions.flatMap((dimension) =>
    form.ratings.map((rating) => {
      const value = `${dimension.id}=${rating}`;
      return { label: clip(`${dimension.title}: ${RATING_LABELS[rating]}`, REVIEW_LIMITS.optionLabel), value, ...(chosen.has(value) ? { default: true } : {}) };
    }),
  );
}

/** The reviewer's earlier comments as the lines the form reads back. */
function commentLines(form: ReviewForm, dimensions: Dimensions): string {
  const comments = form.existing?.comments ?? {};
  return dimensions.flatMap((dimension) => (comments[dimension.id] ? [`${dimension.title}: ${comments[dimension.id] ?? ""}`] : [])).join("\n");
}
