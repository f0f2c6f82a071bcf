import { describe, expect, test } from "@jest/globals";
import type { ViewOutput } from "@slack/bolt";
import { renderSlack, teamActionOf } from "../../../adapters/slack/render.js";
import { readReviewSubmission, reviewModal, REVIEW_CALLBACK_ID } from "../../../adapters/slack/review-modal.js";
import { threadFromPermalink, userFromMention } from "../../../adapters/slack/thread-key.js";
import { RATINGS } from "../../../src/content/schemas.js";
import type { ReviewForm } from "../../../src/features/team/port.js";
import { modalProblems } from "../../fakes/slack/views.js";

const json = (value: unknown) => JSON.stringify(value);

const FORM: ReviewForm = {
  threadKey: "slack:T1:C1:1732291201.000100",
  interviewId: "7f1c7a8e-0000-4000-8000-000000000001",
  candidateName: "ada",
  problemTitle: "Fraud detection <payments>",
  dimensions: [
    { id: "ml-knowledge", title: "ML knowledge" },
    { id: "communication", title: "Communication" },
  ],
  ratings: RATINGS,
  existing: null,
};

/** The view as Slack hands it back on submission: the blocks sent, and the state the user left. */
function submitted(view: ReturnType<typeof reviewModal>, values: ViewOutput["state"]["values"]): ViewOutput {
  return {
    id: "V1",
    callback_id: view.callback_id ?? "",
    team_id: "T1",
    app_id: "A1",
    bot_id: "B1",
    title: { type: "plain_text", text: view.title.text },
    type: "modal",
    blocks: view.blocks,
    close: null,
    submit: null,
    state: { values },
    hash: "1.hash",
    private_metadata: view.private_metadata ?? "",
    root_view_id: "V1",
    previous_view_id: null,
    clear_on_close: false,
    notify_on_close: false,
  };
}

describe("team buttons and mentions in Block Kit", () => {
  test("team buttons render after the interview buttons, with mock_team action ids and their values", () => {
    const [rendered] = renderSlack({
      kind: "summary",
      heading: "Scorecard for ada",
      paragraphs: ["Overall."],
      actions: ["hint"],
      buttons: [{ action: "review", label: "Review", value: "interview-1", style: "primary" }],
    });
    const blocks = rendered?.blocks ?? [];
    expect(blocks.at(-2)?.type).toBe("actions");
    expect(json(blocks.at(-2))).toContain("mock_interview_hint");
    expect(blocks.at(-1)).toEqual({
      type: "actions",
      block_id: "mock_team_buttons",
      elements: [{ type: "button", action_id: "mock_team:review", text: { type: "plain_text", text: "Review" }, value: "interview-1", style: "primary" }],
    });
    expect(teamActionOf("mock_team:review")).toBe("review");
    expect(teamActionOf("mock_interview_hint")).toBeUndefined();
  });

  test("two buttons of one action get distinct action ids that still name the action", () => {
    const [rendered] = renderSlack({
      kind: "notice",
      paragraphs: ["Pick one."],
      buttons: [
        { action: "practice-start", label: "Start senior", value: "fraud@senior" },
        { action: "practice-start", label: "Start mid", value: "fraud@mid" },
      ],
    });
    const ids = json(rendered?.blocks).match(/mock_team:practice-start(:\d)?/g);
    expect(ids).toEqual(["mock_team:practice-start", "mock_team:practice-start:1"]);
    expect(teamActionOf("mock_team:practice-start:1")).toBe("practice-start");
  });

  test("mentions lead the message and its notification text, unescaped, Slack users only", () => {
    const [rendered] = renderSlack({ kind: "notice", heading: "Peer review", paragraphs: ["Grace reviewed <your> interview."], mentions: ["slack:T1:U0ADA", "discord:42", "slack:T1:U0ADA"] });
    expect(rendered?.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "<@U0ADA>" } });
    expect(rendered?.text.startsWith("<@U0ADA> ")).toBe(true);
    expect(json(rendered?.blocks)).toContain("&lt;your&gt;");
    expect(json(rendered?.blocks)).not.toContain("42");
  });

  test("users named in the text show by name and are not pinged; only mentions ping", () => {
    const names = new Map([["slack:T1:U0GRACE", "grace"]]);
    const [rendered] = renderSlack(
      { kind: "notice", heading: "Reviews from <@slack:T1:U0GRACE>", paragraphs: ["Comment from <@slack:T1:U0GRACE>: a <b>", "And <@slack:T1:U0LIN> and <@discord:42>."], fields: [{ label: "By", value: "<@slack:T1:U0GRACE>" }], mentions: ["slack:T1:U0ADA"] },
      names,
    );
    const blocks = json(rendered?.blocks);
    expect(blocks).toContain("Reviews from @grace");
    expect(blocks).toContain("Comment from @grace: a &lt;b&gt;");
    expect(blocks).toContain("And @U0LIN and @someone.");
    expect(blocks.match(/<@/g)).toEqual(["<@"]);
    expect(rendered?.text).toMatch(/^<@U0ADA> Reviews from @grace/);
    expect(rendered?.text).not.toContain("<@slack:");
  });
});

