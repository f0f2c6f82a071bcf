import { describe, expect, test } from "@jest/globals";
import { ComponentType } from "discord.js";
import { readReviewSubmission, reviewCustomId, reviewModal, reviewTargetFromCustomId, type ReviewDraft } from "../../../adapters/discord/review-modal.js";
import { threadFromLink } from "../../../adapters/discord/thread-key.js";
import { RATINGS } from "../../../src/content/schemas.js";
import { loadContent } from "../../../src/engine/context.js";
import { UserInputError } from "../../../src/core/errors.js";
import type { ReviewForm } from "../../../src/features/team/port.js";
import { fillModal, ModalSchema, type ModalAnswers } from "../../fakes/discord/modals.js";

const { rubric } = loadContent();
const THREAD = "1304556123456789012";

function form(existing: ReviewForm["existing"] = null): ReviewForm {
  return {
    threadKey: `discord:1304556000000000000:${THREAD}`,
    interviewId: "4c1f0b8e-6f2a-4f0e-9a57-0d6f7f3b2a11",
    candidateName: "Ada Lovelace-Byron, Principal Machine Learning Engineer",
    problemTitle: "Real-time fraud detection for a payment platform",
    dimensions: rubric.dimensions.map((dimension) => ({ id: dimension.id, title: dimension.title })),
    ratings: RATINGS,
    existing,
  };
}

/** The modal as Discord shows it, filled in by a member, read back as the adapter reads a submission. */
function submit(shown: ReturnType<typeof reviewModal>, answers: ModalAnswers = {}): ReviewDraft {
  const parsed = ModalSchema.parse(shown);
  const values = new Map<string, string | string[]>();
  for (const component of fillModal(parsed, answers)) {
    if (component.type !== ComponentType.Label) continue;
    const field = component.component;
    if (field.type === ComponentType.StringSelect) values.set(field.custom_id, field.values);
    if (field.type === ComponentType.TextInput) values.set(field.custom_id, field.value);
  }
  const text = (key: string) => String(values.get(key) ?? "");
  const list = values.get("ratings");
  return { ratings: Array.isArray(list) ? list : [], comments: text("comments"), notes: text("notes") };
}

describe("the review modal", () => {
  test("fits Discord's modal limits: a 45-character title, five components at most, one select of 24 ratings", () => {
    const modal = reviewModal(form(), THREAD);
    expect(ModalSchema.safeParse(modal).success).toBe(true);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components.length).toBeLessThanOrEqual(5);
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    expect(reviewTargetFromCustomId(modal.custom_id)).toEqual({ thread: THREAD, interviewId: form().interviewId });
  });

  test("an earlier review fills it in, and sending it unchanged reads back the same review", () => {
    const existing = {
      ratings: { "ml-knowledge": "strong", communication: "developing" } as const,
      comments: { "ml-knowledge": "Knew when PR-AUC beats ROC-AUC.\nAlso covered calibration.", "trade-off-analysis": "Weighed latency against recall." },
      notes: "Strong start; slow on monitoring.",
    };
    const modal = reviewModal(form(existing), THREAD);
    expect(readReviewSubmission(form(), submit(modal))).toEqual(existing);
  });

  test("a draft (what could not be saved) fills it in ahead of the earlier review", () => {
    const draft: ReviewDraft = { ratings: ["communication=solid"], comments: "Communication: clear", notes: "draft notes" };
    const modal = reviewModal(form({ ratings: { communication: "strong" }, comments: {}, notes: "old" }), THREAD, draft);
    expect(submit(modal)).toEqual(draft);
  });
});

describe("reading a submitted review", () => {
  const read = (draft: Partial<ReviewDraft>) => readReviewSubmission(form(), { ratings: [], comments: "", notes: "", ...draft });

  test("comment lines match a dimension by title or id in any case, after a bullet, with a colon or a dash; lines after belong to it", () => {
    const comments = ["- ml knowledge: good on metrics", "  and on labels", "• ML-SYSTEMS — feature store was right", "**Communication**: clear", "", "Trade-off analysis - weighed cost"].join("\n");
    expect(read({ comments }).comments).toEqual({
      "ml-knowledge": "good on metrics\n  and on labels",
      "ml-systems": "feature store was right",
      communication: "clear",
      "trade-off-analysis": "weighed cost",
    });
  });

  test("the longer title wins: 'ML systems knowledge' is not read as 'ML knowledge'", () => {
    expect(read({ comments: "ML systems knowledge: solid serving design" }).comments).toEqual({ "ml-systems": "solid serving design" });
  });

  test("two ratings for one dimension, a comment without a dimension, and an overlong comment are UserInputErrors saying what to do", () => {
    expect(() => read({ ratings: ["communication=strong", "communication=solid"] })).toThrow(new UserInputError("Pick one rating for Communication: you picked Strong and Solid."));
    expect(() => read({ comments: "great job" })).toThrow(/Start each comment with its dimension/);
    expect(() => read({ comments: `Communication: ${"x".repeat(1_001)}` })).toThrow(/keep each to 1,000/);
    expect(() => read({ ratings: ["communication=excellent"] })).toThrow(/Use Strong, Solid, Developing, Not shown/);
  });

  test("an empty form reads as an empty review (the team services decide whether that is enough)", () => {
    expect(read({})).toEqual({ ratings: {}, comments: {}, notes: "" });
  });

  test("custom ids that are not the review's are not read as one", () => {
    expect(reviewTargetFromCustomId("mock_interview:end")).toBeUndefined();
    expect(reviewTargetFromCustomId(`mock_review:${THREAD}:bad id`)).toBeUndefined();
    expect(reviewTargetFromCustomId(reviewCustomId({ thread: THREAD, interviewId: "abc_1-2" }))).toEqual({ thread: THREAD, interviewId: "abc_1-2" });
  });
});

describe("thread links", () => {
  test("Copy Link's forms, message links and channel mentions name the thread; anything else names nothing", () => {
    const thread = { guild: "1304556000000000000", thread: THREAD };
    for (const link of [
      `https://discord.com/channels/${thread.guild}/${THREAD}`,
      `https://ptb.discord.com/channels/${thread.guild}/${THREAD}/`,
      `https://canary.discordapp.com/channels/${thread.guild}/${THREAD}/1304556999999999999`,
      ` <https://discord.com/channels/${thread.guild}/${THREAD}> `,
      `<#${THREAD}>`,
    ]) {
      expect(threadFromLink(link, thread.guild)).toEqual(thread);
    }
    expect(threadFromLink(`https://discord.com/channels/1111111111111111111/${THREAD}`, thread.guild)).toEqual({ guild: "1111111111111111111", thread: THREAD });
    for (const junk of ["", "the fraud one", `https://example.com/channels/${thread.guild}/${THREAD}`, "https://discord.com/channels/@me/1304556123456789012"]) {
      expect(threadFromLink(junk, thread.guild)).toBeUndefined();
    }
  });
});
