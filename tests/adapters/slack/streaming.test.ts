import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { SlackPlatform } from "../../../adapters/slack/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import { silentLogger } from "../../../src/ops/logger.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import { FakeOpenAI } from "../../fakes/openai.js";
import { FakeSlack, type ShownMessage, type SlackCall } from "../../fakes/slack.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { SIGNING_SECRET, SlackSender } from "../../support/slack-requests.js";

const CANDIDATE = "U0CANDIDATE";
/** Long enough to take a few seconds at the fake's pace, so the thread sees it grow. */
const SAID = [
  "Fair framing: at a fraud base rate near 0.1%, PR-AUC tells you far more than accuracy, and tying the threshold to expected loss is what a risk team will ask for.",
  "Now, the velocity features you mentioned: how would you compute them so that the value the model sees at scoring time is the one it was trained on?",
].join("\n\n");
const TURN = { message: SAID, phaseGoalMet: false, claims: [] };
const ANSWER = "I'd frame it as binary classification and track PR-AUC because fraud is rare.";

let redis: RedisServer;
let slack: FakeSlack;
let openai: FakeOpenAI;
const services: RunningService[] = [];
let streamed: SlackSender;
let whole: SlackSender;
let channels = 0;

async function slackService(env: Record<string, string>): Promise<SlackSender> {
  const platform = new SlackPlatform({ botToken: "xoxb-test-token", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 } }, loadContent().bank);
  const config = loadConfig({
    ...redis.env,
    METRICS_PORT: "0",
    BURST_WINDOW_MS: "150",
    SUMMARY_BACKOFF_MS: "100",
    OPENAI_API_KEY: "sk-test-key-for-the-fake",
    OPENAI_BASE_URL: openai.baseURL,
    LLM_MAX_RETRIES: "0",
    LLM_TIMEOUT_MS: "3000",
    ...env,
  });
  services.push(await startService({ role: "all", config, platforms: [platform], logger: silentLogger }));
  return new SlackSender(`http://127.0.0.1:${platform.port}/slack/events`, slack);
}

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
  openai = await new FakeOpenAI().start();
  streamed = await slackService({});
  whole = await slackService({ LLM_STREAMING: "off", REDIS_KEY_PREFIX: "whole" });
});

afterAll(async () => {
  for (const service of services) await service.stop();
  await openai?.stop();
  await slack?.stop();
  await redis?.stop();
});

beforeEach(() => {
  // About 600 ms to the first token, then 40 tokens a second: a hosted model's pace.
  openai.pace = { firstTokenMs: 600, tokensPerSecond: 40 };
  openai.respond = () => ({ kind: "json", value: TURN });
});

const inThread = (channel: string, threadTs: string) => (call: SlackCall) =>
  call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === threadTs;

/** `/mock-interview senior fraud` in a fresh channel; resolves once the first question shows in its thread. */
async function startInterview(send: SlackSender, workspaceChannel = `C0STREAM${++channels}`) {
  const channel = workspaceChannel;
  await send.command({ text: "senior fraud", user: CANDIDATE, userName: "ada", channel });
  const parent = await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined);
  const threadTs = String(parent.response?.ts);
  await slack.waitFor(inThread(channel, threadTs));
  return { channel, threadTs };
}

const final = (message: ShownMessage | undefined) => (message && !message.streaming && Array.isArray(message.blocks) ? message.text : undefined);
/** The interviewer's answer to the candidate's first reply: the thread's second message, once it holds its blocks. */
const answered = (messages: ShownMessage[]) => messages.length >= 2 && final(messages.at(-1)) !== undefined && !/thinking/.test(messages.at(-1)?.text ?? "");

async function wholeReply(): Promise<string> {
  const { channel, threadTs } = await startInterview(whole);
  await whole.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
  const messages = await slack.threadWhen(channel, threadTs, answered);
  return final(messages.at(-1)) ?? "";
}