describe("Slack links and mentions as keys", () => {
  test("a copied message link names its thread; a reply's link names the thread it is in", () => {
    expect(threadFromPermalink("https://acme.slack.com/archives/C0ABC123/p1732291201000100", "T1")).toBe("slack:T1:C0ABC123:1732291201.000100");
    expect(threadFromPermalink("https://acme.slack.com/archives/C0ABC123/p1732291299000200?thread_ts=1732291201.000100&cid=C0ABC123", "T1")).toBe("slack:T1:C0ABC123:1732291201.000100");
  });

  test("links as Slack escapes them in a command are understood too", () => {
    expect(threadFromPermalink("<https://acme.slack.com/archives/G0PRIV/p1732291201000100>", "T1")).toBe("slack:T1:G0PRIV:1732291201.000100");
    expect(threadFromPermalink("<https://acme.slack.com/archives/C0A/p1732291299000200?thread_ts=1732291201.000100&amp;cid=C0A|link>", "T1")).toBe("slack:T1:C0A:1732291201.000100");
  });

  test("anything else is not a thread link", () => {
    for (const text of ["C0ABC123", "https://example.com/archives/C0A/p1732291201000100", "http://acme.slack.com/archives/C0A/p1732291201000100", "https://acme.slack.com/archives/C0A/p17322912", "https://acme.slack.com/archives/C0A/p1732291201000100?thread_ts=oops"]) {
      expect(threadFromPermalink(text, "T1")).toBeUndefined();
    }
  });

  test("escaped user mentions become user keys; a plain @name does not", () => {
    expect(userFromMention("<@U0GRACE|grace>", "T1")).toBe("slack:T1:U0GRACE");
    expect(userFromMention("<@W0GRID>", "T1")).toBe("slack:T1:W0GRID");
    expect(userFromMention("@grace", "T1")).toBeUndefined();
    expect(userFromMention("<#C0CHAN|general>", "T1")).toBeUndefined();
  });
});

describe("the review modal", () => {
  test("one rating select and one comment per dimension, then overall notes, within Slack's limits", () => {
    const view = reviewModal(FORM);
    expect(view.callback_id).toBe(REVIEW_CALLBACK_ID);
    expect(modalProblems(view)).toEqual([]);
    const labels = (JSON.parse(json(view.blocks)) as Array<{ type: string; label?: { text: string } }>).flatMap((block) => (block.type === "input" && block.label ? [block.label.text] : []));
    expect(labels).toEqual(["ML knowledge", "ML knowledge: what you saw", "Communication", "Communication: what you saw", "Overall notes"]);
    expect(json(view.blocks)).toContain('"text":"Not shown"');
    expect(json(view.blocks)).toContain("Fraud detection &lt;payments&gt;");
    expect(JSON.parse(view.private_metadata ?? "")).toEqual({ threadKey: FORM.threadKey, interviewId: FORM.interviewId, dimensions: FORM.dimensions.map((dimension) => dimension.id) });
  });

  test("an earlier review fills the form in, to edit", () => {
    const view = reviewModal({ ...FORM, existing: { ratings: { communication: "solid" }, comments: { communication: "Walked through the design clearly." }, notes: "Good pace." } });
    expect(view.title.text).toBe("Edit your review");
    const communication = view.blocks.find((block) => block.block_id === "rating:communication");
    expect(json(communication)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Solid"},"value":"solid"}');
    expect(json(view.blocks)).toContain('"initial_value":"Walked through the design clearly."');
    expect(json(view.blocks)).toContain('"initial_value":"Good pace."');
    expect(modalProblems(view)).toEqual([]);
  });

  test("a submission reads back as the review, blanks left out and text trimmed", () => {
    const view = reviewModal(FORM);
    const read = readReviewSubmission(
      submitted(view, {
        "rating:ml-knowledge": { rating: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Strong" }, value: "strong" } } },
        "comment:ml-knowledge": { comment: { type: "plain_text_input", value: "  Chose PR-AUC for the rare class.  " } },
        "rating:communication": { rating: { type: "static_select", selected_option: null } },
        "comment:communication": { comment: { type: "plain_text_input", value: null } },
        notes: { notes: { type: "plain_text_input", value: "Solid first pass." } },
      }),
    );
    expect(read).toEqual({
      ok: true,
      threadKey: FORM.threadKey,
      interviewId: FORM.interviewId,
      input: { ratings: { "ml-knowledge": "strong" }, comments: { "ml-knowledge": "Chose PR-AUC for the rare class." }, notes: "Solid first pass." },
    });
  });

  test("a rating that is not one of ours, or metadata that is not ours, comes back as errors on the form", () => {
    const view = reviewModal(FORM);
    const badRating = readReviewSubmission(submitted(view, { "rating:ml-knowledge": { rating: { type: "static_select", selected_option: { text: { type: "plain_text", text: "10/10" }, value: "10" } } } }));
    expect(badRating).toEqual({ ok: false, errors: { "rating:ml-knowledge": "Choose one of the ratings in the list." } });
    const forged = readReviewSubmission({ ...submitted(view, {}), private_metadata: "{}" });
    expect(forged.ok).toBe(false);
  });
});
