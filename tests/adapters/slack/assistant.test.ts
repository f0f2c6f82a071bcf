import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SlackPlatform } from "../../../adapters/slack/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import { silentLogger } from "../../../src/ops/logger.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import { FakeSlack, type AssistantThread, type SlackCall } from "../../fakes/slack.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { SIGNING_SECRET, SlackSender } from "../../support/slack-requests.js";

const CANDIDATE = "U0CANDIDATE";

let redis: RedisServer;
let slack: FakeSlack;
let service: RunningService;
let send: SlackSender;

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
  slack.user(CANDIDATE, "ada");
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

const textOf = (call: SlackCall) => String(call.body.text ?? "");
const inThread = (thread: AssistantThread) => (call: SlackCall) => call.method === "chat.postMessage" && call.body.channel === thread.channel && call.body.thread_ts === thread.threadTs;
const after = (index: number, predicate: (call: SlackCall) => boolean) => (call: SlackCall) => slack.calls.indexOf(call) >= index && predicate(call);

/** The user opens the assistant pane: a new thread, announced to the app, whose prompts are then set. */
async function openPane(user = CANDIDATE): Promise<AssistantThread> {
  const thread = slack.openAssistantThread(user, "C0VIEWING");
  expect((await send.assistantEvent("assistant_thread_started", thread)).status).toBe(200);
  await slack.waitFor((call) => call.method === "assistant.threads.setSuggestedPrompts" && call.body.thread_ts === thread.threadTs);
  return thread;
}

/** The user's message in the assistant thread, as Slack delivers it (a DM, so `channel_type: im`). */
function say(thread: AssistantThread, text: string) {
  return send.message({ user: thread.user, channel: thread.channel, threadTs: thread.threadTs, text, channelType: "im" });
}

/** Opens the pane, picks "Start a senior fraud interview", and waits for the first question in that thread. */
async function startInPane() {
  const thread = await openPane();
  await say(thread, "Start a senior fraud interview");
  const first = await slack.waitFor((call) => inThread(thread)(call) && /Hi ada/.test(textOf(call)));
  return { thread, first };
}

/**
 * The sentinel for "nothing more was posted": the candidate presses Hint on the first question;
 * resolves, once the hint shows, with every call before it (a thread's events are answered in order).
 */
async function callsBeforeHint(thread: AssistantThread, firstQuestion: SlackCall): Promise<SlackCall[]> {
  const since = slack.calls.length;
  await send.button({ user: CANDIDATE, channel: thread.channel, messageTs: String(firstQuestion.response?.ts), threadTs: thread.threadTs, action: "hint" });
  const hint = await slack.waitFor(after(since, (call) => inThread(thread)(call) && /Hint 1 of 4/.test(JSON.stringify(call.body))));
  return slack.calls.slice(0, slack.calls.indexOf(hint));
}

