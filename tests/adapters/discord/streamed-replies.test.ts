import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Routes, type APIMessage, type APIUser } from "discord.js";
import { LIVE_EDIT_INTERVAL_MS } from "../../../adapters/discord/live-message.js";
import { threadKey } from "../../../adapters/discord/thread-key.js";
import { loadConfig } from "../../../src/config/env.js";
import { keySpace } from "../../../src/infra/redis/keys.js";
import { RedisSessionStore } from "../../../src/infra/redis/sessions.js";
import type { DiscordCall, MessageVersion } from "../../fakes/discord.js";
import { FakeOpenAI, type FakeReply, type StreamPace } from "../../fakes/openai.js";
import { DiscordWorld, hasInterviewButtons } from "./team-world.js";

/**
 * LLM turns on Discord, end to end: the real service with discord.js logged in to the fake Discord
 * and the LLM interviewer talking to the fake OpenAI. One world streams (the default), the other
 * runs with LLM_STREAMING=off, so each test can hold what a streamed turn ends as against what the
 * same model answer shows when posted whole.
 */

/** Gateway and REST timing jitter between the bot's clock and the fake's. */
const JITTER_MS = 50;
/** About 160 characters a second: a few hundred characters take a few edits. */
const SLOW: StreamPace = { firstTokenMs: 0, tokensPerSecond: 40 };

let openai: FakeOpenAI;
let streaming: DiscordWorld;
let whole: DiscordWorld;

beforeAll(async () => {
  openai = await new FakeOpenAI().start();
  const env = { OPENAI_API_KEY: "sk-test-discord-stream", OPENAI_BASE_URL: openai.baseURL, LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "10000" };
  [streaming, whole] = await Promise.all([DiscordWorld.start({ env }), DiscordWorld.start({ env: { ...env, LLM_STREAMING: "off" } })]);
}, 60_000);

afterAll(async () => {
  await Promise.all([streaming?.stop(), whole?.stop()]);
  await openai?.stop();
});

const turn = (message: string): FakeReply => ({ kind: "json", value: { message, phaseGoalMet: false, claims: [] } });
/** Paragraphs of about 340 characters, numbered so a split can be told apart; plain words, so escaping changes nothing. */
const paragraphs = (count: number) =>
  Array.from({ length: count }, (_, index) => `Point ${index + 1}: ${Array(5).fill("a feature store keeps training and serving features consistent").join(", and ")}.`).join("\n\n");
const newer = (id: string, than: string) => BigInt(id) > BigInt(than);

interface Thread {
  world: DiscordWorld;
  threadId: string;
  candidate: APIUser;
  /** The newest bot message so far: what a turn posts comes after it. */
  last: string;
}

/** An interview in a fresh channel of `world`, up to its first question. */
async function interview(world: DiscordWorld): Promise<Thread> {
  const candidate = world.people.candidate;
  const channel = await world.channel();
  const { threadId } = await world.startInterview(candidate, channel.id);
  return { world, threadId, candidate, last: latestBotMessage(world, threadId) };
}

function botMessages(thread: Pick<Thread, "world" | "threadId">): APIMessage[] {
  const { discord } = thread.world;
  return discord.messagesIn(thread.threadId).filter((message) => message.author.id === discord.botUser.id);
}

function latestBotMessage(world: DiscordWorld, threadId: string): string {
  return botMessages({ world, threadId }).at(-1)?.id ?? "0";
}

/** A post or an edit in the thread that carries the interview's buttons: the last write of a turn's reply. */
const finishesTurn = (threadId: string) => (call: DiscordCall) =>
  (call.method === "POST" || call.method === "PATCH") && call.path.startsWith(Routes.channelMessages(threadId)) && call.status === 200 && hasInterviewButtons(call);

/** The candidate's message in the thread; resolves once it is on the gateway. */
async function say(thread: Thread, content: string): Promise<void> {
  const { discord } = thread.world;
  await discord.post(discord.threadMessage({ author: thread.candidate, channelId: thread.threadId, content }));
}

/** The candidate answers and the model replies with `reply`; resolves with the turn's messages as they end up. */
async function answered(thread: Thread, content: string, reply: FakeReply): Promise<APIMessage[]> {
  openai.script(reply);
  const done = thread.world.next(finishesTurn(thread.threadId), 20_000);
  await say(thread, content);
  await done;
  return turnMessages(thread);
}

/** The bot's messages since the thread's last turn, and that turn marked done. */
function turnMessages(thread: Thread): APIMessage[] {
  const messages = botMessages(thread).filter((message) => newer(message.id, thread.last));
  thread.last = messages.at(-1)?.id ?? thread.last;
  return messages;
}

