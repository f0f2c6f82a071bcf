import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ComponentType, InteractionResponseType, Routes, type APIMessage } from "discord.js";
import { loadDiscordConfig } from "../../adapters/discord/config.js";
import { DiscordPlatform } from "../../adapters/discord/platform.js";
import { REVIEW_LIMITS } from "../../adapters/discord/review-modal.js";
import { SlackPlatform } from "../../adapters/slack/platform.js";
import { RATINGS, type DimensionId } from "../../src/content/schemas.js";
import { loadContent } from "../../src/engine/context.js";
import { NotFoundError } from "../../src/core/errors.js";
import type { Intake } from "../../src/ports/intake.js";
import type { ReviewForm, ReviewInput, TeamServices } from "../../src/features/team/port.js";
import { FakeDiscord, type DiscordCall, type ShownModal } from "../fakes/discord.js";
import { FakeSlack } from "../fakes/slack.js";
import { SIGNING_SECRET, SlackSender } from "../support/slack-requests.js";

/**
 * The review form with a seventh rubric dimension, completed on Slack and on Discord through the
 * real SDKs against the fakes. The seventh comes in through the team port the adapters draw from,
 * so this is the adapters' story alone (their widgets must not care how many dimensions there
 * are); a seventh dimension loaded from rubric/dimensions.yaml is tests/content/new-dimension.test.ts.
 */

const { bank, rubric } = loadContent();
const SEVENTH: { id: DimensionId; title: string } = { id: "data-intuition", title: "Data intuition" };
const DIMENSIONS = [...rubric.dimensions.map((dimension) => ({ id: dimension.id, title: dimension.title })), SEVENTH];

/** Team services that answer reviews only and remember what was submitted: the port, not our implementation of it. */
function reviewsOnly(): { services: TeamServices; submitted: ReviewInput[] } {
  const submitted: ReviewInput[] = [];
  const form = (threadKey: string, interviewId = "interview-7"): ReviewForm => ({ threadKey, interviewId, candidateName: "Ada", problemTitle: "Fraud detection", dimensions: DIMENSIONS, ratings: RATINGS, existing: null });
  const refuse = async (): Promise<never> => {
    throw new NotFoundError("not part of this test");
  };
  return {
    submitted,
    services: {
      team: {
        reviewForm: async (threadKey, _reviewer, interviewId) => form(threadKey, interviewId),
        submitReview: async (_thread, _interview, _reviewer, input) => {
          submitted.push(input);
          return { kind: "notice", paragraphs: ["Review saved."] };
        },
        requestReviews: refuse,
        history: refuse,
        focus: refuse,
        progress: refuse,
        forgetPrompt: refuse,
        forget: refuse,
      },
      schedules: { set: refuse, list: refuse, off: refuse },
    },
  };
}

/** No interviews run here: every event is turned away. */
const idleIntake: Intake = {
  message: async () => "ignored",
  action: async () => "ignored",
  start: async () => "unavailable",
  probe: async () => "unavailable",
};

describe("a seventh rubric dimension on Slack", () => {
  let slack: FakeSlack;
  let platform: SlackPlatform;
  let send: SlackSender;
  const team = reviewsOnly();

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    slack.user("U0GRACE", "grace").channel("C0SEVEN", ["U0GRACE"]);
    platform = new SlackPlatform({ botToken: "xoxb-test-token", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 } }, bank);
    await platform.start(idleIntake, team.services);
    send = new SlackSender(`http://127.0.0.1:${platform.port}/slack/events`, slack);
  });

  afterAll(async () => {
    await platform?.stop();
    await slack?.stop();
  });

  test("the modal has a rating and a comment for all seven, within Block Kit's 100 blocks, and a full review is submitted", async () => {
    const sent = await send.command({ text: "review https://fake.slack.com/archives/C0SEVEN/p1732291201000100", user: "U0GRACE", channel: "C0SEVEN" });
    const opened = await slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === sent.triggerId);
    expect(opened).toBeDefined();
    const view = slack.views.find((entry) => entry.triggerId === sent.triggerId);
    if (!view) throw new Error("no modal opened");
    expect(view.view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.view.blocks)).toContain("Data intuition");

    const answers: Record<string, string> = Object.fromEntries(DIMENSIONS.map((dimension) => [dimension.title, "Solid"]));
    answers["Data intuition: what you saw"] = "Asked how labels arrive before choosing a model.";
    const confirmation = slack.waitFor((call) => call.method === "chat.postEphemeral" && call.body.user === "U0GRACE");
    expect(await send.submitView({ user: "U0GRACE", view, answers })).toEqual({ status: 200, ack: undefined });
    expect(String((await confirmation).body.text)).toMatch(/Review saved/);
    expect(team.submitted.at(-1)?.ratings).toEqual(Object.fromEntries(DIMENSIONS.map((dimension) => [dimension.id, "solid"])));
    expect(team.submitted.at(-1)?.comments).toEqual({ [SEVENTH.id]: "Asked how labels arrive before choosing a model." });
  });
});

