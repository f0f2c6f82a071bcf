// Load generator for the capacity bench, in its own process: N candidates, each starts an
// interview with `/mock-interview` in its own channel, answers in the thread every few seconds
// until the answering time is up, types `end`, and waits for the scorecard. Sends go to the bots in
// turn; what Slack shows is read from the fake Slack process. Prints one JSON line of figures.
import { setTimeout as sleep } from "node:timers/promises";
import { slackSignature } from "../tests/fakes/slack.js";
import type { ShownAt, SlackChanges } from "./processes/fake-slack.js";
import type { FakeSlackInfo } from "./processes/slack-report.js";

export interface CapacityLoadOptions {
  bots: string[];
  secret: string;
  slack: FakeSlackInfo;
  interviews: number;
  /** How long candidates keep answering, from the first start. */
  seconds: number;
  /** Mean pause between the interviewer's reply and the candidate's next answer (±50%). */
  answerEveryMs: number;
  /** Interviews started per second while ramping up. */
  startRate: number;
  /** A reply slower than this counts as late; the wait for scorecards gives up after this long without one. */
  replyTimeoutMs: number;
  /** A reply not shown this long after its event counts as lost. */
  lostAfterMs: number;
}

export interface CapacityLoadResult {
  started: number;
  /** Command to the first question in the thread. */
  firstQuestionMs: number[];
  /** Answer sent to its reply shown (the placeholder edited into it). */
  turnMs: number[];
  answers: number;
  /** Events (start, answers, end) that got no reply within lostAfterMs. */
  lostReplies: number;
  /** Replies that came, but after replyTimeoutMs. */
  lateReplies: number;
  /** Replies beyond one per event. */
  duplicateReplies: number;
  scorecards: { once: number; missing: number; more: number };
  /** When answering ended and every interview had ended (ms since the first start). */
  answeringEndedMs: number;
  /** When the last scorecard came (or the wait for them gave up). */
  scorecardsDoneMs: number;
}

const ANSWERS = [
  "I'd start from the business goal and how we'd measure success, then the data we have.",
  "For metrics: precision at the operating point, plus a guardrail on user complaints.",
  "Data: logged events joined with labels from reviews; I'd watch for label delay and leakage.",
  "A gradient-boosted model first as a baseline, then a two-tower model for candidate retrieval.",
  "Serving: precompute features in a store, score online with a p99 budget of 50 ms.",
  "Monitoring: feature drift, calibration, and an alert on the business metric dropping.",
];

const options = JSON.parse(process.argv[2] ?? "{}") as CapacityLoadOptions;
const PLACEHOLDER = options.slack.placeholder;
const isScorecard = (text: string) => /Scorecard for/.test(text);

/** Each thread as Slack shows it, fed by the fake's change feed. */
class Threads {
  private readonly parents = new Map<string, string>();
  /** channel → reply ts → when it first showed words (not the placeholder). */
  private readonly replies = new Map<string, Map<string, number>>();
  /** channel → the replies' words as they first showed, for the report of a thread with too many. */
  readonly words = new Map<string, string[]>();
  private readonly scorecards = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private since = 0;
  private stopped = false;

  async follow(): Promise<void> {
    while (!this.stopped) {
      const feed = (await (await fetch(`${options.slack.controlUrl}changes?since=${this.since}`)).json()) as SlackChanges;
      this.since = feed.next;
      for (const change of feed.changes) this.apply(change);
      for (const wake of [...this.waiters]) wake();
      await sleep(100);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private apply(change: ShownAt): void {
    if (!change.threadTs || change.threadTs === change.ts) {
      if (!this.parents.has(change.channel)) this.parents.set(change.channel, change.ts);
      return;
    }
    if (change.threadTs !== this.parents.get(change.channel) || change.text === PLACEHOLDER) return;
    // The worker's posts: the scorecard, and the design it drew as an image (an upload).
    if (change.ts.startsWith("file-")) return;
    if (isScorecard(change.text)) {
      this.scorecards.set(change.channel, (this.scorecards.get(change.channel) ?? 0) + 1);
      return;
    }
    const replies = this.replies.get(change.channel) ?? new Map<string, number>();
    if (!replies.has(change.ts)) {
      replies.set(change.ts, change.at);
      this.words.set(change.channel, [...(this.words.get(change.channel) ?? []), change.text.slice(0, 80)]);
    }
    this.replies.set(change.channel, replies);
  }

  parent(channel: string): string | undefined {
    return this.parents.get(channel);
  }

  replyCount(channel: string): number {
    return this.replies.get(channel)?.size ?? 0;
  }

  scorecardCount(channel: string): number {
    return this.scorecards.get(channel) ?? 0;
  }

  /** When the thread's reply number `count + 1` showed, or undefined after `timeoutMs`. */
  async nextReply(channel: string, count: number, timeoutMs: number): Promise<number | undefined> {
    const found = () => {
      const replies = [...(this.replies.get(channel)?.values() ?? [])];
      return replies.length > count ? replies.sort((a, b) => a - b)[count] : undefined;
    };
    return this.until(found, timeoutMs);
  }

  async until<T>(found: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined || Date.now() > deadline) return value;
      await new Promise<void>((resolve) => {
        const wake = () => (this.waiters.delete(wake), resolve());
        this.waiters.add(wake);
      });
    }
  }
}

