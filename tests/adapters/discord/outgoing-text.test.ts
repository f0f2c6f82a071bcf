import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { APIEmbed } from "discord.js";
import type { DiscordCall } from "../../fakes/discord.js";
import { DiscordWorld, hasInterviewButtons, messageOf, postedIn } from "./team-world.js";

/**
 * What Discord is asked to show when the words are someone else's: a candidate's answer quoted in
 * the scorecard's embed, a display name in its title. Every assertion is on what reached the fake
 * Discord, which refuses what the real one refuses (a body holding half an emoji among them).
 */

let world: DiscordWorld;

beforeAll(async () => {
  world = await DiscordWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const embedsOf = (call: DiscordCall) => (call.body as { embeds?: APIEmbed[] }).embeds ?? [];
const isScorecardAttempt = (threadId: string) => (call: DiscordCall) => call.method === "POST" && call.path === `/channels/${threadId}/messages` && /Scorecard (for|unavailable)/.test(JSON.stringify(call.body));
/** `[words](` that Discord would render as words over a hidden address: an opening bracket not escaped. */
const MASKED_LINK = /(^|[^\\])\[[^\]]*\]\(/;

describe("emoji are never cut in half", () => {
  test("a concept sentence run into 150 emoji is quoted in a scorecard Discord accepts on the first attempt", async () => {
    const channel = await world.channel();
    const { candidate } = world.people;
    const { threadId } = await world.startInterview(candidate, channel.id);
    // The 280-character quote clip lands inside the emoji run at an odd offset: half a surrogate pair if cut by code unit.
    const sentence = "I'd frame it as binary classification and track PR-AUC as fraud is rare";
    expect((280 - sentence.length) % 2).toBe(1);
    const answered = world.next((call) => postedIn(threadId)(call) && hasInterviewButtons(call));
    await world.discord.post(world.discord.threadMessage({ author: candidate, channelId: threadId, content: `${sentence}${"😀".repeat(150)}` }));
    const reply = await answered;
    const attempt = world.next(isScorecardAttempt(threadId), 20_000);
    await world.press(candidate, messageOf(reply).id, "mock_interview:end");
    const first = await attempt;
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toMatch(/Scorecard for/);
    const quoted = embedsOf(first).flatMap((embed) => embed.fields ?? []).find((field) => field.value.includes("track PR-AUC as fraud is rare"));
    expect(quoted?.value).toMatch(/track PR-AUC as fraud is rare(😀)+/u);
  });
});

describe("masked links are shown as the characters they are", () => {
  test("a display name and an answer with [words](https://…) show as plain text in the scorecard's title and fields", async () => {
    const phisher = world.discord.user("@everyone [free nitro](https://evil.example)");
    const channel = await world.channel([phisher, world.people.teammate]);
    const answer = "I'd frame it as binary classification and track PR-AUC because fraud is rare, see [the paper](https://evil.example/login).";
    const { scorecard } = await world.finishedInterview(channel.id, phisher, answer);
    const [embed] = embedsOf(scorecard);
    expect(embed?.title).toContain("free nitro");
    expect(embed?.title).not.toMatch(MASKED_LINK);
    const quoted = (embed?.fields ?? []).filter((field) => field.value.includes("the paper"));
    expect(quoted.length).toBeGreaterThan(0);
    for (const field of quoted) {
      expect(field.value).not.toMatch(MASKED_LINK);
      // The address stays visible as itself.
      expect(field.value).toContain("https://evil.example/login");
    }
    // No ping either way: mentions stay suppressed.
    expect(scorecard.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });
});
