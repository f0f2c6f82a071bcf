import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SlackPlatform } from "../../../adapters/slack/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import { silentLogger } from "../../../src/ops/logger.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import { FakeSlack, type SlackCall } from "../../fakes/slack.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { messageEventCallback } from "../../support/slack-payloads.js";
import { SIGNING_SECRET, SlackSender } from "../../support/slack-requests.js";
import { summariesSettled } from "../../support/sentinels.js";

const CANDIDATE = "U0CANDIDATE";
const TEAMMATE = "U0TEAMMATE";

let redis: RedisServer;
let slack: FakeSlack;
let service: RunningService;
let send: SlackSender;
let channels = 0;

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
  const platform = new SlackPlatform(
    { botToken: "xoxb-test-token", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 } },
    loadContent().bank,
  );
  const config = loadConfig({ ...redis.env, METRICS_PORT: "0", BURST_WINDOW_MS: "150", SUMMARY_BACKOFF_MS: "100" });
  service = await startService({ role: "all", config, platforms: [platform], logger: silentLogger });
  send = new SlackSender(`http://127.0.0.1:${platform.port}/slack/events`, slack);
});

afterAll(async () => {
  await service?.stop();
  await slack?.stop();
  await redis?.stop();
});

const inThread = (channel: string, threadTs: string) => (call: SlackCall) =>
  call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === threadTs;
const textOf = (call: SlackCall) => String(call.body.text ?? "");

/** Runs `/mock-interview` in a fresh channel and waits for the first question in the new thread. */
async function startInterview(text = "senior fraud") {
  const channel = `C0TEST${++channels}`;
  const reply = await send.command({ text, user: CANDIDATE, userName: "ada", channel });
  const parent = await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined);
  const threadTs = String(parent.response?.ts);
  const first = await slack.waitFor(inThread(channel, threadTs));
  return { channel, threadTs, parent, first, reply };
}

const threadPosts = (channel: string, threadTs: string, calls = slack.calls) => calls.filter(inThread(channel, threadTs));
const isPlaceholder = (call: SlackCall) => textOf(call) === "_thinking…_";
/** What the thread shows as the interviewer's words: new posts, and placeholders turned into replies. */
const repliesIn = (channel: string, threadTs: string, calls = slack.calls) => {
  const placeholders = new Set(threadPosts(channel, threadTs, calls).filter(isPlaceholder).map((call) => String(call.response?.ts)));
  return calls.filter(
    (call) =>
      (inThread(channel, threadTs)(call) && !isPlaceholder(call)) ||
      (call.method === "chat.update" && call.body.channel === channel && placeholders.has(String(call.body.ts))),
  );
};

/**
 * The sentinel that proves "nothing more was posted": the candidate presses Hint on the thread's
 * first question; resolves, once the hint shows, with every call Slack got before it. A thread's
 * events are answered in order, each reply delivered before the next turn runs, so whatever an
 * earlier event caused is among them; a press shows no placeholder of its own.
 */
async function callsBeforeHint(channel: string, threadTs: string): Promise<SlackCall[]> {
  const messageTs = String(threadPosts(channel, threadTs)[0]?.response?.ts);
  const since = slack.calls.length;
  await send.button({ user: CANDIDATE, channel, messageTs, threadTs, action: "hint" });
  const hint = await slack.waitFor((call) => slack.calls.indexOf(call) >= since && (inThread(channel, threadTs)(call) || (call.method === "chat.update" && call.body.channel === channel)) && /Hint 1 of 4/.test(JSON.stringify(call.body)));
  return slack.calls.slice(0, slack.calls.indexOf(hint));
}

describe("/mock-interview in a channel", () => {
  test("acks at once, posts a parent message, and asks the first question in its thread", async () => {
    const { reply, parent, first } = await startInterview();
    expect(reply.status).toBe(200);
    expect(reply.body).toBe("");
    expect(textOf(parent)).toMatch(/fraud detection/i);
    expect(textOf(parent)).toMatch(/ada/);
    expect(textOf(parent)).toMatch(/senior/);
    expect(textOf(first)).toMatch(/Hi ada/);
    expect(textOf(first)).toMatch(/10,000 transactions per second/);
    expect(JSON.stringify(first.body.blocks)).toContain("mock_interview_hint");
  });

  test("bad arguments get an ephemeral usage reply with the closest problem, and nothing is posted", async () => {
    const channel = `C0TEST${++channels}`;
    const before = slack.callsTo("chat.postMessage").length;
    const reply = await send.command({ text: "senior frud", user: CANDIDATE, channel });
    expect(reply.status).toBe(200);
    const ephemeral = await slack.waitFor((call) => call.method === "response_url" && String(call.body.text).includes("frud"));
    expect(ephemeral.body.response_type).toBe("ephemeral");
    expect(String(ephemeral.body.text)).toMatch(/Did you mean "fraud"/);
    expect(String(ephemeral.body.text)).toMatch(/Usage: \/mock-interview/);
    expect(slack.callsTo("chat.postMessage").length).toBe(before);
  });

  test("help answers the caller only", async () => {
    await send.command({ text: "help", user: CANDIDATE, channel: `C0TEST${++channels}` });
    const ephemeral = await slack.waitFor((call) => call.method === "response_url" && String(call.body.text).includes("Usage"));
    expect(ephemeral.body.response_type).toBe("ephemeral");
  });

  test("a channel the bot cannot post in gets an ephemeral explanation with the fix", async () => {
    const channel = `C0PRIVATE${++channels}`;
    slack.fail("chat.postMessage", "not_in_channel", (call) => call.body.channel === channel);
    await send.command({ text: "senior fraud", user: CANDIDATE, channel });
    const ephemeral = await slack.waitFor((call) => call.method === "response_url" && String(call.body.text).includes("/invite"));
    expect(ephemeral.body.response_type).toBe("ephemeral");
  });
});