let sequence = 0;
async function send(bot: string, body: string, contentType: string): Promise<void> {
  const response = await fetch(bot, { method: "POST", headers: { "content-type": contentType, ...slackSignature(options.secret, body) }, body });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`bot answered ${response.status}`);
}

function command(bot: string, channel: string, user: string): Promise<void> {
  const body = new URLSearchParams({
    token: "legacy",
    team_id: "T0FAKE01",
    team_domain: "fake",
    channel_id: channel,
    channel_name: "capacity",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/mock-interview",
    text: "senior fraud",
    api_app_id: "A0FAKEAPP",
    response_url: `${options.slack.responseUrl}${channel}`,
    trigger_id: `${channel}-${Date.now()}`,
  }).toString();
  return send(bot, body, "application/x-www-form-urlencoded");
}

function answer(bot: string, channel: string, user: string, threadTs: string, text: string): Promise<void> {
  sequence += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}`;
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T0FAKE01",
    api_app_id: "A0FAKEAPP",
    event: { type: "message", channel, user, text, ts, thread_ts: threadTs, channel_type: "channel", event_ts: ts },
    type: "event_callback",
    event_id: `EvCAP${process.pid}X${sequence}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0FAKE01", user_id: "U0BOT0001", is_bot: true }],
  });
  return send(bot, body, "application/json");
}

const result: CapacityLoadResult = { started: 0, firstQuestionMs: [], turnMs: [], answers: 0, lostReplies: 0, lateReplies: 0, duplicateReplies: 0, scorecards: { once: 0, missing: 0, more: 0 }, answeringEndedMs: 0, scorecardsDoneMs: 0 };
const threads = new Threads();
const following = threads.follow();
const began = Date.now();
const answeringEnds = began + options.seconds * 1000;
const bot = (index: number) => options.bots[index % options.bots.length] ?? "";

/** The thread's next reply: late after replyTimeoutMs, lost (undefined) after lostAfterMs. */
async function awaitReply(channel: string, count: number): Promise<number | undefined> {
  const shown = await threads.nextReply(channel, count, options.lostAfterMs);
  if (shown === undefined) result.lostReplies += 1;
  return shown;
}

function late(waitedMs: number): void {
  if (waitedMs > options.replyTimeoutMs) result.lateReplies += 1;
}

/** One candidate's interview; resolves with how many events it sent (start, answers, end). */
async function candidate(index: number): Promise<number> {
  const channel = `CCAP${index}`;
  const user = `UCAP${index}`;
  await sleep((index / options.startRate) * 1000);
  const commandAt = Date.now();
  await command(bot(index), channel, user);
  result.started += 1;
  let events = 1;
  const first = await awaitReply(channel, 0);
  const threadTs = threads.parent(channel);
  if (first === undefined || !threadTs) return events;
  result.firstQuestionMs.push(first - commandAt);
  late(first - commandAt);
  let turn = 0;
  const exchange = async (text: string): Promise<void> => {
    const count = threads.replyCount(channel);
    const sentAt = Date.now();
    // Answers go to either bot, as a load balancer would spread Slack's deliveries.
    await answer(bot(index + turn + 1), channel, user, threadTs, text);
    events += 1;
    const shown = await awaitReply(channel, count);
    if (shown === undefined) return;
    result.turnMs.push(shown - sentAt);
    late(shown - sentAt);
  };
  for (;;) {
    await sleep(options.answerEveryMs * (0.5 + Math.random()));
    if (Date.now() >= answeringEnds) break;
    await exchange(ANSWERS[turn % ANSWERS.length] ?? "");
    result.answers += 1;
    turn += 1;
  }
  await exchange("end");
  return events;
}

const sent = await Promise.all(Array.from({ length: options.interviews }, (_, index) => candidate(index)));
result.answeringEndedMs = Date.now() - began;
// Every interview has ended: each scorecard is written by a worker and posted once.
const channels = sent.map((_, index) => `CCAP${index}`);
// Waits while they keep coming: until every one is posted, or none came for a reply timeout.
let posted = -1;
let lastProgress = Date.now();
while (Date.now() - lastProgress < options.replyTimeoutMs) {
  const now = channels.filter((channel) => threads.scorecardCount(channel) > 0).length;
  if (now === channels.length) break;
  if (now !== posted) [posted, lastProgress] = [now, Date.now()];
  await sleep(500);
}
result.scorecardsDoneMs = Date.now() - began;
for (const [index, channel] of channels.entries()) {
  const scorecards = threads.scorecardCount(channel);
  if (scorecards === 0) result.scorecards.missing += 1;
  else if (scorecards === 1) result.scorecards.once += 1;
  else result.scorecards.more += 1;
  const extra = Math.max(0, threads.replyCount(channel) - (sent[index] ?? 0));
  if (extra > 0) process.stderr.write(`capacity: ${channel} shows ${threads.replyCount(channel)} replies to ${sent[index]} events:\n  ${(threads.words.get(channel) ?? []).join("\n  ")}\n`);
  result.duplicateReplies += extra;
}
threads.stop();
await following;
process.stdout.write(`${JSON.stringify(result)}\n`);
