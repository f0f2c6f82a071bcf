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
import { ReviewInputSchema, type ReviewForm, type ReviewInput } from "../../src/features/team/port.js";
import { RATING_LABELS } from "../../src/voice/summary/message.js";
import { clip } from "../../src/core/text/clip.js";
import { safeText } from "../../src/core/text/safe.js";
import { escapeMarkdown } from "./markdown.js";

/**
 * The review form as a Discord modal. A modal holds at most five top-level components and there are
 * six dimensions, so one select per dimension cannot fit: the ratings are one multi-select whose
 * options are "<dimension>: <rating>" (six dimensions times four ratings fit its 25 options), so a
 * reviewer clicks rather than types. Comments per dimension are one paragraph, a line each
 * ("ML knowledge: …"), and overall notes another.
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

/** The modal and the button that reopens it: `mock_review:<thread>:<interview id>`, both under 100 characters. */
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
}

export function reviewCustomId(target: ReviewTarget): string {
  return `${REVIEW_CUSTOM_ID_PREFIX}${target.thread}:${target.interviewId}`;
}

export function reviewTargetFromCustomId(customId: string): ReviewTarget | undefined {
  const match = /^mock_review:(\d{1,20}):([A-Za-z0-9_-]{1,64})$/.exec(customId);
  return match?.[1] && match[2] ? { thread: match[1], interviewId: match[2] } : undefined;
}

/** A button that opens the form (again): after a slow start, or to fix a submission that could not be read. */
export function reviewButtonRow(target: ReviewTarget, label: string): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return { type: ACTION_ROW, components: [{ type: BUTTON, style: PRIMARY, custom_id: reviewCustomId(target), label }] };
}

/** The modal for `form`, filled with the reviewer's draft, else their earlier review, else empty. */
export function reviewModal(form: ReviewForm, thread: string, draft?: ReviewDraft): APIModalInteractionResponseCallbackData {
  const options = ratingOptions(form, draft);
  if (options.length > REVIEW_LIMITS.selectOptions) throw new RangeError(`${options.length} rating choices do not fit one Discord select (25 at most)`);
  const comments = draft?.comments ?? commentLines(form);
  const notes = draft?.notes ?? form.existing?.notes ?? "";
  const example = form.dimensions[0]?.title ?? "Communication";
  const intro: APITextDisplayComponent = {
    type: TEXT_DISPLAY,
    content: `Reviewing **${escapeMarkdown(form.candidateName)}**'s interview${form.problemTitle ? `: ${escapeMarkdown(form.problemTitle)}` : ""}.${form.existing ? " Your earlier review is filled in; sending replaces it." : ""} The AI's ratings are hidden so they don't anchor yours.`,
  };
  const ratings: APILabelComponent = {
    type: LABEL,
    label: "Ratings",
    description: "Pick one rating per dimension; leave out any you didn't see.",
    component: { type: STRING_SELECT, custom_id: REVIEW_FIELDS.ratings, placeholder: "Choose ratings", min_values: 0, max_values: form.dimensions.length, required: false, options },
  };
  const commentsInput: APILabelComponent = {
    type: LABEL,
    label: "Comments per dimension",
    description: clip(`One line each, starting with the dimension: "${example}: …"`, REVIEW_LIMITS.labelDescription),
    component: {
      type: TEXT_INPUT,
      custom_id: REVIEW_FIELDS.comments,
      style: PARAGRAPH,
      required: false,
      max_length: REVIEW_LIMITS.textInput,
      placeholder: clip(`${example}: what they did well, and what to work on`, REVIEW_LIMITS.placeholder),
      ...(comments ? { value: clip(comments, REVIEW_LIMITS.textInput) } : {}),
    },
  };
  const notesInput: APILabelComponent = {
    type: LABEL,
    label: "Overall notes",
    component: {
      type: TEXT_INPUT,
      custom_id: REVIEW_FIELDS.notes,
      style: PARAGRAPH,
      required: false,
      max_length: REVIEW_LIMITS.notes,
      placeholder: "What stood out, and the one thing to practise next",
      ...(notes ? { value: clip(notes, REVIEW_LIMITS.notes) } : {}),
    },
  };
  return {
    custom_id: reviewCustomId({ thread, interviewId: form.interviewId }),
    title: clip(safeText(`Review: ${form.candidateName}`), REVIEW_LIMITS.title),
    components: [intro, ratings, commentsInput, notesInput],
  };
}

