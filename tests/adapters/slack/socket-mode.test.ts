import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { SlackPlatform } from "../../../adapters/slack/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import { silentLogger } from "../../../src/ops/logger.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import { FakeSlack, type SlackCall } from "../../fakes/slack.js";
import { ENVELOPE_LIFETIME_MS } from "../../fakes/slack/socket-mode.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { FAST } from "../../support/service-harness.js";
import { CANDIDATE, inThread, isPlaceholder, shown, TEAMMATE } from "../../support/slack-team.js";
import { SocketSender } from "../../support/socket-sender.js";

// The README's default set-up: Socket Mode through Bolt's real SocketModeReceiver and
// @slack/socket-mode client, against a fake Slack speaking the WebSocket protocol.
const APP_TOKEN = "xapp-1-A0FAKEAPP-1234567890-abcdef";

let redis: RedisServer;
let slack: FakeSlack;
let service: RunningService;
let send: SocketSender;
let channels = 0;

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
  slack.user(CANDIDATE, "ada").user(TEAMMATE, "grace");
  const platform = new SlackPlatform({ botToken: "xoxb-test-token", apiUrl: slack.apiUrl, connection: { mode: "socket", appToken: APP_TOKEN } }, loadContent().bank);
  const config = loadConfig({ ...redis.env, METRICS_PORT: "0", ...FAST });
  service = await startService({ role: "all", config, platforms: [platform], logger: silentLogger });
  send = new SocketSender(slack);
});

afterAll(async () => {
  await service?.stop();
  await slack?.stop();
  await redis?.stop();
});

/** The first call from now on that `predicate` accepts. */
function next(predicate: (call: SlackCall) => boolean, timeoutMs = 10_000): Promise<SlackCall> {
  const since = slack.calls.length;
  return slack.waitFor((call) => slack.calls.indexOf(call) >= since && predicate(call), timeoutMs);
}

