// Slash-command ack latency under a burst of concurrent `/mock-interview` commands, through the
// real Bolt HTTP receiver, the real service (its own redis-server) and the fake Slack Web API. The
// load comes from a separate process so the client's own work does not sit on the bot's event loop.
// A bare Bolt app that only acks is measured the same way, as this machine's floor.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { App, HTTPReceiver } from "@slack/bolt";
import { SlackPlatform } from "../adapters/slack/platform.js";
import { loadConfig } from "../src/config/env.js";
import { loadContent } from "../src/engine/context.js";
import { silentLogger } from "../src/ops/logger.js";
import { startService } from "../src/app/service.js";
import { FakeSlack } from "../tests/fakes/slack.js";
import { startRedis } from "../tests/support/redis-server.js";
import { SIGNING_SECRET } from "../tests/support/slack-requests.js";
import { percentile } from "./stats.js";

interface Result {
  status: number;
  ms: number;
}

function load(url: string, count: number, responseUrl: string): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "ack-load.ts"), url, SIGNING_SECRET, String(count), responseUrl]);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(JSON.parse(output || "[]") as Result[]));
  });
}

async function measure(url: string, burst: number, responseUrl: string): Promise<string> {
  await load(url, 50, responseUrl); // warm up the JIT and the connection paths
  const results = await load(url, burst, responseUrl);
  const timings = results.map((result) => result.ms);
  const failed = results.filter((result) => result.status !== 200).length;
  return `p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms${failed ? `, ${failed} not 200` : ""}`;
}

export async function benchSlackAck(burst = 200): Promise<void> {
  const redis = await startRedis();
  const slack = await new FakeSlack().start();
  const responseUrl = slack.responseUrl("load-");

  const bare = new App({ token: "xoxb-bench", receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events" }), clientOptions: { slackApiUrl: slack.apiUrl } });
  bare.command("/mock-interview", async ({ ack }) => ack());
  const bareServer = (await bare.start(0)) as { address(): { port: number } };
  const floor = await measure(`http://127.0.0.1:${bareServer.address().port}/slack/events`, burst, responseUrl);
  await bare.stop();

  const platform = new SlackPlatform({ botToken: "xoxb-bench", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 } }, loadContent().bank);
  const service = await startService({ role: "all", config: loadConfig({ ...redis.env, METRICS_PORT: "0" }), platforms: [platform], logger: silentLogger });
  try {
    const ours = await measure(`http://127.0.0.1:${platform.port}/slack/events`, burst, responseUrl);
    console.log(`slack ack latency, ${burst} concurrent /mock-interview commands: ${ours} (target p99 < 100 ms; Slack allows 3,000 ms)`);
    console.log(`slack ack latency, bare Bolt app that only acks, same load: ${floor} (this machine's floor)`);
  } finally {
    await service.stop();
    await slack.stop();
    await redis.stop();
  }
}
