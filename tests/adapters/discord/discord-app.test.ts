import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ChannelType, InteractionResponseType, MessageFlags, Routes, type APIMessage, type APITextChannel, type APIUser } from "discord.js";
import { loadDiscordConfig } from "../../../adapters/discord/config.js";
import { DiscordPlatform } from "../../../adapters/discord/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import type { Intake } from "../../../src/ports/intake.js";
import { silentLogger } from "../../../src/ops/logger.js";
import type { ChatPlatform } from "../../../src/app/platform.js";
import type { TeamServices } from "../../../src/features/team/port.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import { FakeDiscord, type DiscordCall } from "../../fakes/discord.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { summariesSettled } from "../../support/sentinels.js";

/**
 * Discord end to end: the real discord.js client logs in to the fake Discord (REST and gateway),
 * inside the real service with its own redis-server, and every assertion is on what reached Discord.
 */

/**
 * The platform as the service sees it, plus a way to restart its gateway connection the way a
 * deploy would: the same intake, a fresh client with an empty cache.
 */
class RestartablePlatform implements ChatPlatform {
  readonly name: string;
  readonly poster: ChatPlatform["poster"];
  readonly directory: DiscordPlatform["directory"];
  private intake: Intake | undefined;
  private team: TeamServices | undefined;

  constructor(private readonly platform: DiscordPlatform) {
    this.name = platform.name;
    this.poster = platform.poster;
    this.directory = platform.directory;
  }

  async start(intake: Intake, team?: TeamServices): Promise<void> {
    this.intake = intake;
    this.team = team;
    await this.platform.start(intake, team);
  }

  stop(): Promise<void> {
    return this.platform.stop();
  }

  async restart(): Promise<void> {
    if (!this.intake) throw new Error("not started");
    await this.platform.stop();
    await this.platform.start(this.intake, this.team);
  }
}

const bank = loadContent().bank;
let redis: RedisServer;
let discord: FakeDiscord;
let platform: RestartablePlatform;
let service: RunningService;
let tests = 0;

beforeAll(async () => {
  redis = await startRedis();
  discord = await new FakeDiscord().start();
  const discordConfig = loadDiscordConfig({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });
  platform = new RestartablePlatform(new DiscordPlatform(discordConfig, bank));
  const config = loadConfig({ ...redis.env, METRICS_PORT: "0", BURST_WINDOW_MS: "150", SUMMARY_BACKOFF_MS: "100" });
  service = await startService({ role: "all", config, platforms: [platform], logger: silentLogger });
});

afterAll(async () => {
  await service?.stop();
  await discord?.stop();
  await redis?.stop();
});

/** A channel and members of its own for each test, so no test sees another's messages. */
async function freshChannel(): Promise<{ channel: APITextChannel; candidate: APIUser; teammate: APIUser }> {
  const n = ++tests;
  return { channel: await discord.addChannel(`interviews-${n}`), candidate: discord.user(`candidate${n}`), teammate: discord.user(`teammate${n}`) };
}

const posted = (call: DiscordCall) => call.response as APIMessage;
const isPostTo = (channelId: string) => (call: DiscordCall) => call.method === "POST" && call.path === Routes.channelMessages(channelId) && call.status === 200;
/** What the bot posted in the thread over REST (members' messages reach the fake through the gateway instead). */
const postsIn = (threadId: string, calls = discord.calls) => calls.filter(isPostTo(threadId));
const typingIn = (threadId: string, calls = discord.calls) => calls.filter((call) => call.method === "POST" && call.path === Routes.channelTyping(threadId));
const textOf = (call: DiscordCall) => JSON.stringify(call.body);
/** The caller's ephemeral reply, edited in place (`Routes` percent-encode `@original`; the fake records it decoded). */
const replyEdit = (token: string) => (call: DiscordCall) => call.method === "PATCH" && call.path === decodeURIComponent(Routes.webhookMessage(discord.applicationId, token, "@original"));
/** A turn's buttons ride on its last message, so a post with them is a turn complete. */
const hasButtons = (call: DiscordCall) => textOf(call).includes("mock_interview:hint");

/** Runs `/mock-interview` in a fresh channel and waits for the first question in the new thread. */
async function startInterview(options: { level?: string; problem?: string; private?: boolean } = { level: "senior", problem: "fraud" }) {
  const { channel, candidate, teammate } = await freshChannel();
  const command = discord.slashCommand({ user: candidate, channelId: channel.id, ...options });
  await discord.interact(command);
  const created = await discord.waitFor(
    (call) => call.method === "POST" && call.status === 201 && (call.path === Routes.threads(channel.id) || call.path.startsWith(`/channels/${channel.id}/messages/`)) && call.path.endsWith("/threads"),
  );
  const threadId = String((created.response as { id: string }).id);
  const first = await discord.waitFor((call) => isPostTo(threadId)(call) && hasButtons(call));
  return { channel, candidate, teammate, command, threadId, first };
}

