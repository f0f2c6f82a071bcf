import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Routes } from "discord.js";
import { CANDIDATE, inThread, SlackWorld, TEAMMATE } from "../support/slack-team.js";
import { DiscordWorld, messageOf, postedIn, shown } from "../adapters/discord/team-world.js";

/**
 * A press is remembered per presser: a teammate's press on the candidate's message (refused) must
 * not make the candidate's own press on it a duplicate.
 */
let slack: SlackWorld;
let discord: DiscordWorld;

beforeAll(async () => {
  [slack, discord] = await Promise.all([SlackWorld.start(), DiscordWorld.start()]);
});

afterAll(async () => {
  await Promise.all([slack?.stop(), discord?.stop()]);
});

describe("a teammate's press does not disable the candidate's buttons", () => {
  test("Slack: a teammate presses End and is refused, then the candidate's End on the same message ends the interview with one scorecard", async () => {
    const channel = slack.channel();
    const { threadTs, first } = await slack.startInterview(CANDIDATE, channel);
    const messageTs = String(first.response?.ts);
    expect(JSON.stringify(first.body.blocks)).toContain("mock_interview_end");

    const refused = slack.next((call) => call.method === "chat.postEphemeral" && call.body.channel === channel && call.body.user === TEAMMATE);
    await slack.send.button({ user: TEAMMATE, channel, messageTs, threadTs, action: "end" });
    expect(String((await refused).body.text)).toMatch(/Only ada, the candidate/);

    const isScorecard = (call: Parameters<ReturnType<typeof inThread>>[0]) => inThread(channel, threadTs)(call) && /Scorecard for ada/.test(JSON.stringify(call.body.blocks));
    // The scorecard's Review button rides on its last part: once it is posted, the scorecard is complete.
    const complete = slack.next((call) => inThread(channel, threadTs)(call) && JSON.stringify(call.body.blocks).includes("mock_team:review"), 20_000);
    await slack.send.button({ user: CANDIDATE, channel, messageTs, threadTs, action: "end" });
    await complete;
    expect(slack.slack.calls.filter(isScorecard)).toHaveLength(1);
  });

  test("Discord: a teammate presses End and is refused, then the candidate's End on the same message ends the interview with one scorecard", async () => {
    const { candidate, teammate } = discord.people;
    const channel = await discord.channel();
    const { threadId, first } = await discord.startInterview(candidate, channel.id);
    const messageId = messageOf(first).id;

    const teammatePress = await discord.press(teammate, messageId, "mock_interview:end");
    const refusal = await discord.discord.waitFor((call) => call.method === "POST" && call.path === Routes.webhook(discord.discord.applicationId, teammatePress.payload.token));
    expect(shown(refusal)).toMatch(/Only Ada, the candidate/);

    const isScorecard = (call: Parameters<ReturnType<typeof postedIn>>[0]) => postedIn(threadId)(call) && /Scorecard for Ada/.test(JSON.stringify((call.body as { embeds?: unknown }).embeds ?? []));
    const complete = discord.next((call) => postedIn(threadId)(call) && shown(call).includes("mock_team:review:"), 20_000);
    await discord.press(candidate, messageId, "mock_interview:end");
    await complete;
    expect(discord.discord.calls.filter(isScorecard)).toHaveLength(1);
  });
});
