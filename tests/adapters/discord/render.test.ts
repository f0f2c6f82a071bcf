import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { REST } from "@discordjs/rest";
import { Routes, type APIEmbed, type RESTPatchAPIWebhookWithTokenMessageJSONBody, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { escapeMarkdown } from "../../../adapters/discord/markdown.js";
import { actionFromCustomId, customIdFor, DISCORD_LIMITS, embedSize, renderDiscord, teamButtonFromCustomId, type DiscordMessage } from "../../../adapters/discord/render.js";
import { ACTIONS, mentionOf, type OutgoingMessage } from "../../../src/core/messages/message.js";
import { buildSummary } from "../../../src/voice/summary/build.js";
import { RATING_LABELS, summaryMessage } from "../../../src/voice/summary/message.js";
import type { Summary } from "../../../src/domain/summary.js";
import { conversation } from "../../support/conversation.js";
import { FakeDiscord } from "../../fakes/discord.js";

/** Paragraphs of about 200 characters, each distinct so a lost or repeated one shows. */
function paragraphs(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `Paragraph ${index + 1}. ${"I would log impressions and clicks, join them with a delay for late labels, and retrain daily. ".repeat(2).trim()}`);
}

const buttons = (message: DiscordMessage | undefined) => message?.components?.flatMap((row) => row.components) ?? [];

async function realSummary(): Promise<Summary> {
  let summary: Summary | undefined;
  await conversation({ level: "senior", problem: "fraud" })
    .send("The goal is fewer fraud losses at the same approval rate, so I'd predict the probability of fraud per transaction.")
    .send("Offline I'd use PR-AUC because fraud is rare; online, fraud losses and the false positive rate.")
    .send("end")
    .check(async (flow) => {
      summary = buildSummary(await flow.session(), flow.app.content);
    });
  if (!summary) throw new Error("no summary");
  return summary;
}