describe("thread replies", () => {
  test("the candidate's reply shows a thinking placeholder at once, then the answer replaces it", async () => {
    const { channel, threadTs } = await startInterview();
    const before = repliesIn(channel, threadTs).length;
    const sent = performance.now();
    await send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification and track PR-AUC because fraud is rare." });
    const placeholder = await slack.waitFor((call) => inThread(channel, threadTs)(call) && isPlaceholder(call));
    expect(performance.now() - sent).toBeLessThan(1_000);
    const update = await slack.waitFor((call) => call.method === "chat.update" && call.body.ts === placeholder.response?.ts);
    expect(textOf(update)).not.toMatch(/thinking/);
    expect(JSON.stringify(update.body.blocks)).toContain("mock_interview_hint");
    expect(repliesIn(channel, threadTs).length).toBe(before + 1);
  });

  test("a teammate's message gets no answer and no placeholder", async () => {
    const { channel, threadTs } = await startInterview();
    const before = threadPosts(channel, threadTs).length;
    await send.message({ user: TEAMMATE, channel, threadTs, text: "Nice start! I'd use a feature store." });
    const earlier = await callsBeforeHint(channel, threadTs);
    expect(threadPosts(channel, threadTs, earlier).length).toBe(before);
    expect(earlier.filter((call) => call.method === "chat.update" && call.body.channel === channel)).toHaveLength(0);
  });

  test("edits, bot posts and other subtypes are ignored", async () => {
    const { channel, threadTs } = await startInterview();
    const before = threadPosts(channel, threadTs).length;
    await send.message({ user: CANDIDATE, channel, threadTs, text: "edited", subtype: "message_changed" });
    await send.message({ user: CANDIDATE, channel, threadTs, text: "from a bot", botId: "B0OTHER" });
    const earlier = await callsBeforeHint(channel, threadTs);
    expect(threadPosts(channel, threadTs, earlier).length).toBe(before);
    expect(earlier.filter((call) => call.method === "chat.update" && call.body.channel === channel)).toHaveLength(0);
  });

  test("a retried event gets no second reply", async () => {
    const { channel, threadTs } = await startInterview();
    const before = repliesIn(channel, threadTs).length;
    const first = await send.message({ user: CANDIDATE, channel, threadTs, text: "Offline I'd use PR-AUC; online the fraud loss." });
    await send.message({ user: CANDIDATE, channel, threadTs, text: "Offline I'd use PR-AUC; online the fraud loss.", eventId: first.eventId, retry: 1 });
    await slack.waitFor((call) => call.method === "chat.update" && call.body.channel === channel);
    const earlier = await callsBeforeHint(channel, threadTs);
    expect(repliesIn(channel, threadTs, earlier).length).toBe(before + 1);
    expect(threadPosts(channel, threadTs, earlier).filter(isPlaceholder)).toHaveLength(1);
  });

  test("a request with a bad signature is refused with 401 and does nothing", async () => {
    const { channel, threadTs } = await startInterview();
    const before = threadPosts(channel, threadTs).length;
    // The candidate's answer, as Slack would send it, but signed with another secret.
    const body = JSON.stringify(messageEventCallback(slack, { user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification." }, "EvForged"));
    expect((await send.forged(body, "application/json")).status).toBe(401);
    const earlier = await callsBeforeHint(channel, threadTs);
    expect(threadPosts(channel, threadTs, earlier).length).toBe(before);
    expect(earlier.filter((call) => call.method === "chat.update" && call.body.channel === channel)).toHaveLength(0);
  });
});

describe("buttons and the end of the interview", () => {
  test("a teammate pressing a button is told only the candidate can", async () => {
    const { channel, threadTs } = await startInterview();
    const messageTs = String(slack.calls.filter(inThread(channel, threadTs)).at(-1)?.response?.ts);
    await send.button({ user: TEAMMATE, channel, messageTs, threadTs, action: "end" });
    const refusal = await slack.waitFor((call) => call.method === "chat.postEphemeral" && call.body.channel === channel && call.body.user === TEAMMATE);
    expect(textOf(refusal)).toMatch(/Only ada, the candidate/);
    // The hint shows (an ended interview gives none), and nothing before it closed the interview.
    const earlier = await callsBeforeHint(channel, threadTs);
    expect(threadPosts(channel, threadTs, earlier).some((call) => /scorecard|that's the interview/i.test(textOf(call)))).toBe(false);
  });

  test("end from the candidate, pressed twice, posts one summary in the thread", async () => {
    const { channel, threadTs } = await startInterview();
    await send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification and track PR-AUC because fraud is rare." });
    const answered = await slack.waitFor((call) => call.method === "chat.update" && call.body.channel === channel);
    const messageTs = String(answered.body.ts);
    await Promise.all([
      send.button({ user: CANDIDATE, channel, messageTs, threadTs, action: "end" }),
      send.button({ user: CANDIDATE, channel, messageTs, threadTs, action: "end" }),
    ]);
    const summary = await slack.waitFor((call) => inThread(channel, threadTs)(call) && /Scorecard for ada/.test(JSON.stringify(call.body.blocks)), 10_000);
    expect(JSON.stringify(summary.body.blocks)).toMatch(/ML knowledge/);
    // A scorecard comes only from a summary job; once none is left, the count is final.
    await summariesSettled(redis);
    expect(threadPosts(channel, threadTs).filter((call) => /Scorecard for ada/.test(JSON.stringify(call.body.blocks)))).toHaveLength(1);
  });
});
