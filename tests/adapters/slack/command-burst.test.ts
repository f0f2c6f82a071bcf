import { afterAll, afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import { SlackPlatform } from "../../../adapters/slack/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import { silentLogger } from "../../../src/ops/logger.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import { FakeSlack, type SlackCall } from "../../fakes/slack.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { SIGNING_SECRET, SlackSender } from "../../support/slack-requests.js";

let redis: RedisServer;
let slack: FakeSlack;
let service: RunningService | undefined;
let burst = 0;

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
});

afterEach(async () => {
  await service?.stop();
  service = undefined;
});

afterAll(async () => {
  await slack?.stop();
  await redis?.stop();
});

/** The real service with Slack over HTTP, answering at most `concurrency` commands at once after their acks. */
async function startBot(concurrency: number): Promise<SlackSender> {
  const platform = new SlackPlatform({ botToken: "xoxb-test-token", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 }, commandConcurrency: concurrency }, loadContent().bank);
  service = await startService({ role: "all", config: loadConfig({ ...redis.env, METRICS_PORT: "0" }), platforms: [platform], logger: silentLogger });
  return new SlackSender(`http://127.0.0.1:${platform.port}/slack/events`, slack);
}

/** `count` users each run `/mock-interview senior fraud` in their own channel, all at once. */
async function sendBurst(send: SlackSender, count: number): Promise<{ channels: string[]; statuses: number[] }> {
  const id = ++burst;
  const channels = Array.from({ length: count }, (_, index) => `C0BURST${id}X${index}`);
  const replies = await Promise.all(channels.map((channel, index) => send.command({ text: "senior fraud", user: `U0BURST${id}X${index}`, userName: `user${index}`, channel })));
  return { channels, statuses: replies.map((reply) => reply.status) };
}

const parentIn = (channel: string) => (call: SlackCall) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined;
const questionUnder = (channel: string, threadTs: string) => (call: SlackCall) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === threadTs;

/** Each channel's parent message and the first question under it, waited for; how many parents it got. */
async function openedThreads(channels: readonly string[]): Promise<Array<{ parents: number; question: string }>> {
  return Promise.all(
    channels.map(async (channel) => {
      const parent = await slack.waitFor(parentIn(channel), 20_000);
      const question = await slack.waitFor(questionUnder(channel, String(parent.response?.ts)), 20_000);
      return { parents: slack.calls.filter(parentIn(channel)).length, question: String(question.body.text ?? "") };
    }),
  );
}

describe("a burst of /mock-interview commands", () => {
  test("every command of a burst larger than the lane is acknowledged, and each gets one thread with its first question", async () => {
    const send = await startBot(2);
    const { channels, statuses } = await sendBurst(send, 30);
    expect(statuses).toEqual(channels.map(() => 200));
    const threads = await openedThreads(channels);
    for (const thread of threads) {
      expect(thread.parents).toBe(1);
      expect(thread.question.length).toBeGreaterThan(0);
    }
  });

  test("commands acknowledged but still waiting in the lane when the bot stops are answered before it exits", async () => {
    const send = await startBot(1);
    const { channels, statuses } = await sendBurst(send, 10);
    expect(statuses).toEqual(channels.map(() => 200));
    const stopping = service?.stop();
    service = undefined;
    await stopping;
    // Stopped: every thread the burst asked for is already in Slack, none waits on a process that is gone.
    const parents = channels.map((channel) => slack.calls.filter(parentIn(channel)));
    expect(parents.map((calls) => calls.length)).toEqual(channels.map(() => 1));
    const questions = channels.map((channel, index) => slack.calls.filter(questionUnder(channel, String(parents[index]?.[0]?.response?.ts))).length);
    expect(questions).toEqual(channels.map(() => 1));
  });
});
