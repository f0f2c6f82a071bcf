// Time from a candidate's message to the first interviewer word they can see, LLM turns streamed
// against posted whole, through the real service with Bolt and discord.js against the fake Slack
// and the fake Discord, with a fake
// OpenAI server that answers at a hosted model's pace (about 600 ms to the first token, then
// about 40 tokens a second). The thread's burst window (the default 1.5 s) is included, as a
// candidate experiences it. Then: the structured assessment with streaming, one call against two.
import { Routes } from "discord.js";
import { SlackPlatform } from "../adapters/slack/platform.js";
import { DiscordWorld } from "../tests/adapters/discord/team-world.js";
import { loadConfig } from "../src/config/env.js";
import { loadContent } from "../src/engine/context.js";
import { silentLogger } from "../src/ops/logger.js";
import { startService } from "../src/app/service.js";
import { FakeOpenAI } from "../tests/fakes/openai.js";
import { FakeSlack, type SlackCall } from "../tests/fakes/slack.js";
import { startRedis, type RedisServer } from "../tests/support/redis-server.js";
import { SIGNING_SECRET, SlackSender } from "../tests/support/slack-requests.js";
import { benchStructuredStreaming } from "./structured-streaming.js";
import { percentile } from "./stats.js";

const PACE = { firstTokenMs: 600, tokensPerSecond: 40 };
/** A typical interviewer turn: two short paragraphs, about 60 words, and one judged claim. */
export const BENCH_TURN = {
  message: [
    "Fair framing: at a base rate near 0.1%, PR-AUC says far more than accuracy, and tying the threshold to expected loss is what a risk team will ask for.",
    "Now the velocity features you mentioned: how would you compute them so that what the model sees at scoring time matches what it was trained on?",
  ].join("\n\n"),
  phaseGoalMet: false,
  claims: [{ quote: "track PR-AUC because fraud is rare", verdict: "sound", dimension: "problem-formulation", misconceptionId: null, correction: null }],
};
const INTERVIEWS = 12;
const ANSWERS = ["I'd frame it as binary classification and track PR-AUC because fraud is rare.", "Velocity features come from a streaming job over the last hour of card activity."];
const CANDIDATE = "U0BENCHCANDIDATE";

/** The first call in `channel` after `since` that shows the interviewer's words (not the placeholder). */
function showsWords(channel: string, since: number, slack: FakeSlack) {
  return (call: SlackCall) => {
    if (slack.calls.indexOf(call) < since || call.body.channel !== channel) return false;
    if (call.method === "chat.startStream" || call.method === "chat.appendStream") return String(call.body.markdown_text ?? "").trim().length > 0;
    const text = String(call.body.text ?? "");
    const words = text.length > 0 && !/thinking/.test(text);
    if (call.method === "chat.update") return words;
    return call.method === "chat.postMessage" && call.body.thread_ts !== undefined && words;
  };
}

async function firstWords(server: RedisServer, streaming: "on" | "off"): Promise<number[]> {
  const slack = await new FakeSlack().start();
  const openai = await new FakeOpenAI().start();
  openai.pace = PACE;
  openai.paceWholeAnswers = true;
  openai.respond = () => ({ kind: "json", value: BENCH_TURN });
  const platform = new SlackPlatform({ botToken: "xoxb-bench", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 } }, loadContent().bank);
  const config = loadConfig({ ...server.env, METRICS_PORT: "0", REDIS_KEY_PREFIX: `fw${streaming}`, OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: openai.baseURL, LLM_MAX_RETRIES: "0", LLM_STREAMING: streaming });
  const service = await startService({ role: "all", config, platforms: [platform], logger: silentLogger });
  const send = new SlackSender(`http://127.0.0.1:${platform.port}/slack/events`, slack);
  const timings: number[] = [];
  try {
    // Three interviews at a time: a few candidates in one workspace, each waiting on the model.
    const lanes = Array.from({ length: 3 }, async (_, lane) => {
      for (let index = lane; index < INTERVIEWS; index += 3) {
        const channel = `C0FW${streaming}${index}`;
        await send.command({ text: "senior fraud", user: CANDIDATE, userName: "bench", channel });
        const parent = await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined, 20_000);
        const threadTs = String(parent.response?.ts);
        await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === threadTs, 20_000);
        for (const answer of ANSWERS) {
          const since = slack.calls.length;
          const sent = performance.now();
          await send.message({ user: CANDIDATE, channel, threadTs, text: answer });
          await slack.waitFor(showsWords(channel, since, slack), 30_000);
          timings.push(performance.now() - sent);
          // The reply is complete once it holds its blocks; the next answer waits for it, as a person would.
          await slack.waitFor((call) => slack.calls.indexOf(call) >= since && call.body.channel === channel && Array.isArray(call.body.blocks), 30_000);
        }
      }
    });
    await Promise.all(lanes);
  } finally {
    await service.stop();
    await openai.stop();
    await slack.stop();
  }
  return timings;
}