/** The candidate's message as the gateway delivers it; the answer is the next post in the thread. */
async function answer(threadId: string, author: APIUser, content: string) {
  const message = discord.threadMessage({ author, channelId: threadId, content });
  const sequence = await discord.post(message);
  return { message, sequence };
}

/** The end of the next turn in the thread after call number `after`: its post carrying the buttons. */
async function nextReply(threadId: string, after: number, timeoutMs = 5_000): Promise<DiscordCall> {
  return discord.waitFor((call) => isPostTo(threadId)(call) && hasButtons(call) && discord.calls.indexOf(call) >= after, timeoutMs);
}

/**
 * The sentinel that proves "nothing more was posted": the candidate presses Hint on the first
 * question; resolves, once the hint is posted, with every call Discord got before it. A thread's
 * events are answered in order, each reply delivered before the next turn, and a press shows no
 * typing indicator, so whatever an earlier event caused is among them.
 */
async function callsBeforeHint(threadId: string, candidate: APIUser, first: DiscordCall): Promise<DiscordCall[]> {
  const since = discord.calls.length;
  await discord.interact(discord.button({ user: candidate, customId: "mock_interview:hint", messageId: posted(first).id }));
  const hint = await discord.waitFor((call) => discord.calls.indexOf(call) >= since && isPostTo(threadId)(call) && /Hint 1 of 4/.test(textOf(call)));
  return discord.calls.slice(0, discord.calls.indexOf(hint));
}

