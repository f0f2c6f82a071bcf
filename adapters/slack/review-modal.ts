import type { types, ViewOutput } from "@slack/bolt";
import { z } from "zod";
import { RatingSchema, type DimensionId, type Rating } from "../../src/content/schemas.js";
import { commentLabel, commentTooLong, FORM_OUT_OF_DATE, notesTooLong, REVIEW_FORM } from "../../src/features/copy.js";
import type { ReviewForm, ReviewInput } from "../../src/features/team/port.js";
import { RATING_LABELS } from "../../src/voice/summary/message.js";
import { clip } from "../../src/core/text/clip.js";
import { escapeMrkdwn } from "./mrkdwn.js";

export const REVIEW_CALLBACK_ID = "mock_team_review";

/** Block Kit's limits for modals (https://docs.slack.dev/reference/views/modal-views). */
const MODAL_LIMITS = { title: 24, label: 2_000, privateMetadata: 3_000, blocks: 100 } as const;
/** Two blocks a dimension plus the intro and the notes: what one modal holds, checked at start-up (see slackModule). */
export const MAX_REVIEW_DIMENSIONS = (MODAL_LIMITS.blocks - 2) / 2;
const COMMENT_MAX = 1_000;
const NOTES_MAX = 3_000;

const RATING_ACTION = "rating";
const COMMENT_ACTION = "comment";
const NOTES_BLOCK = "notes";
const NOTES_ACTION = "notes";

const ratingBlock = (dimension: DimensionId) => `rating:${dimension}`;
const commentBlock = (dimension: DimensionId) => `comment:${dimension}`;

/**
 * What the modal carries back on submission: which interview and the form's dimensions, never who
 * reviews (that is the submitter). The dimensions travel with the form so its answers are read
 * against the rubric it was drawn from, however many dimensions that has.
 */
const MetadataSchema = z.object({ threadKey: z.string().min(1), interviewId: z.string().min(1), dimensions: z.array(z.string().min(1)).optional() });

/**
 * The review form as a modal: per dimension a named-rating select and an optional comment, then
 * overall notes. A reviewer's earlier review fills it in, so submitting again edits it.
 */
export function reviewModal(form: ReviewForm): types.ModalView {
  const existing = form.existing;
  const option = (rating: ReviewForm["ratings"][number]) => ({ text: { type: "plain_text" as const, text: RATING_LABELS[rating] }, value: rating });
  const blocks: types.KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(form.candidateName)}*${form.problemTitle ? ` · ${escapeMrkdwn(form.problemTitle)}` : ""}\n${REVIEW_FORM.intro}`,
      },
    },
  ];
  for (const dimension of form.dimensions) {
    const rating = existing?.ratings[dimension.id];
    const comment = existing?.comments[dimension.id];
    blocks.push(
      {
        type: "input",
        block_id: ratingBlock(dimension.id),
        optional: true,
        label: { type: "plain_text", text: clip(dimension.title, MODAL_LIMITS.label) },
        element: {
          type: "static_select",
          action_id: RATING_ACTION,
          placeholder: { type: "plain_text", text: REVIEW_FORM.choose },
          options: form.ratings.map(option),
          ...(rating ? { initial_option: option(rating) } : {}),
        },
      },
      {
        type: "input",
        block_id: commentBlock(dimension.id),
        optional: true,
        label: { type: "plain_text", text: clip(commentLabel(dimension.title), MODAL_LIMITS.label) },
        element: {
          type: "plain_text_input",
          action_id: COMMENT_ACTION,
          max_length: COMMENT_MAX,
          placeholder: { type: "plain_text", text: REVIEW_FORM.commentPlaceholder },
          ...(comment ? { initial_value: comment } : {}),
        },
      },
    );
  }
  blocks.push({
    type: "input",
    block_id: NOTES_BLOCK,
    optional: true,
    label: { type: "plain_text", text: REVIEW_FORM.notes },
    element: {
      type: "plain_text_input",
      action_id: NOTES_ACTION,
      multiline: true,
      max_length: NOTES_MAX,
      ...(existing?.notes ? { initial_value: existing.notes } : {}),
    },
  });
  if (blocks.length > MODAL_LIMITS.blocks) throw new RangeError(`${form.dimensions.length} dimensions do not fit one Slack modal (${MAX_REVIEW_DIMENSIONS} at most)`);
  const metadata = JSON.stringify({ threadKey: form.threadKey, interviewId: form.interviewId, dimensions: form.dimensions.map((dimension) => dimension.id) } satisfies z.infer<typeof MetadataSchema>);
  if (metadata.length > MODAL_LIMITS.privateMetadata) throw new RangeError("review modal metadata is too long");
  return {
    type: "modal",
    callback_id: REVIEW_CALLBACK_ID,
    title: { type: "plain_text", text: existing ? REVIEW_FORM.editTitle : REVIEW_FORM.title },
    submit: { type: "plain_text", text: existing ? REVIEW_FORM.save : REVIEW_FORM.submit },
    close: { type: "plain_text", text: REVIEW_FORM.cancel },
    private_metadata: metadata,
    blocks,
  };
}

export type ReviewSubmission =
  | { ok: true; threadKey: string; interviewId: string; input: ReviewInput }
  | { ok: false; errors: Record<string, string> };

/** The submitted modal as a review, or errors per block for `response_action: "errors"`. */
export function readReviewSubmission(view: ViewOutput): ReviewSubmission {
  const values = view.state.values;
  let metadata: unknown;
  try {
    metadata = JSON.parse(view.private_metadata);
  } catch {
    metadata = undefined;
  }
  const target = MetadataSchema.safeParse(metadata);
  if (!target.success) return { ok: false, errors: { [NOTES_BLOCK]: FORM_OUT_OF_DATE } };

  // A form drawn before the dimensions travelled with it names none: the team service checks them against the rubric.
  const known: ReadonlySet<string> | null = target.data.dimensions ? new Set(target.data.dimensions) : null;
  const isFormDimension = (id: string): id is DimensionId => (known ? known.has(id) : /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
  const ratings: Partial<Record<DimensionId, Rating>> = {};
  const comments: Partial<Record<DimensionId, string>> = {};
  const errors: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const [kind, dimension] = blockId.split(":");
    if (!dimension) continue;
    // A dimension the form does not have: the form is older than the rubric, or was tampered with.
    if (!isFormDimension(dimension)) return { ok: false, errors: { [NOTES_BLOCK]: FORM_OUT_OF_DATE } };
    if (kind === "rating") {
      const value = actions[RATING_ACTION]?.selected_option?.value;
      if (!value) continue;
      const selected = RatingSchema.safeParse(value);
      if (selected.success) ratings[dimension] = selected.data;
      else errors[blockId] = REVIEW_FORM.chooseListed;
    } else if (kind === "comment") {
      const text = actions[COMMENT_ACTION]?.value?.trim();
      if (!text) continue;
      if (text.length > COMMENT_MAX) errors[blockId] = commentTooLong(COMMENT_MAX);
      else comments[dimension] = text;
    }
  }
  const notes = values[NOTES_BLOCK]?.[NOTES_ACTION]?.value?.trim() ?? "";
  if (notes.length > NOTES_MAX) errors[NOTES_BLOCK] = notesTooLong(NOTES_MAX);
  if (Object.keys(errors).length) return { ok: false, errors };

  // The team services check the review again (ids, lengths) before saving it.
  return { ok: true, threadKey: target.data.threadKey, interviewId: target.data.interviewId, input: { ratings, comments, notes } };
}