describe("the assistant pane", () => {
  test("a new assistant thread is offered the three suggested prompts and a welcome", async () => {
    const thread = await openPane();
    expect(slack.assistant.thread(thread.channel, thread.threadTs)?.prompts?.prompts.map((prompt) => prompt.message)).toEqual([
      "Start a senior fraud interview",
      "Practise my weakest areas",
      "Show my progress",
    ]);
    const welcome = await slack.waitFor(inThread(thread));
    expect(textOf(welcome)).toMatch(/mock interviews/i);
  });

  test('"Start a senior fraud interview" runs the interview in that thread, named after it, with no channel post', async () => {
    const since = slack.calls.length;
    const { thread, first } = await startInPane();
    const posts = slack.calls.slice(since).filter((call) => call.method === "chat.postMessage");
    const parent = posts.find((call) => /^Mock interview: .*fraud/i.test(textOf(call)));
    expect(parent?.body.thread_ts).toBe(thread.threadTs);
    expect(String(parent?.body.text)).toMatch(/ada is practising .* at senior level/);
    // The pane is the candidate's alone: no teammates are invited to read along.
    expect(String(parent?.body.text)).toMatch(/Answer here\./);
    expect(String(parent?.body.text)).not.toMatch(/Teammates/);
    expect(textOf(first)).toMatch(/10,000 transactions per second/);
    expect(JSON.stringify(first.body.blocks)).toContain("mock_interview_hint");
    // Everything went into the assistant thread: nothing top level, nothing in a channel.
    expect(posts.every((call) => call.body.channel === thread.channel && call.body.thread_ts === thread.threadTs)).toBe(true);
    expect(slack.assistant.thread(thread.channel, thread.threadTs)?.title).toMatch(/^Mock interview · ada · .*fraud/i);
    // While the greeting and first question are written, the thread says so.
    const status = slack.calls.findIndex((call, index) => index >= since && call.method === "assistant.threads.setStatus" && call.body.thread_ts === thread.threadTs);
    expect(status).toBeGreaterThan(slack.calls.indexOf(parent ?? first));
    expect(status).toBeLessThan(slack.calls.indexOf(first));
  });

  test("a prompt Slack delivers twice opens one interview, and its repeat is not taken as an answer", async () => {
    const thread = await openPane();
    const sent = await say(thread, "Start a senior fraud interview");
    await send.message({ user: thread.user, channel: thread.channel, threadTs: thread.threadTs, text: "Start a senior fraud interview", channelType: "im", eventId: sent.eventId, retry: 1 });
    const first = await slack.waitFor((call) => inThread(thread)(call) && /Hi ada/.test(textOf(call)));
    const earlier = (await callsBeforeHint(thread, first)).filter(inThread(thread));
    expect(earlier.filter((call) => /^Mock interview: /.test(textOf(call)))).toHaveLength(1);
    expect(earlier.filter((call) => /mock_interview_hint/.test(JSON.stringify(call.body.blocks)))).toHaveLength(1);
  });

  test("an answer gets one reply in the thread, with the thread status showing while the interviewer thinks", async () => {
    const { thread, first } = await startInPane();
    const since = slack.calls.length;
    await say(thread, "I'd frame it as binary classification and track PR-AUC because fraud is rare.");
    const status = await slack.waitFor(after(since, (call) => call.method === "assistant.threads.setStatus" && call.body.thread_ts === thread.threadTs));
    expect(status.body.status).toBe("is thinking…");
    const reply = await slack.waitFor(after(since, inThread(thread)));
    expect(slack.calls.indexOf(status)).toBeLessThan(slack.calls.indexOf(reply));
    expect(JSON.stringify(reply.body.blocks)).toContain("mock_interview_hint");
    // Slack clears the status when the app posts; no "thinking…" message stands in for it.
    expect(slack.assistant.thread(thread.channel, thread.threadTs)?.status).toBeUndefined();
    const earlier = (await callsBeforeHint(thread, first)).slice(since);
    expect(earlier.filter(inThread(thread))).toHaveLength(1);
    expect(earlier.filter((call) => call.method === "chat.update")).toHaveLength(0);
  });

  test('"Show my progress" answers in the thread through the same progress request', async () => {
    // Someone with no scored interview yet, whichever tests ran before.
    const thread = await openPane("U0NOSCORES");
    await say(thread, "Show my progress");
    const answer = await slack.waitFor((call) => inThread(thread)(call) && /nothing to chart yet/i.test(textOf(call)));
    expect(answer.body.thread_ts).toBe(thread.threadTs);
  });

  test("an interview ended in the pane gets its scorecard there; then \"Practise my weakest areas\" opens a focused one and \"Show my progress\" charts it", async () => {
    const { thread } = await startInPane();
    await say(thread, "I'd frame it as binary classification and track PR-AUC because fraud is rare.");
    await slack.waitFor((call) => inThread(thread)(call) && /mock_interview_hint/.test(JSON.stringify(call.body.blocks)) && !/Hi ada/.test(textOf(call)));
    await say(thread, "end");
    await slack.waitFor((call) => inThread(thread)(call) && /Scorecard for ada/.test(JSON.stringify(call.body.blocks)), 10_000);
    const next = await openPane();
    await say(next, "Practise my weakest areas");
    // Why this problem: the same reason the slash command's focus tells its caller.
    const intro = await slack.waitFor((call) => inThread(next)(call) && /^Your (last |recent )?scorecards? /.test(textOf(call)));
    expect(textOf(intro)).toMatch(/next interview|all-round/);
    const parent = await slack.waitFor((call) => inThread(next)(call) && /focused follow-up/.test(textOf(call)));
    expect(parent.body.thread_ts).toBe(next.threadTs);
    await slack.waitFor((call) => inThread(next)(call) && /Hi ada/.test(textOf(call)));
    // With a scorecard to chart, "Show my progress" uploads the chart into its own pane thread.
    const charted = await openPane();
    await say(charted, "Show my progress");
    await slack.waitFor((call) => inThread(charted)(call) && /Posted your progress chart/.test(textOf(call)));
    expect(slack.files.shared.filter((file) => file.threadTs === charted.threadTs).map((file) => [file.channel, file.filename])).toEqual([[charted.channel, "progress.png"]]);
  });

  test('"Practise my weakest areas" before any scorecard says what it needs, in the thread', async () => {
    const thread = await openPane("U0NEWCOMER");
    await say(thread, "Practise my weakest areas");
    await slack.waitFor((call) => inThread(thread)(call) && /Focus needs at least one finished interview/.test(textOf(call)));
  });

  test("words typed as after the slash command work too, and what needs a channel says so", async () => {
    const thread = await openPane();
    await say(thread, "schedule list");
    const refusal = await slack.waitFor((call) => inThread(thread)(call) && /works in a channel/.test(textOf(call)));
    expect(textOf(refusal)).toMatch(/\/mock-interview schedule/);
    await say(thread, "help");
    await slack.waitFor((call) => inThread(thread)(call) && /Usage: \/mock-interview/.test(textOf(call)));
  });

  test("a change of the channel being viewed posts and edits nothing", async () => {
    const { thread, first } = await startInPane();
    const since = slack.calls.length;
    await send.assistantEvent("assistant_thread_context_changed", { ...thread, context: { team_id: slack.teamId, channel_id: "C0ELSEWHERE" } });
    const earlier = (await callsBeforeHint(thread, first)).slice(since);
    expect(earlier.filter((call) => ["chat.postMessage", "chat.update", "conversations.replies"].includes(call.method))).toEqual([]);
  });
});

describe("channel interviews without the pane", () => {
  test("keep the thinking placeholder and call no assistant method", async () => {
    const channel = "C0CHANNEL1";
    const since = slack.calls.length;
    await send.command({ text: "senior fraud", user: CANDIDATE, userName: "ada", channel });
    const parent = await slack.waitFor(after(since, (call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined));
    const threadTs = String(parent.response?.ts);
    await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.thread_ts === threadTs && /Hi ada/.test(textOf(call)));
    await send.message({ user: CANDIDATE, channel, threadTs, text: "I'd start from the business goal: fraud loss per transaction." });
    const placeholder = await slack.waitFor((call) => call.method === "chat.postMessage" && call.body.thread_ts === threadTs && textOf(call) === "_thinking…_");
    await slack.waitFor((call) => call.method === "chat.update" && call.body.ts === placeholder.response?.ts);
    expect(slack.calls.slice(since).filter((call) => call.method.startsWith("assistant."))).toHaveLength(0);
  });
});
