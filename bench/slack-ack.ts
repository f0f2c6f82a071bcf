// Slash-command ack latency under a burst of concurrent `/mock-interview` commands, through the
// real Bolt HTTP receiver, the real service (its own redis-server) and the fake Slack Web API. The
// load generator and the fake Slack run in processes of their own, so the only work on the bot's
// event loop is the bot's. A bare Bolt app that only acks is measured the same way, as this
// machine's floor; then how long each command waited for the first question in its thread.
import { join } from "node:path";
import { App, HTTPReceiver } from "@slack/bolt";
import { SlackPlatform } from "../adapters/slack/platform.js";
import { loadConfig } from "../src/config/env.js";
import { loadContent } from "../src/engine/context.js";
import { silentLogger } from "../src/ops/logger.js";
import { startService } from "../src/app/service.js";
import { startRedis } from "../tests/support/redis-server.js";
import { SIGNING_SECRET } from "../tests/support/slack-requests.js";
import type { AckResult } from "./ack-load.js";
import { awaitFirstQuestions, type FakeSlackInfo } from "./processes/slack-report.js";
import { runToEnd, startHelper } from "./processes/spawn.js";
import { percentile } from "./stats.js";

const LOAD = join(import.meta.dirname, "ack-load.ts");

function burst(url: string, count: number, slack: FakeSlackInfo, prefix: string): Promise<AckResult[]> {
  return runToEnd<AckResult[]>(LOAD, [url, SIGNING_SECRET, String(count), slack.responseUrl, prefix]);
}

function ackFigures(results: readonly AckResult[]): { p99: number; text: string } {
  const timings = results.map((result) => result.ms);
  const failed = results.filter((result) => result.status !== 200).length;
  const p99 = percentile(timings, 99);
  return { p99, text: `p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${failed ? `, ${failed} not 200` : ""}` };
}

/** Rounds of (bare burst, our burst), alternated so both see the same share of a busy machine. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function benchSlackAck(count = Number(process.env.BENCH_BURST ?? 200)): Promise<void> {
  const redis = await startRedis();
  const fake = await startHelper<FakeSlackInfo>(join(import.meta.dirname, "processes", "fake-slack.ts"));
  const slack = fake.info;
  const bare = new App({ token: "xoxb-bench", receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events" }), clientOptions: { slackApiUrl: slack.apiUrl } });
  bare.command("/mock-interview", async ({ ack }) => ack());
  const bareServer = (await bare.start(0)) as { address(): { port: number } };
  const bareUrl = `http://127.0.0.1:${bareServer.address().port}/slack/events`;
  const concurrency = {
    ...(process.env.BENCH_LANE ? { commandConcurrency: Number(process.env.BENCH_LANE) } : {}),
    ...(process.env.BENCH_QUIET_MS ? { commandQuietMs: Number(process.env.BENCH_QUIET_MS) } : {}),
  };
  const platform = new SlackPlatform({ botToken: "xoxb-bench", apiUrl: slack.apiUrl, connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 }, ...concurrency }, loadContent().bank);
  const service = await startService({ role: "all", config: loadConfig({ ...redis.env, METRICS_PORT: "0" }), platforms: [platform], logger: silentLogger });
  try {
    const url = `http://127.0.0.1:${platform.port}/slack/events`;
    // Warm up the JIT and the connection paths of both.
    await burst(bareUrl, 50, slack, "BAREWARM");
    await awaitFirstQuestions(slack, await burst(url, 50, slack, "WARM"), 60_000);
    const ratios: number[] = [];
    const waits: number[] = [];
    let lost = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const floor = ackFigures(await burst(bareUrl, count, slack, `BARE${round}R`));
      const results = await burst(url, count, slack, `B${round}R`);
      const ours = ackFigures(results);
      const firsts = await awaitFirstQuestions(slack, results, 60_000);
      const roundWaits = results.flatMap((result) => {
        const at = firsts.get(result.channel);
        return at === undefined ? [] : [at - result.sentAt];
      });
      waits.push(...roundWaits);
      lost += results.filter((result) => result.status === 200 && !firsts.has(result.channel)).length;
      ratios.push(ours.p99 / floor.p99);
      console.log(
        `slack ack, round ${round}, ${count} concurrent /mock-interview commands: ours ${ours.text}; bare Bolt app that only acks ${floor.text}; p99 ${(ours.p99 / floor.p99).toFixed(2)}x the floor; first question p99 ${(percentile(roundWaits, 99) / 1000).toFixed(2)} s`,
      );
    }
    console.log(`slack ack latency: ours/bare p99, median of ${ROUNDS} rounds: ${percentile(ratios, 50).toFixed(2)}x (target ≤ 1.3x; Slack allows 3,000 ms)`);
    console.log(
      `slack burst, command to first question in its thread: p50 ${(percentile(waits, 50) / 1000).toFixed(2)} s, p99 ${(percentile(waits, 99) / 1000).toFixed(2)} s over ${waits.length}; ${lost} of ${count * ROUNDS} acked without a first question within 60 s (target p99 < 10 s, 0 lost)`,
    );
  } finally {
    await service.stop();
    await bare.stop();
    await fake.stop();
    await redis.stop();
  }
}
