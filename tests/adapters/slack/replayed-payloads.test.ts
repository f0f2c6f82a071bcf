import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { SlackCall } from "../../fakes/slack.js";
import { fixture } from "../../support/fixtures.js";
import { CANDIDATE, inThread, isPlaceholder, shown, SlackWorld, TEAMMATE } from "../../support/slack-team.js";

/**
 * Slack's own payloads, kept under tests/fixtures/slack/ in the shape Slack sends them (ids
 * anonymised, the test world's ids filled in), replayed through Bolt's real HTTP receiver with a
 * valid signature. One interview, as a user lives it: the slash command opens it in a thread, the
 * candidate's reply is answered, End posts the scorecard, and a teammate's review lands in the thread.
 */

let world: SlackWorld;

beforeAll(async () => {
  world = await SlackWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const form = (fields: Record<string, unknown>) => new URLSearchParams(fields as Record<string, string>).toString();
const interactivity = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe("recorded Slack payloads replayed through the real receiver", () => {
  test("a slash command, a thread reply, an End press and a review submission run one interview to its peer reviews", async () => {
    const { slack, send } = world;
    const channel = world.channel();
    const ids = { team_id: slack.teamId, channel_id: channel };

    // /mock-interview senior fraud: acknowledged empty, then a parent message and the first question in its thread.
    const parentPosted = world.next((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined);
    const command = await send.signed(form(fixture("slack/slash-command.json", { ...ids, user_id: CANDIDATE, response_url: slack.responseUrl("replay-command"), trigger_id: "replay-command" })), "application/x-www-form-urlencoded");
    expect(command).toMatchObject({ status: 200, body: "" });
    const parent = await parentPosted;
    expect(shown(parent)).toMatch(/fraud detection/i);
    const threadTs = String(parent.response?.ts);
    const first = await slack.waitFor((call) => inThread(channel, threadTs)(call) && !isPlaceholder(call), 10_000);
    expect(shown(first)).toMatch(/Hi ada/);

    // The candidate's reply in the thread (Slack's &amp; decoded once): a placeholder at once, then the answer in its place.
    const answered = world.next((call) => call.method === "chat.update" && call.body.channel === channel);
    const message = fixture("slack/thread-message.json", { ...ids, user_id: CANDIDATE, bot_user_id: slack.botUserId, ts: slack.nextTs(), thread_ts: threadTs, event_id: "Ev0REPLAY01" });
    expect((await send.signed(JSON.stringify(message), "application/json")).status).toBe(200);
    const reply = await answered;
    expect(shown(reply)).not.toMatch(/thinking/);
    expect(shown(reply)).toContain("mock_interview_end");

    // End pressed on the reply: the scorecard, with its Review button, in the thread.
    const scorecardPosted = world.next((call) => inThread(channel, threadTs)(call) && /Scorecard for ada/.test(shown(call)), 20_000);
    const end = fixture("slack/block-actions-end.json", { ...ids, user_id: CANDIDATE, bot_user_id: slack.botUserId, bot_id: slack.botId, message_ts: String(reply.body.ts), thread_ts: threadTs, trigger_id: "replay-end", response_url: slack.responseUrl("replay-end") });
    expect((await send.signed(interactivity(end), "application/x-www-form-urlencoded")).status).toBe(200);
    const scorecard = await scorecardPosted;
    // The scorecard quotes the candidate's answer: Slack's escaping undone on the way in, done once on the way out.
    expect(shown(scorecard)).toContain("fraud is rare &amp; the classes are skewed");
    expect(shown(scorecard)).not.toContain("&amp;amp;");

    // A teammate opens the review form from the scorecard and submits it as Slack sends a filled-in modal.
    const pressed = await send.press({ user: TEAMMATE, channel, threadTs, blocks: scorecard.body.blocks, label: "Review", messageTs: String(scorecard.response?.ts) });
    await slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
    const opened = slack.views.find((view) => view.triggerId === pressed.triggerId);
    if (!opened) throw new Error("no review form opened");
    const aggregatePosted = world.next((call: SlackCall) => inThread(channel, threadTs)(call) && /Peer reviews/.test(shown(call)));
    const submission = fixture("slack/view-submission-review.json", {
      team_id: slack.teamId,
      user_id: TEAMMATE,
      bot_id: slack.botId,
      trigger_id: "replay-review",
      view_id: opened.id,
      blocks: opened.view.blocks,
      private_metadata: opened.view.private_metadata,
    });
    const submitted = await send.signed(interactivity(submission), "application/x-www-form-urlencoded");
    expect(submitted).toMatchObject({ status: 200, body: "" });
    const aggregate = await aggregatePosted;
    expect(String(aggregate.body.text)).toMatch(/^<@U0CANDIDATE> /);
    expect(shown(aggregate)).toMatch(/Peers: Strong ×1/);
    expect(shown(aggregate)).toContain("Picked PR-AUC for the rare class straight away.");
  });
});