/** The same on Discord: the candidate's message on the gateway, then the first message in the thread that shows words. */
async function discordFirstWords(streaming: "on" | "off"): Promise<number[]> {
  const openai = await new FakeOpenAI().start();
  openai.pace = PACE;
  openai.paceWholeAnswers = true;
  openai.respond = () => ({ kind: "json", value: BENCH_TURN });
  const world = await DiscordWorld.start({ env: { BURST_WINDOW_MS: "1500", OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: openai.baseURL, LLM_MAX_RETRIES: "0", LLM_STREAMING: streaming } });
  const { discord } = world;
  const timings: number[] = [];
  try {
    const lanes = Array.from({ length: 3 }, async (_, lane) => {
      for (let index = lane; index < INTERVIEWS; index += 3) {
        const channel = await world.channel();
        const { threadId } = await world.startInterview(world.people.candidate, channel.id);
        for (const answer of ANSWERS) {
          const posted = (call: { method: string; path: string; status?: number }) => call.method === "POST" && call.path === Routes.channelMessages(threadId) && call.status === 200;
          const shown = world.next(posted, 30_000);
          const done = world.next((call) => (call.method === "POST" || call.method === "PATCH") && call.path.startsWith(Routes.channelMessages(threadId)) && call.status === 200 && JSON.stringify(call.body ?? {}).includes("mock_interview:hint"), 30_000);
          const sent = performance.now();
          await discord.post(discord.threadMessage({ author: world.people.candidate, channelId: threadId, content: answer }));
          await shown;
          timings.push(performance.now() - sent);
          await done;
        }
      }
    });
    await Promise.all(lanes);
  } finally {
    await world.stop();
    await openai.stop();
  }
  return timings;
}

const figure = (values: number[]) => `p50 ${(percentile(values, 50) / 1000).toFixed(2)} s, p99 ${(percentile(values, 99) / 1000).toFixed(2)} s (n=${values.length})`;

export async function benchFirstWord(): Promise<void> {
  const server = await startRedis();
  try {
    const report = (platform: string, streamed: number[], whole: number[]) => {
      console.log(`First interviewer word after a candidate's message, ${platform}, LLM at ${PACE.firstTokenMs} ms + ${PACE.tokensPerSecond} tokens/s, 1.5 s burst window included:`);
      console.log(`  streamed:     ${figure(streamed)} (target p50 < 3 s)`);
      console.log(`  posted whole: ${figure(whole)}`);
      console.log(`  streamed is ${(percentile(whole, 50) / percentile(streamed, 50)).toFixed(1)}x sooner at p50 (target >= 2x)`);
    };
    report("Slack", await firstWords(server, "on"), await firstWords(server, "off"));
    report("Discord", await discordFirstWords("on"), await discordFirstWords("off"));
  } finally {
    await server.stop();
  }
  await benchStructuredStreaming(PACE, BENCH_TURN);
}