/**
 * The review in a submitted modal. Lenient where it can be: comment lines match a dimension by its
 * title or id in any case, with ":" or a dash after it, and lines that follow belong to the same
 * dimension. What cannot be read (two ratings for one dimension, a comment with no dimension) is a
 * UserInputError saying how to write it.
 */
export function readReviewSubmission(form: Pick<ReviewForm, "dimensions" | "ratings">, draft: ReviewDraft): ReviewInput {
  const ratings: Partial<Record<DimensionId, Rating>> = {};
  for (const value of draft.ratings) {
    const [dimensionId, rating] = value.split("=");
    const dimension = form.dimensions.find((entry) => entry.id === dimensionId);
    const named = form.ratings.find((entry) => entry === rating);
    if (!dimension || !named) throw new UserInputError(`"${value}" is not a rating I know. Use ${form.ratings.map((entry) => RATING_LABELS[entry]).join(", ")}.`);
    const earlier = ratings[dimension.id];
    if (earlier && earlier !== named) throw new UserInputError(`Pick one rating for ${dimension.title}: you picked ${RATING_LABELS[earlier]} and ${RATING_LABELS[named]}.`);
    ratings[dimension.id] = named;
  }
  const comments = readComments(form.dimensions, draft.comments);
  const parsed = ReviewInputSchema.safeParse({ ratings, comments, notes: draft.notes });
  if (!parsed.success) throw new UserInputError(`Overall notes are limited to ${REVIEW_LIMITS.notes.toLocaleString("en")} characters.`);
  return parsed.data;
}

function readComments(dimensions: ReviewForm["dimensions"], text: string): Partial<Record<DimensionId, string>> {
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
      const names = dimensions.map((dimension) => dimension.title).join(", ");
      throw new UserInputError(`Start each comment with its dimension, e.g. "${dimensions[0]?.title ?? "Communication"}: …". The dimensions are ${names}. Notes about the whole interview go in Overall notes.`);
    }
  }
  for (const dimension of dimensions) {
    const comment = comments[dimension.id]?.trim();
    if (!comment) {
      delete comments[dimension.id];
      continue;
    }
    if (comment.length > REVIEW_LIMITS.comment) throw new UserInputError(`The comment on ${dimension.title} is ${comment.length.toLocaleString("en")} characters; keep each to ${REVIEW_LIMITS.comment.toLocaleString("en")}.`);
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

function ratingOptions(form: ReviewForm, draft: ReviewDraft | undefined): APISelectMenuOption[] {
  const chosen = new Set(draft ? draft.ratings : Object.entries(form.existing?.ratings ?? {}).map(([dimension, rating]) => `${dimension}=${rating}`));
  return form.dimensions.flatMap((dimension) =>
    form.ratings.map((rating) => {
      const value = `${dimension.id}=${rating}`;
      return { label: clip(`${dimension.title}: ${RATING_LABELS[rating]}`, REVIEW_LIMITS.optionLabel), value, ...(chosen.has(value) ? { default: true } : {}) };
    }),
  );
}

/** The reviewer's earlier comments as the lines the form reads back. */
function commentLines(form: ReviewForm): string {
  const comments = form.existing?.comments ?? {};
  return form.dimensions.flatMap((dimension) => (comments[dimension.id] ? [`${dimension.title}: ${comments[dimension.id] ?? ""}`] : [])).join("\n");
}