/** What the interviewer said last in the thread, as the session keeps it. */
async function lastSaid(thread: Thread): Promise<string> {
  const config = loadConfig(thread.world.server.env);
  const store = new RedisSessionStore(thread.world.redis, { keys: keySpace(config.REDIS_KEY_PREFIX), ttlMs: config.SESSION_TTL_DAYS * 86_400_000 });
  const session = await store.get(threadKey({ guild: thread.world.discord.guild.id, thread: thread.threadId }));
  return session?.transcript.filter((entry) => entry.role === "interviewer").at(-1)?.text ?? "";
}

/** The bold heading block a reply's first message opens with, and the blank line after it. */
function headingOf(message: APIMessage | undefined): string {
  const heading = /^\*\*[^*]+\*\*\n\n/.exec(message?.content ?? "")?.[0];
  if (!heading) throw new Error(`no heading in ${message?.content}`);
  return heading;
}

/** What a reader saw in each message: content and buttons, nothing of Discord's bookkeeping. */
const shown = (messages: APIMessage[]) => messages.map((message) => ({ content: message.content, components: message.components ?? [] }));
const versionsOf = (thread: Thread, message: APIMessage | undefined): MessageVersion[] => thread.world.discord.versions(message?.id ?? "");

function expectEditRate(versions: MessageVersion[]): void {
  for (const [index, version] of versions.entries()) {
    const before = versions[index - 1];
    if (before) expect(version.at - before.at).toBeGreaterThanOrEqual(LIVE_EDIT_INTERVAL_MS - JITTER_MS);
  }
}

const ANSWER = "I'd frame it as binary classification on each card transaction, with fraud loss per transaction as the business metric.";

