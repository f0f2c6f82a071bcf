import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { SlackCall } from "../../fakes/slack.js";
import { CANDIDATE, inThread, isPlaceholder, shown, SlackWorld } from "../../support/slack-team.js";

const ATTEMPTS = 3;
const JOB_RETRIES = 2;

let world: SlackWorld;

beforeAll(async () => {
  // The retry policies' shape as deployed, with waits of milliseconds instead of seconds.
  world = await SlackWorld.start({
    env: { SUMMARY_ATTEMPTS: String(ATTEMPTS), SUMMARY_BACKOFF_MS: "50" },
    policies: { jobs: { retries: JOB_RETRIES, firstRetryMs: 20 }, replies: { firstRetryMs: 20 } },
  });
});

afterAll(async () => {
  await world?.stop();
});

const at = (call: SlackCall) => world.slack.calls.indexOf(call);
const updateIn = (channel: string, status: number) => (call: SlackCall) => call.method === "chat.update" && call.body.channel === channel && call.status === status;

/** An interview with one answer given; resolves with what is needed to press End on the reply. */
async function answeredInterview(channel: string): Promise<{ threadTs: string; replyTs: string }> {
  const { threadTs } = await world.startInterview(CANDIDATE, channel);
  const answered = world.next(updateIn(channel, 200));
  await world.send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification and track PR-AUC because fraud is rare." });
  return { threadTs, replyTs: String((await answered).body.ts) };
}

describe("Slack failing", () => {
  test('with Slack answering 500 to every scorecard post, each summary attempt gives up after its few retries and "Scorecard unavailable" follows the last', async () => {
    const channel = world.channel();
    const { threadTs, replyTs } = await answeredInterview(channel);
    const outage = world.slack.serverError({ method: "chat.postMessage", channel, when: (call) => /Scorecard for/.test(shown(call)) });
    const notice = world.slack.waitFor((call) => inThread(channel, threadTs)(call) && call.status === 200 && /Scorecard unavailable/.test(shown(call)), 15_000);
    await world.send.button({ user: CANDIDATE, channel, messageTs: replyTs, threadTs, action: "end" });
    const posted = await notice;
    // SUMMARY_ATTEMPTS attempts of 1 + JOB_RETRIES posts each, then the notice: the bound the docs state.
    expect(outage.refused).toHaveLength(ATTEMPTS * (1 + JOB_RETRIES));
    expect(Math.max(...outage.refused)).toBeLessThan(at(posted));
  });

  test("a 429 with Retry-After on one thread's reply holds that reply alone: another thread's placeholder and reply reach Slack while it waits", async () => {
    const limitedChannel = world.channel();
    const otherChannel = world.channel();
    const limitedThread = await world.startInterview(CANDIDATE, limitedChannel);
    const otherThread = await world.startInterview(CANDIDATE, otherChannel);
    const limit = world.slack.rateLimit({ method: "chat.update", channel: limitedChannel }, 5);

    const limited = world.next(updateIn(limitedChannel, 429));
    await world.send.message({ user: CANDIDATE, channel: limitedChannel, threadTs: limitedThread.threadTs, text: "I'd start from the fraud loss per transaction as the business metric." });
    await limited;

    const inOther = inThread(otherChannel, otherThread.threadTs);
    const placeholder = world.next((call) => inOther(call) && isPlaceholder(call));
    // The reply replaces the placeholder, or is posted anew when the placeholder was not there in time.
    const reply = world.next((call) => updateIn(otherChannel, 200)(call) || (inOther(call) && call.status === 200 && !isPlaceholder(call)));
    await world.send.message({ user: CANDIDATE, channel: otherChannel, threadTs: otherThread.threadTs, text: "Offline I'd use PR-AUC; online the fraud loss." });
    const [otherPlaceholder, otherReply] = await Promise.all([placeholder, reply]);
    const retried = await world.slack.waitFor(updateIn(limitedChannel, 200), 15_000);
    await limit.whenLifted();
    const liftedAt = limit.liftedAt ?? Number.NaN;

    // The other thread was answered while the limit still held the first thread's reply...
    expect(at(otherPlaceholder)).toBeLessThan(liftedAt);
    expect(at(otherReply)).toBeLessThan(liftedAt);
    // ...which waited out its Retry-After (one 429, no retry into the window) and then arrived.
    expect(limit.limited).toHaveLength(1);
    expect(at(retried)).toBeGreaterThanOrEqual(liftedAt);
  });
});
