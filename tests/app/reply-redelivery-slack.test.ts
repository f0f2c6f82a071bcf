import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { FakeOpenAI } from "../fakes/openai.js";
import { FakeSlack, type ShownMessage, type SlackCall } from "../fakes/slack.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import type { ServiceProcess } from "../support/service-process.js";
import { startSlackBotProcess } from "../support/slack-bot-process.js";
import type { SlackSender } from "../support/slack-requests.js";

/**
 * A reply committed but not delivered survives the bot: `npm run bot` (the real command line, Bolt
 * over HTTP) is SIGKILLed while the fake Slack refuses or swallows the reply, a new process starts,
 * and the thread ends up showing the reply once, in the placeholder's place.
 */

const CANDIDATE = "U0CANDIDATE";
const PLACEHOLDER = "_thinking…_";
/** How long a killed bot's hold on its thread lasts here (TURN_LOCK_MS). */
const TURN_LOCK_MS = 2_000;

let redis: RedisServer;
let slack: FakeSlack;
let openai: FakeOpenAI;
const bots: ServiceProcess[] = [];
let channels = 0;

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
  openai = await new FakeOpenAI().start();
  slack.user(CANDIDATE, "ada");
});

afterAll(async () => {
  for (const bot of bots) bot.kill("SIGKILL");
  await openai?.stop();
  await slack?.stop();
  await redis?.stop();
});

/** The bot process, replies posted whole: a streamed reply's redelivery is in tests/adapters/slack/streaming.test.ts. */
async function startBot(): Promise<{ bot: ServiceProcess; send: SlackSender }> {
  const started = await startSlackBotProcess({ redis, slack, openai }, { TURN_LOCK_MS: String(TURN_LOCK_MS), LLM_STREAMING: "off" });
  bots.push(started.bot);
  return started;
}

const since = (count: number) => (call: SlackCall) => slack.calls.indexOf(call) >= count;
/** Whether a message's blocks (what Slack shows; its `text` is the notification fallback) carry `text`. */
const shows = (message: ShownMessage, text: string) => JSON.stringify(message.blocks ?? []).includes(text);

/** `/mock-interview senior fraud` in a fresh channel, up to the first question in its thread. */
async function startInterview(send: SlackSender): Promise<{ channel: string; threadTs: string }> {
  const channel = `C0OUTBOX${++channels}`;
  slack.channel(channel, [CANDIDATE]);
  const sent = await send.command({ text: "senior fraud", user: CANDIDATE, userName: "ada", channel });
  expect(sent.status).toBe(200);
  const parent = await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined, 10_000);
  const threadTs = String(parent.response?.ts);
  await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.thread_ts === threadTs && call.body.text !== PLACEHOLDER, 10_000);
  return { channel, threadTs };
}

/** The candidate answers; resolves with the placeholder the bot showed for it. */
async function answer(send: SlackSender, channel: string, threadTs: string, text: string): Promise<string> {
  const before = slack.calls.length;
  expect((await send.message({ user: CANDIDATE, channel, threadTs, text })).status).toBe(200);
  const placeholder = await slack.waitFor((call) => since(before)(call) && call.method === "chat.postMessage" && call.body.thread_ts === threadTs && call.body.text === PLACEHOLDER, 10_000);
  return String(placeholder.response?.ts);
}

/** Waits for the placeholder to be turned into a reply that Slack acknowledged. */
function replaced(channel: string, ts: string, timeoutMs: number): Promise<SlackCall> {
  return slack.waitFor((call) => call.method === "chat.update" && call.body.channel === channel && call.body.ts === ts && call.status === 200, timeoutMs);
}

/** Another answer and its reply: once it shows, nothing of the turn before it is still on its way. */
async function nextTurn(send: SlackSender, channel: string, threadTs: string): Promise<void> {
  const placeholder = await answer(send, channel, threadTs, "I'd monitor precision at the review budget daily, and alert on drift in the score distribution.");
  await replaced(channel, placeholder, 10_000);
}

describe("a reply saved but not delivered when the bot dies", () => {
  test("killed while Slack answers 500 to the reply, it is delivered once by the next process, in the placeholder's place", async () => {
    const { bot: first, send } = await startBot();
    const { channel, threadTs } = await startInterview(send);
    slack.failHttp("chat.update", 500);
    const placeholder = await answer(send, channel, threadTs, "I'd frame it as minimising fraud loss at a fixed manual review budget.");
    await slack.waitFor((call) => call.method === "chat.update" && call.body.ts === placeholder && call.status === 500, 10_000);
    first.kill("SIGKILL");
    await first.exited;
    slack.recover("chat.update");

    const restarted = Date.now();
    const { send: again } = await startBot();
    const delivered = await replaced(channel, placeholder, 20_000);
    const redeliveryMs = Date.now() - restarted;
    await nextTurn(again, channel, threadTs);

    const thread = slack.messages.inThread(channel, threadTs);
    const reply = String(delivered.body.text);
    expect(thread.filter((message) => message.text === reply)).toHaveLength(1);
    expect(thread.find((message) => message.ts === placeholder)?.text).toBe(reply);
    expect(thread.filter((message) => message.text === PLACEHOLDER)).toEqual([]);
    // From the new process's spawn: its start-up, the killed bot's lock running out, one sweep.
    expect(redeliveryMs).toBeLessThan(15_000);
  }, 60_000);

  test("a reply Slack accepted just before the crash is not shown twice, and the rest of it follows", async () => {
    const { bot: first, send } = await startBot();
    const { channel, threadTs } = await startInterview(send);
    // A model reply long enough for two Slack messages: the first replaces the placeholder, the second follows it.
    const points = Array.from({ length: 60 }, (_, index) => `Point ${index + 1}: a short remark.`);
    openai.script({ kind: "json", value: { message: points.join("\n\n"), phaseGoalMet: false, claims: [] } });
    slack.hold("chat.update");
    const placeholder = await answer(send, channel, threadTs, "I'd frame it as minimising fraud loss at a fixed manual review budget.");
    await slack.waitFor((call) => call.method === "chat.update" && call.body.ts === placeholder && JSON.stringify(call.body.blocks).includes("Point 1:"), 10_000);
    first.kill("SIGKILL");
    await first.exited;

    const { send: again } = await startBot();
    await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.thread_ts === threadTs && call.body.text === "(continued)" && call.status === 200, 20_000);
    await nextTurn(again, channel, threadTs);

    const thread = slack.messages.inThread(channel, threadTs);
    expect(thread.filter((message) => shows(message, "Point 1:"))).toHaveLength(1);
    expect(thread.find((message) => message.ts === placeholder && shows(message, "Point 1:"))).toBeDefined();
    expect(thread.filter((message) => shows(message, "Point 60:"))).toHaveLength(1);
    expect(thread.filter((message) => message.text === PLACEHOLDER)).toEqual([]);
  }, 60_000);
});
