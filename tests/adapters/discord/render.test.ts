import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { REST } from "@discordjs/rest";
import { Routes, type APIEmbed, type RESTPatchAPIWebhookWithTokenMessageJSONBody, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { actionFromCustomId, customIdFor, DISCORD_LIMITS, embedSize, escapeMarkdown, renderDiscord, type DiscordMessage } from "../../../adapters/discord/render.js";
import { ACTIONS, type OutgoingMessage } from "../../../src/messages/message.js";
import { buildSummary } from "../../../src/summary/build.js";
import { RATING_LABELS, summaryMessage } from "../../../src/summary/message.js";
import type { Summary } from "../../../src/summary/schema.js";
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
