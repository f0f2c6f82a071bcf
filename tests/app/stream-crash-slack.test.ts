import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { FakeOpenAI } from "../fakes/openai.js";
import { FakeSlack } from "../fakes/slack.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import type { ServiceProcess } from "../support/service-process.js";
import { startSlackBotProcess } from "../support/slack-bot-process.js";
import type { SlackSender } from "../support/slack-requests.js";

/**
 * A bot killed while a reply streams: `npm run bot` (the real command line) is SIGKILLed after the
 * candidate has seen the first words, a new process answers the turn again, and the thread ends
 * with one reply and no half-written one left standing.
 */

const CANDIDATE = "U0CANDIDATE";
const SAID = [
  "Fair framing: at a fraud base rate near 0.1%, PR-AUC tells you far more than accuracy, and tying the threshold to expected loss is what a risk team will ask for.",
  "Now, the velocity features you mentioned: how would you compute them so that the value the model sees at scoring time is the one it was trained on?",
].join("\n\n");

let redis: RedisServer;
let slack: FakeSlack;
let openai: FakeOpenAI;
const bots: ServiceProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
  openai = await new FakeOpenAI().start();
  openai.respond = () => ({ kind: "json", value: { message: SAID, phaseGoalMet: false, claims: [] } });
  slack.user(CANDIDATE, "ada");
});

afterAll(async () => {
  for (const bot of bots) bot.kill("SIGKILL");
  await openai?.stop();
  await slack?.stop();
  await redis?.stop();
});

async function startBot(): Promise<SlackSender> {
  const { bot, send } = await startSlackBotProcess({ redis, slack, openai }, { TURN_LOCK_MS: "2000" });
  bots.push(bot);
  return send;
}

describe("a bot killed while a reply streams", () => {
  test("the next process answers the turn into the streamed message's place: one reply, no half sentence left", async () => {
    // Slow enough that the kill lands mid-stream: about 10 s for the whole answer.
    openai.pace = { firstTokenMs: 200, tokensPerSecond: 40 };
    const send = await startBot();
    const channel = "C0STREAMCRASH";
    slack.channel(channel, [CANDIDATE]);
    await send.command({ text: "senior fraud", user: CANDIDATE, userName: "ada", channel });
    const parent = await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined, 10_000);
    const threadTs = String(parent.response?.ts);
    await slack.threadWhen(channel, threadTs, (messages) => messages.length === 1 && Array.isArray(messages[0]?.blocks), 10_000);

    await send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification and track PR-AUC because fraud is rare." });
    const streaming = await slack.threadWhen(channel, threadTs, (messages) => messages.some((message) => message.streaming && message.text.length > 20), 15_000);
    const partial = streaming.find((message) => message.streaming);
    bots[0]?.kill("SIGKILL");
    await bots[0]?.exited;

    openai.pace = { firstTokenMs: 0, tokensPerSecond: 2_000 };
    await startBot();
    const after = await slack.threadWhen(channel, threadTs, (messages) => messages.length === 2 && messages.every((message) => !message.streaming && Array.isArray(message.blocks)), 30_000);
    expect(after.map((message) => message.ts)).not.toContain(partial?.ts);
    expect(after[1]?.text).toContain("velocity features you mentioned");
    expect(after.filter((message) => message.text.includes("velocity features"))).toHaveLength(1);
  }, 90_000);
});