describe("LLM replies streamed into a Discord thread", () => {
  test("the reply appears in pieces, edited at most once a second, and ends exactly as the same answer posted whole", async () => {
    openai.pace = SLOW;
    const said =
      "That's a fair framing, since fraud is rare and each miss costs money.\n\nBefore we go further, I'd like to understand the constraints. How quickly must a decision be made while the card is at the terminal, and how many transactions a second do you expect at peak?\n\nAnd who acts on a flagged transaction: an automatic block, or a human reviewer with a daily budget?";
    const [live, posted] = await Promise.all([interview(streaming), interview(whole)]);

    const streamed = await answered(live, ANSWER, turn(said));
    const expected = await answered(posted, ANSWER, turn(said));

    expect(shown(streamed)).toEqual(shown(expected));
    expect(streamed).toHaveLength(1);
    const versions = versionsOf(live, streamed[0]);
    // Under the reply's heading from the first piece, the model's words so far.
    const heading = headingOf(expected[0]);
    const pieces = versions.slice(0, -1).map((version) => version.content);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const [index, piece] of pieces.entries()) {
      expect(piece.startsWith(heading)).toBe(true);
      expect(said.startsWith(piece.slice(heading.length))).toBe(true);
      if (index > 0) expect(piece.length).toBeGreaterThan(pieces[index - 1]?.length ?? 0);
    }
    expect(versions.at(-1)?.content).toBe(expected[0]?.content);
    expectEditRate(versions);
  }, 60_000);

  test("a reply longer than 2,000 characters streams into two messages split at a paragraph end, and ends as the parts posted whole", async () => {
    // About 300 characters a second: the last 400 or so, past the 2,000th, take more than one edit interval.
    openai.pace = { firstTokenMs: 0, tokensPerSecond: 75 };
    const said = paragraphs(7);
    expect(said.length).toBeGreaterThan(2_400);
    expect(said.length).toBeLessThanOrEqual(2_500);
    const [live, posted] = await Promise.all([interview(streaming), interview(whole)]);

    const streamed = await answered(live, ANSWER, turn(said));
    const expected = await answered(posted, ANSWER, turn(said));

    expect(shown(streamed)).toEqual(shown(expected));
    expect(streamed).toHaveLength(2);
    // While it streamed, the first message was filled up to a paragraph end and the rest went on in the second.
    const first = versionsOf(live, streamed[0]).slice(0, -1).at(-1)?.content ?? "";
    const second = versionsOf(live, streamed[1]).map((version) => version.content);
    // The second message was posted while the reply streamed, not only by the finished reply.
    expect(second.length).toBeGreaterThanOrEqual(2);
    const heading = headingOf(expected[0]);
    expect(first.length).toBeLessThanOrEqual(2_000);
    expect(first.startsWith(heading)).toBe(true);
    expect(said.startsWith(`${first.slice(heading.length)}\n\n`)).toBe(true);
    expect(second[0]).toMatch(/^Point \d+:/);
    for (const message of streamed) expectEditRate(versionsOf(live, message));
  }, 60_000);

  test("a model that fails mid-stream leaves no half sentence: the streamed message ends as the offline line, and the interview goes on", async () => {
    openai.pace = SLOW;
    const said = "Good, fraud loss per transaction is a metric the business understands well. Now tell me how you would handle the delay before chargebacks confirm a label, because that shapes everything downstream.";
    const live = await interview(streaming);

    const [reply, ...more] = await answered(live, ANSWER, { kind: "cut", value: { message: said, phaseGoalMet: false, claims: [] }, chars: 120, then: "drop" });

    expect(more).toHaveLength(0);
    const versions = versionsOf(live, reply);
    const partial = versions.slice(0, -1).map((version) => version.content);
    expect(partial.length).toBeGreaterThanOrEqual(1);
    const heading = headingOf(reply);
    expect(partial.every((piece) => piece.startsWith(heading) && said.startsWith(piece.slice(heading.length)))).toBe(true);
    // What the offline interviewer said instead, as the session recorded it, is what the message shows.
    const offline = await lastSaid(live);
    expect(offline.length).toBeGreaterThan(0);
    expect(offline).not.toContain(said.slice(0, 40));
    expect(reply?.content).toContain(offline);
    expect(reply?.content).not.toContain(said.slice(0, 40));
    expect(reply?.components?.length).toBeGreaterThan(0);
    expectEditRate(versions);

    openai.pace = { firstTokenMs: 0, tokensPerSecond: 2_000 };
    const next = await answered(live, "I'd train on labels that have matured for 60 days and monitor precision at the review budget.", turn("Sensible. How would you serve the features online?"));
    expect(next.map((message) => message.content).join("\n")).toContain("How would you serve the features online?");
  }, 60_000);

  test("a finished reply Discord refuses at first is edited into the streamed message on a later delivery, and shows once", async () => {
    // Quick enough that the stream is one post, so every edit is the finished reply's.
    openai.pace = { firstTokenMs: 0, tokensPerSecond: 2_000 };
    const said = "Right, and the review budget caps how many you can flag. What threshold would you start with?";
    const live = await interview(streaming);
    const { discord } = streaming;
    // Refused on every try @discordjs/rest makes within one delivery (the first and three retries).
    discord.fail("PATCH", new RegExp(`^/channels/${live.threadId}/messages/\\d+$`), 500, { code: 0, message: "500: Internal Server Error" }, 4);

    const [reply, ...more] = await answered(live, ANSWER, turn(said));

    const refused = discord.calls.filter((call) => call.method === "PATCH" && call.status === 500 && call.path.startsWith(Routes.channelMessages(live.threadId)));
    expect(refused).toHaveLength(4);
    expect(refused.every(hasInterviewButtons)).toBe(true);
    expect(more).toHaveLength(0);
    expect(reply?.content).toContain(said);
    expect(botMessages(live).filter((message) => message.content.includes(said))).toHaveLength(1);
  }, 60_000);

  test("a message the candidate sends while a reply streams is answered in the next turn, after the streamed reply, not merged into it", async () => {
    openai.pace = SLOW;
    const first = "Fraud loss per transaction works. Let me push on labels, because chargebacks arrive weeks later and your training data depends on them.";
    const second = "Thanks for the latency figure. What would you do when the model service is down?";
    const live = await interview(streaming);
    const { discord } = streaming;
    const followUp = "Also, the decision must be made within 100 ms at the terminal.";

    openai.script(turn(first), turn(second));
    const firstDone = streaming.next(finishesTurn(live.threadId), 20_000);
    const streamStarted = streaming.next((call) => call.method === "POST" && call.path === Routes.channelMessages(live.threadId) && call.status === 200, 10_000);
    await say(live, ANSWER);
    // The reply is on its way: its first words are in the thread.
    await streamStarted;
    await say(live, followUp);
    const firstCall = await firstDone;
    const [streamed, ...rest] = turnMessages(live);
    const secondDone = await discord.waitFor((call) => discord.calls.indexOf(call) > discord.calls.indexOf(firstCall) && finishesTurn(live.threadId)(call), 20_000);

    expect(rest).toHaveLength(0);
    expect(streamed?.content).toContain(first);
    expect(streamed?.content).not.toContain(second);
    const [answer] = turnMessages(live);
    expect(answer?.content).toContain(second);
    // The next turn's message came after the streamed one had its final words.
    const finalEdit = versionsOf(live, streamed).at(-1)?.at ?? Number.POSITIVE_INFINITY;
    expect(versionsOf(live, answer)[0]?.at).toBeGreaterThanOrEqual(finalEdit);
    expect(secondDone.path).toBe(Routes.channelMessage(live.threadId, answer?.id ?? ""));
    // Each turn asked the model about its own message: the follow-up was not folded into the first.
    const asked = openai.requests.slice(-2).map((request) => request.body.messages.at(-1)?.content ?? "");
    expect(asked[0]).toContain(ANSWER);
    expect(asked[0]).not.toContain(followUp);
    expect(asked[1]).toContain(followUp);
  }, 60_000);
});