describe("a seventh rubric dimension on Discord", () => {
  let discord: FakeDiscord;
  let platform: DiscordPlatform;
  const team = reviewsOnly();

  beforeAll(async () => {
    discord = await new FakeDiscord().start();
    platform = new DiscordPlatform(loadDiscordConfig({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl }), bank);
    await platform.start(idleIntake, team.services);
  });

  afterAll(async () => {
    await platform?.stop();
    await discord?.stop();
  });

  const callbackOf = (id: string, token: string) => discord.waitFor((call) => call.method === "POST" && call.path === Routes.interactionCallback(id, token), 10_000);
  const replyTo = (token: string) => discord.waitFor((call) => call.method === "PATCH" && call.path === decodeURIComponent(Routes.webhookMessage(discord.applicationId, token, "@original")), 10_000);
  const modalOf = (callback: DiscordCall) => (callback.body as { data: ShownModal }).data;
  const selectOf = (modal: ShownModal) => {
    for (const component of modal.components) if (component.type === ComponentType.Label && component.component.type === ComponentType.StringSelect) return component.component;
    throw new Error("the modal has no ratings select");
  };
  const buttonsOf = (call: DiscordCall) => ((call.body as { components?: Array<{ components?: Array<{ custom_id?: string }> }> }).components ?? []).flatMap((row) => row.components ?? []).flatMap((button) => (button.custom_id ? [button.custom_id] : []));

  test("the form comes in two modals whose selects each fit 25 options; sending both saves one review of all seven", async () => {
    const grace = discord.user("grace");
    const channel = await discord.addChannel("reviews");
    const link = `https://discord.com/channels/${discord.guild.id}/1304556123456789012`;
    const asked = discord.command({ user: grace, channelId: channel.id, subcommand: "review", options: { link } });
    await discord.interact(asked);
    const first = await callbackOf(asked.id, asked.token);
    expect(first.body).toMatchObject({ type: InteractionResponseType.Modal });
    const part1 = modalOf(first);
    expect(part1.components.length).toBeLessThanOrEqual(5);
    expect(selectOf(part1).options.length).toBeLessThanOrEqual(REVIEW_LIMITS.selectOptions);
    expect(JSON.stringify(part1)).toMatch(/Dimensions 1–6 of 7/);

    const sentPart1 = discord.submitModal({ user: grace, openedBy: asked, answers: { ratings: ["ml-knowledge=strong", "communication=solid"], comments: "ML knowledge: chose PR-AUC for the rare class" } });
    await discord.interact(sentPart1);
    const kept = await replyTo(sentPart1.token);
    expect(JSON.stringify(kept.body)).toMatch(/Kept your ratings for dimensions 1–6 of 7/);
    expect(team.submitted).toHaveLength(0);
    const next = buttonsOf(kept).find((id) => id.startsWith("mock_review:"));
    expect(next).toMatch(/:1$/);

    const pressed = discord.button({ user: grace, customId: next ?? "", messageId: (kept.response as APIMessage).id });
    await discord.interact(pressed);
    const second = await callbackOf(pressed.id, pressed.token);
    expect(second.body).toMatchObject({ type: InteractionResponseType.Modal });
    const part2 = modalOf(second);
    expect(selectOf(part2).options.map((option) => option.value)).toEqual(RATINGS.map((rating) => `${SEVENTH.id}=${rating}`));

    const sentPart2 = discord.submitModal({ user: grace, openedBy: pressed, answers: { ratings: [`${SEVENTH.id}=developing`], comments: "Data intuition: did not ask where labels come from", notes: "Good start." } });
    await discord.interact(sentPart2);
    expect(JSON.stringify((await replyTo(sentPart2.token)).body)).toMatch(/Review saved/);
    expect(team.submitted).toEqual([
      {
        ratings: { "ml-knowledge": "strong", communication: "solid", [SEVENTH.id]: "developing" },
        comments: { "ml-knowledge": "chose PR-AUC for the rare class", [SEVENTH.id]: "did not ask where labels come from" },
        notes: "Good start.",
      },
    ]);

    // The second part sent with no first part on record (another reviewer, a restart) saves nothing and says so.
    const lin = discord.user("lin");
    const stray = discord.button({ user: lin, customId: next ?? "", messageId: (kept.response as APIMessage).id });
    await discord.interact(stray);
    await callbackOf(stray.id, stray.token);
    const sentAlone = discord.submitModal({ user: lin, openedBy: stray, answers: { ratings: [`${SEVENTH.id}=strong`] } });
    await discord.interact(sentAlone);
    expect(JSON.stringify((await replyTo(sentAlone.token)).body)).toMatch(/earlier part of this review form is no longer here/);
    expect(team.submitted).toHaveLength(1);
  });
});