describe("/mock-interview start", () => {
  test("defers at once, posts a parent message, opens a thread from it, points the reply at it, and the first question arrives there", async () => {
    const { channel, candidate, command, threadId, first } = await startInterview();
    const [deferral] = discord.callsTo("POST", Routes.interactionCallback(command.id, command.token));
    expect(deferral).toMatchObject({ status: 204, body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } } });
    expect(discord.calls.indexOf(deferral as DiscordCall)).toBeLessThan(discord.calls.findIndex(isPostTo(channel.id)));

    const [parent] = discord.calls.filter(isPostTo(channel.id));
    const parentText = String((parent?.body as { content?: string }).content);
    expect(parentText).toMatch(/fraud detection/i);
    expect(parentText).toContain(`<@${candidate.id}>`);
    expect(parentText).toMatch(/senior level/);
    expect(parent?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    // A thread started from a message takes the message's id.
    expect(threadId).toBe(posted(parent as DiscordCall).id);
    expect(discord.thread(threadId)).toMatchObject({ type: ChannelType.PublicThread, parent_id: channel.id });
    expect(discord.thread(threadId)?.name).toMatch(/Candidate\d+/);

    const edit = await discord.waitFor(replyEdit(command.token));
    expect(textOf(edit)).toContain(`<#${threadId}>`);
    expect(discord.message(posted(edit).id)?.flags).toBe(MessageFlags.Ephemeral);

    const opening = postsIn(threadId).map(textOf).join("\n");
    expect(opening).toMatch(/Hi Candidate\d+/);
    expect(opening).toMatch(/10,000 transactions per second/);
    expect(textOf(first)).toContain("mock_interview:hint");
  });

  test("private: a private thread with the candidate in it, opened by the parent message posted inside", async () => {
    const { channel, candidate, threadId, first } = await startInterview({ level: "senior", problem: "fraud", private: true });
    expect(discord.thread(threadId)).toMatchObject({ type: ChannelType.PrivateThread, parent_id: channel.id });
    expect(discord.callsTo("PUT", Routes.threadMembers(threadId, candidate.id))).toHaveLength(1);
    // Nothing about the interview shows in the channel itself.
    expect(discord.calls.filter(isPostTo(channel.id))).toHaveLength(0);
    const [opening, greeting] = postsIn(threadId).map(textOf);
    expect(opening).toContain(`<@${candidate.id}>`);
    expect(opening).toMatch(/Mock interview/);
    expect(greeting).toMatch(/Hi Candidate\d+/);
    expect(textOf(first)).toContain("mock_interview:hint");
  });

  test("private where the server refuses private threads: a public thread, and the reply says so", async () => {
    discord.fail("POST", /^\/channels\/\d+\/threads$/, 403, { code: 50013, message: "Missing Permissions" }, 1);
    const { command, threadId } = await startInterview({ level: "senior", problem: "fraud", private: true });
    expect(discord.thread(threadId)?.type).toBe(ChannelType.PublicThread);
    const edit = await discord.waitFor(replyEdit(command.token));
    expect(textOf(edit)).toMatch(/private thread/);
    expect(textOf(edit)).toContain(`<#${threadId}>`);
  });

  test("a channel where the bot may not open threads: the caller is told which permissions to ask for, and nothing is left behind", async () => {
    const { channel, candidate } = await freshChannel();
    discord.fail("POST", new RegExp(`^/channels/${channel.id}/messages/\\d+/threads$`), 403, { code: 50013, message: "Missing Permissions" }, 1);
    const command = discord.slashCommand({ user: candidate, channelId: channel.id, level: "senior" });
    await discord.interact(command);
    const reply = await discord.waitFor(replyEdit(command.token));
    expect(textOf(reply)).toMatch(/Create Public Threads/);
    const [parent] = discord.calls.filter(isPostTo(channel.id));
    expect(discord.callsTo("DELETE", Routes.channelMessage(channel.id, posted(parent as DiscordCall).id))[0]?.status).toBe(204);
    // Only the caller's ephemeral reply remains in the channel.
    expect(discord.messagesIn(channel.id).map((message) => message.flags)).toEqual([MessageFlags.Ephemeral]);
  });

  test("help, and an unknown problem, are answered to the caller alone and post nothing", async () => {
    const { channel, candidate } = await freshChannel();
    const help = discord.command({ user: candidate, channelId: channel.id, subcommand: "help" });
    await discord.interact(help);
    const helpReply = await discord.waitFor(replyEdit(help.token));
    // Brackets go escaped, so no text can form a masked link; Discord shows them as written.
    expect(String((helpReply.body as { content?: unknown }).content)).toMatch(/Usage: \/mock-interview start \\\[level\\\] \\\[problem\\\] \\\[private\\\]/);
    expect(textOf(helpReply)).toMatch(/\/mock-interview review-request reviewer1/);

    const typo = discord.slashCommand({ user: candidate, channelId: channel.id, level: "senior", problem: "frud" });
    await discord.interact(typo);
    const typoReply = await discord.waitFor(replyEdit(typo.token));
    expect(textOf(typoReply)).toMatch(/Did you mean \\"fraud\\"/);
    for (const command of [help, typo]) {
      expect(discord.callsTo("POST", Routes.interactionCallback(command.id, command.token))[0]?.body).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
    }
    expect(discord.calls.filter(isPostTo(channel.id))).toHaveLength(0);
    expect(discord.callsTo("POST", Routes.threads(channel.id))).toHaveLength(0);
  });

  test("autocomplete offers the problems matching what was typed, for the level chosen", async () => {
    const { channel, candidate } = await freshChannel();
    const typed = discord.autocomplete({ user: candidate, channelId: channel.id, typed: "fra", level: "senior" });
    await discord.interact(typed);
    const result = await discord.waitFor((call) => call.method === "POST" && call.path === Routes.interactionCallback(typed.id, typed.token));
    expect(result.status).toBe(204);
    const { choices } = (result.body as { data: { choices: Array<{ name: string; value: string }> } }).data;
    expect(choices[0]).toMatchObject({ value: "fraud", name: expect.stringMatching(/fraud detection/i) });
    const senior = new Set(bank.forLevel("senior").map((problem) => problem.id));
    expect(choices.every((choice) => senior.has(choice.value))).toBe(true);
    expect(choices.length).toBeLessThan(senior.size);
  });
});

