import { Redis } from "ioredis";
import type { SlackConfig } from "../../adapters/slack/config.js";
import { SlackPlatform } from "../../adapters/slack/platform.js";
import { loadConfig } from "../../src/config/env.js";
import { loadContent } from "../../src/engine/context.js";
import { silentLogger } from "../../src/ops/logger.js";
import { startService, type RunningService } from "../../src/app/service.js";
import { FakeSlack, type SlackCall } from "../fakes/slack.js";
import { startRedis, type RedisServer } from "./redis-server.js";
import { FAST, type WorldOptions } from "./service-harness.js";
import { SIGNING_SECRET, SlackSender } from "./slack-requests.js";

/** The people of the fake workspace: a candidate, two teammates, someone outside the channel, an admin. */
export const CANDIDATE = "U0CANDIDATE";
export const TEAMMATE = "U0TEAMMATE";
export const SECOND = "U0SECOND";
export const OUTSIDER = "U0OUTSIDER";
export const ADMIN = "U0ADMIN";

/** The candidate's one answer in `finishedInterview`: enough for ratings with quoted evidence. */
export const ANSWER = "I'd frame it as binary classification, track PR-AUC because fraud is rare, and watch the fraud loss per transaction online.";

/**
 * The real service (bot and worker) with the real SlackPlatform over Bolt's HTTP receiver, a real
 * redis-server and the fake Slack: what a workspace would see, end to end.
 */
export class SlackWorld {
  private channels = 0;

  private constructor(
    readonly server: RedisServer,
    readonly slack: FakeSlack,
    readonly service: RunningService,
    readonly send: SlackSender,
    /** A connection of the test's own, to look at what the service stored. */
    readonly redis: Redis,
  ) {}

  /** `env` and `policies` change the service's settings and the Slack clients' retry policies (FAST and the defaults otherwise). */
  static async start(options: WorldOptions & { policies?: SlackConfig["policies"] } = {}): Promise<SlackWorld> {
    const server = await startRedis({ controllable: options.controllable ?? false });
    const slack = await new FakeSlack().start();
    slack.user(CANDIDATE, "ada").user(TEAMMATE, "grace").user(SECOND, "lin").user(OUTSIDER, "mallory").user(ADMIN, "root").admin(ADMIN);
    const platform = new SlackPlatform(
      { botToken: "xoxb-test-token", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 }, ...(options.policies ? { policies: options.policies } : {}) },
      loadContent().bank,
    );
    const config = loadConfig({ ...server.env, METRICS_PORT: "0", ...FAST, ...options.env });
    const service = await startService({ role: "all", config, platforms: [platform], logger: silentLogger, sweepIntervalMs: 500, ...(options.practiceRepeat ? { practiceRepeat: options.practiceRepeat } : {}) });
    const send = new SlackSender(`http://127.0.0.1:${platform.port}/slack/events`, slack);
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    return new SlackWorld(server, slack, service, send, redis);
  }

  async stop(): Promise<void> {
    await this.service.stop();
    this.redis.disconnect();
    await this.slack.stop();
    await this.server.stop();
  }

  /** A fresh channel with these members (the bot is always one). */
  channel(members: readonly string[] = [CANDIDATE, TEAMMATE, SECOND, ADMIN]): string {
    const channel = `C0TEAM${++this.channels}`;
    this.slack.channel(channel, members);
    return channel;
  }

  /** The first call from now on that `predicate` accepts. */
  next(predicate: (call: SlackCall) => boolean, timeoutMs = 10_000): Promise<SlackCall> {
    const since = this.slack.calls.length;
    return this.slack.waitFor((call) => this.slack.calls.indexOf(call) >= since && predicate(call), timeoutMs);
  }

  /** A slash command, and its first ephemeral reply (what only the caller sees). */
  async command(user: string, channel: string, text: string, userName?: string): Promise<{ reply: SlackCall; triggerId: string }> {
    const sent = await this.send.command({ text, user, channel, ...(userName ? { userName } : {}) });
    if (sent.status !== 200) throw new Error(`the command was answered ${sent.status}`);
    const reply = await this.slack.waitFor((call) => call.path === `/response/${sent.triggerId}`, 10_000);
    return { reply, triggerId: sent.triggerId };
  }

  /** `/mock-interview <text>`: the parent message posted in the channel and the first question in its thread. */
  async startInterview(user: string, channel: string, text = "senior fraud", userName = "ada"): Promise<{ threadTs: string; parent: SlackCall; first: SlackCall }> {
    const posted = this.next((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined);
    const sent = await this.send.command({ text, user, userName, channel });
    if (sent.status !== 200) throw new Error(`the command was answered ${sent.status}`);
    const parent = await posted;
    const threadTs = String(parent.response?.ts);
    const first = await this.slack.waitFor((call) => inThread(channel, threadTs)(call) && !isPlaceholder(call), 10_000);
    return { threadTs, parent, first };
  }

  /** An interview that ran to its scorecard: one answer (`text` as the message event carries it), then End. Returns the scorecard as posted. */
  async finishedInterview(channel: string, user = CANDIDATE, userName = "ada", text = ANSWER): Promise<{ threadTs: string; scorecard: SlackCall }> {
    const { threadTs } = await this.startInterview(user, channel, "senior fraud", userName);
    const answered = this.next((call) => call.method === "chat.update" && call.body.channel === channel);
    await this.send.message({ user, channel, threadTs, text });
    const reply = await answered;
    const scorecard = this.slack.waitFor((call) => inThread(channel, threadTs)(call) && /Scorecard for/.test(JSON.stringify(call.body.blocks)), 20_000);
    await this.send.button({ user, channel, messageTs: String(reply.body.ts), threadTs, action: "end" });
    return { threadTs, scorecard: await scorecard };
  }
}

export const inThread = (channel: string, threadTs: string) => (call: SlackCall) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === threadTs;
export const isPlaceholder = (call: SlackCall) => String(call.body.text) === "_thinking…_";
/** Everything a call shows a reader: its fallback text and its blocks. */
export const shown = (call: SlackCall) => `${String(call.body.text ?? "")}\n${JSON.stringify(call.body.blocks ?? [])}`;
