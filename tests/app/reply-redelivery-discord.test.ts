import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Routes, type APIMessage, type APIUser } from "discord.js";
import { FakeDiscord, type DiscordCall } from "../fakes/discord.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

/**
 * The same outbox through the real discord.js path: `npm run bot` logged in to the fake Discord is
 * SIGKILLed while Discord refuses or swallows a reply, a new process starts, and the thread ends up
 * with the reply once (Discord's enforced nonce returns a message it already has).
 */

let redis: RedisServer;
let discord: FakeDiscord;
const bots: ServiceProcess[] = [];
let channels = 0;

beforeAll(async () => {
  redis = await startRedis();
  discord = await new FakeDiscord().start();
});

afterAll(async () => {
  for (const bot of bots) bot.kill("SIGKILL");
  await discord?.stop();
  await redis?.stop();
});

/** The bot role of `bin/mock-interview.ts` with Discord alone and the offline interviewer. */
async function startBot(): Promise<ServiceProcess> {
  const bot = await startServiceProcess(
    "bot",
    {
      ...redis.env,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: "",
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      OPENAI_API_KEY: "",
      BURST_WINDOW_MS: "200",
      TURN_LOCK_MS: "2000",
    },
    "bin/mock-interview.ts",
  );
  bots.push(bot);
  return bot;
}

const textOf = (value: unknown) => JSON.stringify(value);
/** A turn's buttons ride on its last message, so a post with them is a turn complete. */
const hasButtons = (call: DiscordCall) => textOf(call.body).includes("mock_interview:hint");
const postTo = (threadId: string) => (call: DiscordCall) => call.method === "POST" && call.path === Routes.channelMessages(threadId);
const since = (count: number) => (call: DiscordCall) => discord.calls.indexOf(call) >= count;

/**
 * `/mock-interview start` in a fresh channel; resolves with the thread once the command opened it.
 * `holdFirstPost`: Discord takes the thread's first message (the first question's first part) and
 * its answer never comes back.
 */
async function openThread(options: { holdFirstPost?: boolean } = {}): Promise<{ candidate: APIUser; threadId: string }> {
  const n = ++channels;
  const channel = await discord.addChannel(`outbox-${n}`);
  const candidate = discord.user(`candidate${n}`);
  if (options.holdFirstPost) discord.hold("POST", new RegExp(`^/channels/(?!${channel.id}/)\\d+/messages$`));
  await discord.interact(discord.slashCommand({ user: candidate, channelId: channel.id, level: "senior", problem: "fraud" }));
  const created = await discord.waitFor((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${channel.id}/messages/`) && call.path.endsWith("/threads"), 10_000);
  return { candidate, threadId: String((created.response as { id: string }).id) };
}

/** The candidate answers in the thread; resolves with the call count before it, to find what followed. */
async function answer(threadId: string, candidate: APIUser, content: string): Promise<number> {
  const before = discord.calls.length;
  await discord.post(discord.threadMessage({ author: candidate, channelId: threadId, content }));
  return before;
}

/** Another answer and its reply: once it shows, nothing of the turn before it is still on its way. */
async function nextTurn(threadId: string, candidate: APIUser): Promise<void> {
  const before = await answer(threadId, candidate, "I'd monitor precision at the review budget daily, and alert on drift in the score distribution.");
  await discord.waitFor((call) => since(before)(call) && postTo(threadId)(call) && call.status === 200 && hasButtons(call), 10_000);
}

const botMessages = (threadId: string, candidate: APIUser): APIMessage[] => discord.messagesIn(threadId).filter((message) => message.author.id !== candidate.id);

describe("a reply saved but not delivered when the bot dies (Discord)", () => {
  test("killed while Discord answers 500 to the reply, it is delivered once by the next process", async () => {
    const first = await startBot();
    const { candidate, threadId } = await openThread();
    await discord.waitFor((call) => postTo(threadId)(call) && call.status === 200 && hasButtons(call), 10_000);
    discord.fail("POST", new RegExp(`^/channels/${threadId}/messages$`), 500);
    const before = await answer(threadId, candidate, "I'd frame it as minimising fraud loss at a fixed manual review budget.");
    await discord.waitFor((call) => since(before)(call) && postTo(threadId)(call) && call.status === 500, 10_000);
    first.kill("SIGKILL");
    await first.exited;
    discord.recover();

    await startBot();
    const delivered = await discord.waitFor((call) => since(before)(call) && postTo(threadId)(call) && call.status === 200, 20_000);
    await nextTurn(threadId, candidate);

    const reply = (delivered.response as APIMessage).content;
    expect(reply.length).toBeGreaterThan(0);
    expect(botMessages(threadId, candidate).filter((message) => message.content === reply)).toHaveLength(1);
  }, 60_000);

  test("a message Discord accepted just before the crash is not posted a second time, and the rest of the reply follows", async () => {
    const first = await startBot();
    // The first question is two Discord messages; the bot dies waiting for Discord's answer to the first.
    const { candidate, threadId } = await openThread({ holdFirstPost: true });
    const held = await discord.waitFor(postTo(threadId), 10_000);
    first.kill("SIGKILL");
    await first.exited;

    await startBot();
    const rest = await discord.waitFor((call) => postTo(threadId)(call) && call.status === 200 && hasButtons(call), 20_000);
    await nextTurn(threadId, candidate);

    const opening = held.response as APIMessage;
    const nonce = (held.body as { nonce?: string }).nonce;
    // Sent again after the crash, with the nonce Discord enforces: it answered with the message it had.
    expect(nonce).toBeDefined();
    expect(discord.calls.filter((call) => postTo(threadId)(call) && (call.body as { nonce?: string }).nonce === nonce)).toHaveLength(2);
    const messages = botMessages(threadId, candidate);
    expect(messages.filter((message) => message.content === opening.content)).toHaveLength(1);
    expect(messages.filter((message) => message.content === (rest.response as APIMessage).content)).toHaveLength(1);
    // The first question's two messages, in order, then the next turn's reply.
    expect(messages[0]?.id).toBe(opening.id);
    expect(messages[1]?.id).toBe((rest.response as APIMessage).id);
  }, 60_000);
});