describe("thread messages", () => {
  test("the candidate's message shows the typing indicator, then the answer arrives in the thread", async () => {
    const { candidate, threadId } = await startInterview();
    const before = discord.calls.length;
    await answer(threadId, candidate, "I'd frame it as binary classification and track PR-AUC because fraud is rare.");
    const reply = await nextReply(threadId, before);
    expect(typingIn(threadId)).toHaveLength(1);
    expect(discord.calls.indexOf(typingIn(threadId)[0] as DiscordCall)).toBeLessThan(discord.calls.indexOf(reply));
    expect(textOf(reply)).toContain("mock_interview:hint");
  });

  test("another member's message gets no answer and no typing indicator", async () => {
    const { candidate, teammate, threadId, first } = await startInterview();
    const before = postsIn(threadId).length;
    await answer(threadId, teammate, "Nice start! I'd use a feature store.");
    const earlier = await callsBeforeHint(threadId, candidate, first);
    expect(postsIn(threadId, earlier)).toHaveLength(before);
    expect(typingIn(threadId, earlier)).toHaveLength(0);
  });

  test("a replayed dispatch, and the same message redelivered after a restart, get no second answer", async () => {
    const { candidate, threadId, first } = await startInterview();
    const before = postsIn(threadId).length;
    const start = discord.calls.length;
    const { message, sequence } = await answer(threadId, candidate, "Offline I'd use PR-AUC; online the fraud loss.");
    await nextReply(threadId, start);
    if (sequence === null) throw new Error("the message was filtered out");
    // A resumed session replays the dispatch byte for byte; discord.js's cache drops it.
    await discord.replay(sequence);
    // A restart empties that cache: only the Redis dedupe stands between the redelivery and a second answer.
    await platform.restart();
    await discord.post(message);
    const earlier = await callsBeforeHint(threadId, candidate, first);
    expect(postsIn(threadId, earlier)).toHaveLength(before + 1);
    expect(typingIn(threadId, earlier)).toHaveLength(1);

    // The restarted client still answers what is new.
    const marker = discord.calls.length;
    await answer(threadId, candidate, "I'd start with a gradient-boosted model on transaction features.");
    await nextReply(threadId, marker);
  });

  test("a 5,000-character answer is answered, and nothing over Discord's limits is sent", async () => {
    const start = discord.calls.length;
    const { candidate, threadId } = await startInterview();
    const paragraph = "I'd frame fraud detection as binary classification, track PR-AUC offline and the fraud loss online, and keep a point-in-time correct feature store so training matches serving. ";
    const long = paragraph.repeat(Math.ceil(5_000 / paragraph.length)).slice(0, 5_000);
    expect(long).toHaveLength(5_000);
    const before = discord.calls.length;
    await answer(threadId, candidate, long);
    await nextReply(threadId, before);
    const sent = discord.calls.slice(start).filter((call) => call.method === "POST" && call.path.startsWith("/channels/"));
    expect(sent.length).toBeGreaterThan(3);
    expect(sent.filter((call) => call.status >= 400)).toEqual([]);
    expect(sent.every((call) => String((call.body as { content?: string } | undefined)?.content ?? "").length <= 2_000)).toBe(true);
  });
});

describe("buttons and the end of the interview", () => {
  test("another member pressing a button is refused in an ephemeral follow-up, and the interview goes on", async () => {
    const { candidate, teammate, threadId, first } = await startInterview();
    const click = discord.button({ user: teammate, customId: "mock_interview:end", messageId: posted(first).id });
    await discord.interact(click);
    const refusal = await discord.waitFor((call) => call.method === "POST" && call.path === Routes.webhook(discord.applicationId, click.token));
    expect(discord.callsTo("POST", Routes.interactionCallback(click.id, click.token))[0]).toMatchObject({ status: 204, body: { type: InteractionResponseType.DeferredMessageUpdate } });
    expect(refusal).toMatchObject({ status: 200, authorized: false, body: { flags: MessageFlags.Ephemeral } });
    expect(textOf(refusal)).toMatch(/Only Candidate\d+, the candidate/);
    expect(discord.message(posted(refusal).id)?.channel_id).toBe(threadId);
    // The hint is posted (an ended interview gives none), and nothing before it closed the interview.
    const earlier = await callsBeforeHint(threadId, candidate, first);
    expect(postsIn(threadId, earlier).some((call) => /Scorecard|that's the interview/i.test(textOf(call)))).toBe(false);
  });

  test("end from the candidate, pressed twice, posts exactly one scorecard embed in the thread", async () => {
    const { candidate, threadId } = await startInterview();
    const before = discord.calls.length;
    await answer(threadId, candidate, "I'd frame it as binary classification and track PR-AUC because fraud is rare.");
    const reply = await nextReply(threadId, before);
    const end = () => discord.interact(discord.button({ user: candidate, customId: "mock_interview:end", messageId: posted(reply).id }));
    await Promise.all([end(), end()]);
    const isScorecard = (call: DiscordCall) => isPostTo(threadId)(call) && /Scorecard for Candidate\d+/.test(JSON.stringify((call.body as { embeds?: unknown }).embeds ?? []));
    const summary = await discord.waitFor(isScorecard, 10_000);
    const [embed] = (summary.body as { embeds: Array<{ title?: string; fields?: Array<{ name: string }> }> }).embeds;
    expect(embed?.fields?.some((field) => /ML knowledge/.test(field.name))).toBe(true);
    expect(summary.body).toMatchObject({ enforce_nonce: true, nonce: expect.any(String) });
    // A scorecard comes only from a summary job; once none is left, the count is final.
    await summariesSettled(redis);
    expect(discord.calls.filter(isScorecard)).toHaveLength(1);
  });
});
