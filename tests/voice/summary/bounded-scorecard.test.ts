import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SUMMARY_LIMITS } from "../../../src/voice/summary/bounds.js";
import { fakeSummary, FakeOpenAI, type FakeReply, type RecordedRequest } from "../../fakes/openai.js";
import type { DiscordCall } from "../../fakes/discord.js";
import type { SlackCall } from "../../fakes/slack.js";
import { CANDIDATE, inThread, SlackWorld } from "../../support/slack-team.js";
import { DiscordWorld, messageOf, postedIn, shownIn } from "../../adapters/discord/team-world.js";

/** Half an emoji: a surrogate without its pair (paired ones are one code point under the u flag). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A model that writes far too much: the scorecard still arrives as one Slack message and at most
 * two Discord messages, each field within its limit and no emoji cut in half.
 */
const ANSWER = "I'd frame it as binary classification, track PR-AUC because fraud is rare, and watch the fraud loss per transaction online.";
/** Plain words and emoji, nothing either platform escapes, so what is posted is as long as what was kept. */
const rambling = (length: number) => "Strong 😀 framing of the business goal and the metric 🙂 ".repeat(Math.ceil(length / 50)).slice(0, length);
const OVERSIZED = fakeSummary({
  strengths: [rambling(12_000), rambling(12_000), rambling(12_000)],
  improvements: [rambling(12_000), rambling(12_000), rambling(12_000)],
  narrative: {
    keyDecisions: Array.from({ length: 40 }, () => rambling(3_000)),
    mlApproach: rambling(30_000),
    architectureStrengths: rambling(30_000),
    productionReadiness: rambling(30_000),
    strengthsDemonstrated: rambling(30_000),
    areasToExplore: Array.from({ length: 40 }, () => rambling(3_000)),
    overallAssessment: rambling(40_000),
  },
});

let openai: FakeOpenAI;
let slack: SlackWorld;
let discord: DiscordWorld;

beforeAll(async () => {
  openai = await new FakeOpenAI().start();
  const plausible = openai.respond;
  openai.respond = (request: RecordedRequest): FakeReply =>
    request.body.response_format?.json_schema?.name === "interview_summary" ? { kind: "json", value: OVERSIZED } : plausible(request);
  const env = { OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: openai.baseURL, LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "5000" };
  [slack, discord] = await Promise.all([SlackWorld.start({ env }), DiscordWorld.start({ env })]);
});

afterAll(async () => {
  await Promise.all([slack?.stop(), discord?.stop()]);
  await openai?.stop();
});

/** The scorecard's paragraphs as shown, checked against the per-field limits. */
function expectBoundedProse(paragraphs: string[]): void {
  const { paragraph, item, list } = SUMMARY_LIMITS;
  const overall = paragraphs.find((text) => text.startsWith("Strong 😀"));
  expect(overall?.length).toBeLessThanOrEqual(paragraph);
  for (const title of ["Strengths:", "To improve:", "Worth exploring next:"]) {
    const section = paragraphs.find((text) => text.startsWith(title));
    const bullets = (section ?? "").split("\n").slice(1);
    expect(bullets.length).toBeGreaterThan(0);
    for (const bullet of bullets) expect(bullet.replace(/^• /, "").length).toBeLessThanOrEqual(item);
    expect(bullets.map((bullet) => bullet.replace(/^• /, "")).join("").length).toBeLessThanOrEqual(list);
  }
}

describe("oversized model prose in the scorecard", () => {
  test("Slack: one message within Block Kit's limits, each field within its limit", async () => {
    const channel = slack.channel();
    const { threadTs } = await slack.startInterview(CANDIDATE, channel);
    const answered = slack.next((call) => call.method === "chat.update" && call.body.channel === channel);
    await slack.send.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
    const reply = await answered;
    const isPart = (call: SlackCall) => inThread(channel, threadTs)(call) && JSON.stringify(call.body.blocks).includes("mock_team:review");
    // The Review button rides on the scorecard's last message: once it is there, every part is.
    const last = slack.next(isPart, 20_000);
    await slack.send.button({ user: CANDIDATE, channel, messageTs: String(reply.body.ts), threadTs, action: "end" });
    await last;
    const posts = slack.slack.calls.filter(inThread(channel, threadTs));
    const first = posts.findIndex((call) => /Scorecard for ada/.test(JSON.stringify(call.body.blocks)));
    const parts = posts.slice(first);
    expect(openai.requests.some((request) => request.body.response_format?.json_schema?.name === "interview_summary")).toBe(true);
    expect(parts).toHaveLength(1);
    const blocks = (parts[0]?.body.blocks ?? []) as Array<{ type: string; text?: { text: string } }>;
    expect(blocks.length).toBeLessThanOrEqual(20);
    const texts = blocks.flatMap((block) => (block.text ? [block.text.text] : []));
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(3_000);
      expect(text).not.toMatch(LONE_SURROGATE);
    }
    expectBoundedProse(texts);
  });

  test("Discord: at most two messages within the embed limits, each field within its limit", async () => {
    const { candidate } = discord.people;
    const channel = await discord.channel();
    const { threadId } = await discord.startInterview(candidate, channel.id);
    const hasButtons = (call: DiscordCall) => JSON.stringify(call.body).includes("mock_interview:hint");
    // The model's reply streams: it ends as an edit that carries the buttons.
    const answered = discord.next((call) => shownIn(threadId)(call) && hasButtons(call));
    await discord.discord.post(discord.discord.threadMessage({ author: candidate, channelId: threadId, content: ANSWER }));
    const reply = await answered;
    const last = discord.next((call) => postedIn(threadId)(call) && JSON.stringify(call.body).includes("mock_team:review:"), 20_000);
    await discord.press(candidate, messageOf(reply).id, "mock_interview:end");
    await last;
    const posts = discord.discord.calls.filter(postedIn(threadId));
    const embedsOf = (call: DiscordCall) => ((call.body as { embeds?: Array<{ description?: string; fields?: Array<{ value: string }> }> }).embeds ?? []);
    const first = posts.findIndex((call) => /Scorecard for Ada/.test(JSON.stringify(embedsOf(call))));
    const parts = posts.slice(first);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.length).toBeLessThanOrEqual(2);
    expect(parts.every((call) => call.status === 200)).toBe(true);
    const descriptions = parts.flatMap(embedsOf).flatMap((embed) => (embed.description ? [embed.description] : []));
    for (const description of descriptions) {
      expect(description.length).toBeLessThanOrEqual(4_096);
      expect(description).not.toMatch(LONE_SURROGATE);
    }
    expectBoundedProse(descriptions.join("\n\n").split("\n\n"));
  });
});