describe("Discord rendering", () => {
  test("an interviewer message is markdown content with a bold heading and the five buttons as mock_interview:<action>", () => {
    const [rendered, ...rest] = renderDiscord({ kind: "interviewer", heading: "Requirements", paragraphs: ["What would you clarify first?", "Think about latency and cost."], actions: [...ACTIONS] });
    expect(rest).toEqual([]);
    expect(rendered?.content).toBe("**Requirements**\n\nWhat would you clarify first?\n\nThink about latency and cost.");
    expect(rendered?.allowed_mentions).toEqual({ parse: [] });
    expect(rendered?.components).toHaveLength(1);
    expect(buttons(rendered).map((button) => [button.custom_id, button.label])).toEqual([
      ["mock_interview:hint", "Hint"],
      ["mock_interview:harder", "Harder"],
      ["mock_interview:easier", "Easier"],
      ["mock_interview:next", "Next phase"],
      ["mock_interview:end", "End interview"],
    ]);
    expect(buttons(rendered).find((button) => button.custom_id === "mock_interview:end")?.style).toBe(4);
  });

  test("a 5,000-character answer is split at paragraph boundaries, each message within 2,000 characters, nothing lost, buttons on the last", () => {
    const source = paragraphs(25);
    expect(source.join("\n\n").length).toBeGreaterThan(5_000);
    const rendered = renderDiscord({ kind: "interviewer", paragraphs: source, actions: ["hint", "end"] });
    expect(rendered.length).toBe(3);
    for (const message of rendered) expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    // Every piece is whole paragraphs, and together they are exactly the original, in order.
    expect(rendered.flatMap((message) => (message.content ?? "").split("\n\n"))).toEqual(source);
    expect(rendered.slice(0, -1).every((message) => message.components === undefined)).toBe(true);
    expect(buttons(rendered.at(-1)).map((button) => button.custom_id)).toEqual(["mock_interview:hint", "mock_interview:end"]);
  });

  test("one paragraph longer than a message is cut at sentence ends, never mid-word", () => {
    const long = Array.from({ length: 60 }, (_, index) => `Sentence ${index} is about feature freshness.`).join(" ");
    const rendered = renderDiscord({ kind: "interviewer", paragraphs: [long] });
    expect(rendered.length).toBeGreaterThan(1);
    for (const message of rendered) expect(message.content).toMatch(/^Sentence \d+ .*\.$/s);
    expect(rendered.map((message) => message.content).join(" ")).toBe(long);
  });

  test("candidate text cannot restyle a message or ping anyone; links stay whole", () => {
    const [rendered] = renderDiscord({ kind: "notice", paragraphs: ["**bold** _it_ `code` ||spoiler|| ~~gone~~ @everyone", "# not a heading\n> not a quote", "see https://example.com/a_b*c"] });
    expect(rendered?.content).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~gone\\~\\~ @everyone\n\n\\# not a heading\n\\> not a quote\n\nsee https://example.com/a_b*c",
    );
    expect(rendered?.allowed_mentions).toEqual({ parse: [] });
    expect(escapeMarkdown("1\\2")).toBe("1\\\\2");
  });

  test("words over a link, in a reply or a name, show as the characters typed; the address shows as itself", () => {
    const [rendered] = renderDiscord({
      kind: "interviewer",
      heading: "For @everyone [free nitro](https://evil.example)",
      paragraphs: ["Read [the docs](https://evil.example/a_b) or [this](<https://evil.example>) \u202Ebefore you answer."],
    });
    expect(rendered?.content).toBe(
      "**For @everyone \\[free nitro\\](https://evil.example)**\n\nRead \\[the docs\\](https://evil.example/a_b) or \\[this\\](<https://evil.example>) before you answer.",
    );
    expect(escapeMarkdown("[1] and [2]")).toBe("\\[1\\] and \\[2\\]");
  });

  test("the scorecard is an embed with one field per dimension: the rating in the name, the quoted evidence as the value", async () => {
    const summary = await realSummary();
    const rendered = renderDiscord(summaryMessage(summary));
    expect(rendered).toHaveLength(1);
    const [embed, ...others] = rendered[0]?.embeds ?? [];
    expect(others).toEqual([]);
    expect(embed?.title).toBe(`Scorecard for ${escapeMarkdown(summary.candidate)}`);
    expect(embed?.description).toContain("Strengths:");
    expect(embed?.description).toContain("Study next:");
    expect(embed?.fields?.map((field) => field.name)).toEqual(summary.scorecard.map((row) => escapeMarkdown(`${row.title}: ${RATING_LABELS[row.rating]}`)));
    for (const [index, row] of summary.scorecard.entries()) {
      const value = embed?.fields?.[index]?.value ?? "";
      expect(value.startsWith("> ")).toBe(true);
      if (row.evidence[0]) expect(value).toContain(escapeMarkdown(row.evidence[0]));
    }
  });

  test("a scorecard too big for one embed continues in more embeds and messages, every Discord limit kept and every field kept in order", () => {
    const message: OutgoingMessage = {
      kind: "summary",
      heading: "Scorecard for Ada",
      paragraphs: paragraphs(30),
      fields: Array.from({ length: 40 }, (_, index) => ({ label: `Dimension ${index + 1}: Solid`, value: `"${"We would shadow-deploy the model first. ".repeat(30)}"` })),
      actions: ["end"],
    };
    const rendered = renderDiscord(message);
    expect(rendered.length).toBeGreaterThan(1);
    const embeds: APIEmbed[] = rendered.flatMap((part) => part.embeds ?? []);
    for (const part of rendered) {
      expect(part.embeds?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect((part.embeds ?? []).reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    }
    for (const embed of embeds) {
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(embeds[0]?.title).toBe("Scorecard for Ada");
    expect(embeds.flatMap((embed) => embed.fields ?? []).map((field) => field.name)).toEqual(message.fields?.map((field) => field.label));
    expect(embeds.map((embed) => embed.description ?? "").join("\n\n").trim().split("\n\n")).toEqual(message.paragraphs);
    expect(rendered.slice(0, -1).every((part) => part.components === undefined)).toBe(true);
    expect(buttons(rendered.at(-1)).map((button) => button.custom_id)).toEqual(["mock_interview:end"]);
  });

  test("a button's custom_id maps back to its action; other components are not ours", () => {
    for (const action of ACTIONS) expect(actionFromCustomId(customIdFor(action))).toBe(action);
    expect(actionFromCustomId("mock_interview:delete-everything")).toBeUndefined();
    expect(actionFromCustomId("other_bot:hint")).toBeUndefined();
  });
});

describe("Discord accepts what we render", () => {
  let discord: FakeDiscord;
  let rest: REST;

  beforeAll(async () => {
    discord = await new FakeDiscord().start();
    rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  });

  afterAll(async () => {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await discord.stop();
  });

  test("every part of a long answer and of a large scorecard posts through @discordjs/rest without a 400", async () => {
    const long = renderDiscord({ kind: "interviewer", heading: "Deep dive", paragraphs: paragraphs(40), actions: [...ACTIONS] });
    const scorecard = renderDiscord({
      kind: "summary",
      heading: "Scorecard for Ada",
      paragraphs: paragraphs(30),
      fields: Array.from({ length: 30 }, (_, index) => ({ label: `Dimension ${index + 1}: Strong`, value: "x".repeat(1_100) })),
    });
    const real = renderDiscord(summaryMessage(await realSummary()));
    for (const message of [...long, ...scorecard, ...real]) {
      // Compile-time too: the same body serves a channel post and an interaction reply edit.
      const body: RESTPostAPIChannelMessageJSONBody & RESTPatchAPIWebhookWithTokenMessageJSONBody = message;
      await rest.post(Routes.channelMessages(discord.channel.id), { body });
    }
    const posts = discord.callsTo("POST", Routes.channelMessages(discord.channel.id));
    expect(posts).toHaveLength(long.length + scorecard.length + real.length);
    expect(posts.every((call) => call.status === 200)).toBe(true);
  });
});

describe("team messages", () => {
  test("team buttons follow the interview's as mock_team:<action>:<value>, with their styles, and read back", () => {
    const [rendered] = renderDiscord({
      kind: "notice",
      paragraphs: ["Delete your interview data?"],
      actions: ["end"],
      buttons: [
        { action: "forget-confirm", label: "Delete everything", value: "confirm", style: "danger" },
        { action: "forget-cancel", label: "Cancel", value: "cancel" },
        { action: "practice-start", label: "Start", value: "fraud@senior", style: "primary" },
      ],
    });
    expect(buttons(rendered).map((button) => [button.custom_id, button.style])).toEqual([
      ["mock_interview:end", 4],
      ["mock_team:forget-confirm:confirm", 4],
      ["mock_team:forget-cancel:cancel", 2],
      ["mock_team:practice-start:fraud@senior", 1],
    ]);
    expect(teamButtonFromCustomId("mock_team:practice-start:fraud@senior")).toEqual({ action: "practice-start", value: "fraud@senior" });
    expect(teamButtonFromCustomId("mock_team:review:0b8e-uuid:with:colons")).toEqual({ action: "review", value: "0b8e-uuid:with:colons" });
    expect(teamButtonFromCustomId("mock_team:launch:x")).toBeUndefined();
    expect(teamButtonFromCustomId("mock_interview:end")).toBeUndefined();
    // The longest value the contract allows (64 characters) still fits Discord's custom_id.
    const [long] = renderDiscord({ kind: "notice", paragraphs: ["x"], buttons: [{ action: "practice-start", label: "Start", value: "p".repeat(64) }] });
    expect(buttons(long)[0]?.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
  });

  test("mentions lead the first part and ping exactly those users; users named in the text show as mentions that ping no one", () => {
    const message: OutgoingMessage = {
      kind: "notice",
      heading: "Peer reviews (1)",
      paragraphs: [`ML knowledge, from ${mentionOf("discord:222")}: clear`, `Notes from ${mentionOf("slack:T1:U1")}: fine`, ...paragraphs(12)],
      mentions: ["discord:111", "discord:111", "slack:T1:U9"],
    };
    const [first, ...rest] = renderDiscord(message);
    expect(first?.content).toMatch(/^<@111> \*\*Peer reviews \(1\)\*\*/);
    expect(first?.allowed_mentions).toEqual({ parse: [], users: ["111"] });
    expect(first?.content).toContain("ML knowledge, from <@222>: clear");
    expect(first?.content).toContain("Notes from a teammate: fine");
    expect(first?.content?.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(rest.length).toBeGreaterThan(0);
    for (const part of rest) expect(part.allowed_mentions).toEqual({ parse: [] });
  });

  test("a scorecard's mention goes in the content above its embeds", () => {
    const [first] = renderDiscord({ kind: "summary", heading: "Scorecard for Ada", paragraphs: ["Overview"], mentions: ["discord:111"], buttons: [{ action: "review", label: "Review", value: "abc" }] });
    expect(first?.content).toBe("<@111>");
    expect(first?.embeds?.[0]?.title).toBe("Scorecard for Ada");
    expect(buttons(first).map((button) => button.custom_id)).toEqual(["mock_team:review:abc"]);
  });
});