describe("an LLM reply in a Slack thread, streamed", () => {
  test("streams to the candidate in pieces with Slack's streaming methods, then ends exactly as the reply posted whole", async () => {
    const expected = await wholeReply();
    const { channel, threadTs } = await startInterview(streamed);
    await streamed.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
    const messages = await slack.threadWhen(channel, threadTs, answered);

    const start = slack.callsTo("chat.startStream").find((call) => call.body.channel === channel);
    expect(start?.body).toMatchObject({ thread_ts: threadTs, recipient_user_id: CANDIDATE, recipient_team_id: slack.teamId });
    const reply = messages.at(-1);
    expect(reply?.ts).toBe(start?.response?.ts);
    // The words arrived in several pieces, each adding to the last, before the reply's blocks replaced them.
    const pieces = (reply?.history ?? []).filter((entry) => entry.text.length > 0 && entry.text !== reply?.text);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const [index, piece] of pieces.entries()) if (index > 0) expect(piece.text.startsWith(pieces[index - 1]?.text ?? "")).toBe(true);
    expect(slack.callsTo("chat.stopStream").some((call) => call.body.ts === reply?.ts)).toBe(true);
    expect(reply?.text).toBe(expected);
    // The "thinking…" placeholder made way for the stream: the thread holds the first question and this reply.
    expect(messages).toHaveLength(2);
  });

  test("a model that fails part way leaves no half sentence: the streamed message becomes the offline interviewer's line", async () => {
    openai.respond = () => ({ kind: "cut", value: TURN, chars: 120, then: "drop" });
    const { channel, threadTs } = await startInterview(streamed);
    await streamed.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
    const messages = await slack.threadWhen(channel, threadTs, answered);
    const reply = messages.at(-1);
    expect(reply?.history.some((entry) => entry.text.length > 0 && SAID.startsWith(entry.text.replace(/&amp;/g, "&")))).toBe(true);
    expect(reply?.text).not.toContain(SAID.slice(0, 30));
    expect(reply?.text.length).toBeGreaterThan(20);
    expect(messages.every((message) => !message.streaming)).toBe(true);
    expect(messages).toHaveLength(2);

    // The interview goes on: the next answer gets a reply of its own.
    openai.respond = () => ({ kind: "json", value: TURN });
    await streamed.message({ user: CANDIDATE, channel, threadTs, text: "I'd add velocity features from a streaming job." });
    const after = await slack.threadWhen(channel, threadTs, (shown) => shown.length >= 3 && final(shown.at(-1)) !== undefined && !/thinking/.test(shown.at(-1)?.text ?? ""));
    expect(after.at(-1)?.text).toContain("velocity features you mentioned");
  });

  test("a message sent while a reply streams is answered next, in a reply of its own", async () => {
    const { channel, threadTs } = await startInterview(streamed);
    await streamed.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
    // The reply has begun to show (streamed, or edited in where a workspace refused streaming) and is not done.
    await slack.threadWhen(channel, threadTs, (shown) => shown.some((message) => final(message) === undefined && message.text.length > 0 && SAID.startsWith(message.text.replace(/&amp;/g, "&"))));
    const second = "Also: labels arrive weeks later through chargebacks.";
    await streamed.message({ user: CANDIDATE, channel, threadTs, text: second });
    const messages = await slack.threadWhen(channel, threadTs, (shown) => shown.length >= 3 && shown.slice(1).every((message) => final(message) !== undefined && !/thinking/.test(message.text)));
    expect(messages).toHaveLength(3);
    const asked = openai.requests.map((request) => request.body.messages.at(-1)?.content ?? "");
    const first = asked.findIndex((content) => content.includes(ANSWER));
    const next = asked.findIndex((content) => content.includes(second));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(next).toBeGreaterThan(first);
    // Each turn answered its own message: the first request did not see the second.
    expect(asked[first]).not.toContain(second);
  });
  test("a final reply Slack refuses is delivered later into the streamed message, once", async () => {
    const { channel, threadTs } = await startInterview(streamed);
    slack.failHttp("chat.update", 500);
    try {
      await streamed.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
      const refused = await slack.waitFor((call) => call.method === "chat.update" && call.body.channel === channel && call.status === 500, 15_000);
      expect(slack.callsTo("chat.stopStream").some((call) => call.body.ts === refused.body.ts)).toBe(true);
    } finally {
      slack.recover("chat.update");
    }
    const messages = await slack.threadWhen(channel, threadTs, answered, 20_000);
    expect(messages).toHaveLength(2);
    expect(messages.at(-1)?.text).toContain("velocity features you mentioned");
    expect(messages.filter((message) => message.text.includes("velocity features you mentioned"))).toHaveLength(1);
  });

  test("where the workspace refuses streaming, the placeholder is edited as the words come, at most once a second, and the refusal is remembered", async () => {
    const expected = await wholeReply();
    slack.fail("chat.startStream", "not_allowed");
    try {
      const { channel, threadTs } = await startInterview(streamed);
      await streamed.message({ user: CANDIDATE, channel, threadTs, text: ANSWER });
      const messages = await slack.threadWhen(channel, threadTs, answered);
      const reply = messages.at(-1);
      const edits = (reply?.history ?? []).slice(1, -1);
      expect(edits.length).toBeGreaterThanOrEqual(2);
      expect(reply?.history[0]?.text).toMatch(/thinking/);
      for (const [index, edit] of edits.entries()) {
        if (index === 0) continue;
        expect(edit.text.startsWith(edits[index - 1]?.text ?? "")).toBe(true);
        // A little slack for the HTTP round trip: the edits leave the bot a second apart.
        expect(edit.at - (edits[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
      }
      expect(reply?.text).toBe(expected);
      expect(messages).toHaveLength(2);

      const refusals = slack.callsTo("chat.startStream").length;
      const next = await startInterview(streamed);
      await streamed.message({ user: CANDIDATE, channel: next.channel, threadTs: next.threadTs, text: ANSWER });
      await slack.threadWhen(next.channel, next.threadTs, answered);
      expect(slack.callsTo("chat.startStream")).toHaveLength(refusals);
    } finally {
      slack.recover("chat.startStream");
    }
  });
});