/** `/mock-interview senior fraud` in a fresh channel: the command's ack, the parent message and the first question. */
async function startInterview() {
  const channel = `C0SOCKET${++channels}`;
  const parent = next((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined);
  const { ack } = await send.command({ text: "senior fraud", user: CANDIDATE, userName: "ada", channel });
  const threadTs = String((await parent).response?.ts);
  const first = await slack.waitFor((call) => inThread(channel, threadTs)(call) && !isPlaceholder(call), 10_000);
  return { channel, threadTs, ack, parent: await parent, first };
}

/** The interviewer's answers in a thread: placeholders turned into replies by chat.update. */
const answersIn = (channel: string, calls = slack.calls) => calls.filter((call) => call.method === "chat.update" && call.body.channel === channel);

/**
 * The sentinel that proves "nothing more was posted": the candidate presses Hint on the first
 * question; resolves, once the hint shows, with every call Slack got before it. A thread's events
 * are answered in order, each reply delivered before the next turn, and a press shows no placeholder.
 */
async function callsBeforeHint(channel: string, threadTs: string, first: SlackCall): Promise<SlackCall[]> {
  const hint = next((call) => (inThread(channel, threadTs)(call) || (call.method === "chat.update" && call.body.channel === channel)) && /Hint 1 of 4/.test(shown(call)));
  await send.button({ user: CANDIDATE, channel, messageTs: String(first.response?.ts), threadTs, action: "hint" });
  return slack.calls.slice(0, slack.calls.indexOf(await hint));
}

describe("Slack over Socket Mode", () => {
  test("start-up opens the connection with the app-level token and waits for Slack's hello", () => {
    const opens = slack.callsTo("apps.connections.open");
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(APP_TOKEN);
    expect(slack.socketMode.connections).toHaveLength(1);
    expect(slack.socketMode.connections[0]?.open).toBe(true);
  });

  test("/mock-interview is acked within the envelope's lifetime, then opens the interview in a thread", async () => {
    const { ack, parent, first } = await startInterview();
    expect(ack.ms).toBeLessThan(ENVELOPE_LIFETIME_MS);
    expect(shown(parent)).toMatch(/fraud detection/i);
    expect(shown(parent)).toMatch(/ada/);
    expect(shown(first)).toMatch(/Hi ada/);
    expect(shown(first)).toContain("mock_interview_hint");
  });

  test("the candidate's thread reply is answered in the thread", async () => {
    const { channel, threadTs } = await startInterview();
    const answered = next((call) => call.method === "chat.update" && call.body.channel === channel);
    const { ack } = await send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification and track PR-AUC because fraud is rare." });
    expect(ack.ms).toBeLessThan(ENVELOPE_LIFETIME_MS);
    const answer = await answered;
    expect(shown(answer)).not.toMatch(/thinking/);
    expect(shown(answer)).toContain("mock_interview_hint");
  });

  test("an event Slack redelivers (retry_attempt 1) gets no second answer", async () => {
    const { channel, threadTs, first } = await startInterview();
    const answered = next((call) => call.method === "chat.update" && call.body.channel === channel);
    const { payload } = await send.message({ user: CANDIDATE, channel, threadTs, text: "Offline I'd use PR-AUC; online the fraud loss." });
    await send.redeliver(payload);
    await answered;
    const earlier = await callsBeforeHint(channel, threadTs, first);
    expect(answersIn(channel, earlier)).toHaveLength(1);
    expect(earlier.filter((call) => inThread(channel, threadTs)(call) && isPlaceholder(call))).toHaveLength(1);
  });

  test("a teammate pressing a button is refused privately and the interview goes on", async () => {
    const { channel, threadTs, first } = await startInterview();
    const refused = next((call) => call.method === "chat.postEphemeral" && call.body.channel === channel && call.body.user === TEAMMATE);
    const { ack } = await send.button({ user: TEAMMATE, channel, messageTs: String(first.response?.ts), threadTs, action: "end" });
    expect(ack.ms).toBeLessThan(ENVELOPE_LIFETIME_MS);
    expect(shown(await refused)).toMatch(/Only ada, the candidate/);
    // The hint shows (an ended interview gives none), and nothing before it closed the interview.
    const earlier = await callsBeforeHint(channel, threadTs, first);
    expect(earlier.some((call) => inThread(channel, threadTs)(call) && /Scorecard|that's the interview/.test(shown(call)))).toBe(false);
  });

  test("the assistant pane works over Socket Mode too: prompts offered, and a prompt opens the interview in its thread", async () => {
    const thread = slack.openAssistantThread(CANDIDATE);
    const prompts = next((call) => call.method === "assistant.threads.setSuggestedPrompts" && call.body.thread_ts === thread.threadTs);
    const { ack } = await send.assistantEvent("assistant_thread_started", thread);
    expect(ack.ms).toBeLessThan(ENVELOPE_LIFETIME_MS);
    await prompts;
    const first = next((call) => inThread(thread.channel, thread.threadTs)(call) && /Hi ada/.test(shown(call)));
    await send.message({ user: CANDIDATE, channel: thread.channel, threadTs: thread.threadTs, text: "Start a senior fraud interview", channelType: "im" });
    expect(shown(await first)).toContain("mock_interview_hint");
  });

    test("pings both ways are answered, so the connection stays up", async () => {
    const connection = slack.socketMode.connections[0];
    // The client drops a connection after four pings without a pong (one every ~1.7 s); five prove the pongs arrive.
    // Polls until five pings went by; the assertions below decide.
    while (connection?.open && connection.pings < 5) await sleep(200);
    expect(connection?.pongs).toBeGreaterThan(0);
    expect(connection?.open).toBe(true);
    expect(slack.callsTo("apps.connections.open")).toHaveLength(1);
  });

  test("a disconnect message makes the app reconnect, and the next command still works", async () => {
    slack.socketMode.disconnect("refresh_requested");
    // @slack/socket-mode waits its client ping timeout (5 s) before reconnecting.
    const second = await slack.socketMode.connected(2, 15_000);
    expect(slack.socketMode.connections[0]?.open).toBe(false);
    expect(slack.callsTo("apps.connections.open")).toHaveLength(2);
    const { ack, first } = await startInterview();
    expect(ack.ms).toBeLessThan(ENVELOPE_LIFETIME_MS);
    expect(shown(first)).toMatch(/Hi ada/);
    expect(second.open).toBe(true);
    expect(slack.socketMode.strays).toEqual([]);
  });
});
