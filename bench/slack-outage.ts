// What a candidate notices when Slack fails, with the deployed settings: the time from pressing End
// to "Scorecard unavailable" when Slack answers 500 to every scorecard post, and how late another
// thread's reply is while one thread's reply waits out a 429 with Retry-After: 15.
import { loadConfig } from "../src/config/env.js";
import type { SlackCall } from "../tests/fakes/slack.js";
import { CANDIDATE, inThread, isPlaceholder, shown, SlackWorld } from "../tests/support/slack-team.js";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const updateIn = (channel: string) => (call: SlackCall) => call.method === "chat.update" && call.body.channel === channel && call.status === 200;

async function answered(world: SlackWorld, channel: string, threadTs: string): Promise<string> {
  const reply = world.next(updateIn(channel));
  await world.send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification and track PR-AUC because fraud is rare." });
  return String((await reply).body.ts);
}

async function deadSlackNotice(): Promise<void> {
  const { SUMMARY_ATTEMPTS, SUMMARY_BACKOFF_MS } = loadConfig({});
  const world = await SlackWorld.start({ env: { SUMMARY_ATTEMPTS: String(SUMMARY_ATTEMPTS), SUMMARY_BACKOFF_MS: String(SUMMARY_BACKOFF_MS) } });
  try {
    const channel = world.channel();
    const { threadTs } = await world.startInterview(CANDIDATE, channel);
    const replyTs = await answered(world, channel, threadTs);
    const outage = world.slack.serverError({ method: "chat.postMessage", channel, when: (call) => /Scorecard for/.test(shown(call)) });
    const notice = world.slack.waitFor((call) => inThread(channel, threadTs)(call) && call.status === 200 && /Scorecard unavailable/.test(shown(call)), 600_000);
    const pressed = performance.now();
    await world.send.button({ user: CANDIDATE, channel, messageTs: replyTs, threadTs, action: "end" });
    await notice;
    console.log(
      `slack answering 500 to every scorecard post (SUMMARY_ATTEMPTS ${SUMMARY_ATTEMPTS}, SUMMARY_BACKOFF_MS ${SUMMARY_BACKOFF_MS}, offline summary): ` +
        `"Scorecard unavailable" ${seconds(performance.now() - pressed)} after End, after ${outage.refused.length} refused posts`,
    );
  } finally {
    await world.stop();
  }
}

async function rateLimitedNeighbour(retryAfterSeconds = 15): Promise<void> {
  const world = await SlackWorld.start();
  try {
    const limitedChannel = world.channel();
    const otherChannel = world.channel();
    const limitedThread = await world.startInterview(CANDIDATE, limitedChannel);
    const otherThread = await world.startInterview(CANDIDATE, otherChannel);
    const limit = world.slack.rateLimit({ method: "chat.update", channel: limitedChannel }, retryAfterSeconds);
    const limited = world.next((call) => call.method === "chat.update" && call.status === 429);
    const limitedSent = performance.now();
    const limitedReply = world.next(updateIn(limitedChannel), 60_000);
    await world.send.message({ user: CANDIDATE, channel: limitedChannel, threadTs: limitedThread.threadTs, text: "I'd start from the fraud loss per transaction." });
    await limited;
    const inOther = inThread(otherChannel, otherThread.threadTs);
    const placeholder = world.next((call) => inOther(call) && isPlaceholder(call), 60_000);
    const reply = world.next((call) => updateIn(otherChannel)(call) || (inOther(call) && call.status === 200 && !isPlaceholder(call)), 60_000);
    const sent = performance.now();
    await world.send.message({ user: CANDIDATE, channel: otherChannel, threadTs: otherThread.threadTs, text: "Offline I'd use PR-AUC; online the fraud loss." });
    await placeholder;
    const placeholderMs = performance.now() - sent;
    await reply;
    const replyMs = performance.now() - sent;
    await limitedReply;
    const limitedMs = performance.now() - limitedSent;
    await limit.whenLifted();
    console.log(
      `slack 429 with Retry-After: ${retryAfterSeconds} on one thread's reply: another thread's placeholder after ${seconds(placeholderMs)}, reply after ${seconds(replyMs)} ` +
        `(burst window ${loadConfig({}).BURST_WINDOW_MS} ms in production, FAST 200 ms here); the limited thread's reply after ${seconds(limitedMs)}`,
    );
  } finally {
    await world.stop();
  }
}

export async function benchSlackOutage(): Promise<void> {
  await rateLimitedNeighbour();
  await deadSlackNotice();
}
