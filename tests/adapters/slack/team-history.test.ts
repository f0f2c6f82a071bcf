import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { SlackCall } from "../../fakes/slack.js";
import { findButton } from "../../support/slack-requests.js";
import { CANDIDATE, inThread, isPlaceholder, shown, SlackWorld, TEAMMATE } from "../../support/slack-team.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let world: SlackWorld;

beforeAll(async () => {
  world = await SlackWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

/** Every key in Redis, as an operator's SCAN would list them. */
async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, found] = await world.redis.scan(cursor, "MATCH", "*", "COUNT", 1_000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== "0");
  return keys;
}

const interviewIdOf = (scorecard: SlackCall) => String(findButton(scorecard.body.blocks, "Review").value);

describe("history, focus and progress", () => {
  test("history lists the caller's past interviews, with ratings and a link, to the caller only", async () => {
    const channel = world.channel();
    const { threadTs } = await world.finishedInterview(channel);
    const { reply } = await world.command(CANDIDATE, channel, "history");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(shown(reply)).toMatch(/Your interviews?/);
    expect(shown(reply)).toMatch(/fraud detection/i);
    expect(shown(reply)).toMatch(/senior level/);
    expect(shown(reply)).toMatch(/Strong|Solid|Developing|Not shown/);
    expect(shown(reply)).toContain(`https://fake.slack.com/archives/${channel}/p${threadTs.replace(".", "")}`);
  });

  test("focus starts an interview in the channel whose first message names what it focuses on, and tells the caller why", async () => {
    const channel = world.channel();
    await world.finishedInterview(channel);
    const parentPosted = world.next((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined);
    const { reply } = await world.command(CANDIDATE, channel, "focus", "ada");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(shown(reply)).toMatch(/scorecards? .*leans? on|all-round practice/);
    const parent = await parentPosted;
    expect(shown(parent)).toMatch(/ada is practising a focused follow-up/);
    const threadTs = String(parent.response?.ts);
    const first = await world.slack.waitFor((call) => inThread(channel, threadTs)(call) && !isPlaceholder(call), 10_000);
    expect(shown(first)).toMatch(/In your recent interviews, .* so this interview leans on/);
    // The caller was told the same weak spots the interviewer opens with.
    const weakest = /rates? (.+?) lowest/.exec(String(reply.body.text))?.[1]?.split(/,| and /)[0]?.trim();
    if (weakest) expect(shown(first).toLowerCase()).toContain(weakest.toLowerCase());
  });

  test("progress posts a PNG chart in the channel, mentioning the caller, and confirms privately", async () => {
    const channel = world.channel();
    await world.finishedInterview(channel);
    const shared = world.next((call) => call.method === "files.completeUploadExternal" && call.body.channel_id === channel);
    const { reply } = await world.command(CANDIDATE, channel, "progress");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(shown(reply)).toMatch(/Posted your progress chart/);
    await shared;
    const file = world.slack.files.shared.find((candidate) => candidate.channel === channel);
    expect(file?.filename).toBe("progress.png");
    expect(file?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.bytes.length).toBeGreaterThan(100);
    expect(file?.initialComment).toMatch(/^<@U0CANDIDATE> ada's progress/);
    expect(file?.altText).toBeTruthy();
  });

  test("progress with no scored interview says what to do first, and uploads nothing", async () => {
    const before = world.slack.files.shared.length;
    const { reply } = await world.command("U0NEWCOMER", world.channel(), "progress");
    expect(shown(reply)).toMatch(/nothing to chart yet/);
    expect(world.slack.files.shared).toHaveLength(before);
  });
});

describe("forget-me", () => {
  test("the prompt says what would go; confirming deletes it, says so, and no key of the user's remains", async () => {
    const user = "U0FORGETME";
    world.slack.user(user, "kim");
    const channel = world.channel([user, TEAMMATE]);
    const { threadTs, scorecard } = await world.finishedInterview(channel, user, "kim");
    const interviewId = interviewIdOf(scorecard);
    const threadKey = `slack:${world.slack.teamId}:${channel}:${threadTs}`;
    expect((await allKeys()).some((key) => key.includes(threadKey))).toBe(true);

    const { reply: prompt } = await world.command(user, channel, "forget-me");
    expect(prompt.body.response_type).toBe("ephemeral");
    expect(shown(prompt)).toMatch(/This deletes 1 interview with its transcript, 1 scorecard/);
    const pressed = await world.send.press({ user, channel, blocks: prompt.body.blocks, label: "Delete everything", messageTs: world.slack.nextTs(), ephemeral: true });
    const done = await world.slack.waitFor((call) => call.path === pressed.responsePath);
    expect(done.body.replace_original).toBe(true);
    expect(shown(done)).toMatch(/Deleted 1 interview/);

    const left = (await allKeys()).filter((key) => key.includes(user) || key.includes(threadKey) || key.includes(interviewId));
    expect(left).toEqual([]);
    const { reply: history } = await world.command(user, channel, "history");
    expect(shown(history)).toMatch(/You have no interviews yet/);
  });

  test("cancel replaces the prompt with 'Nothing was deleted' and the history stays", async () => {
    const user = "U0KEEPME";
    const channel = world.channel([user, TEAMMATE]);
    await world.finishedInterview(channel, user, "sam");
    const { reply: prompt } = await world.command(user, channel, "forget-me");
    const pressed = await world.send.press({ user, channel, blocks: prompt.body.blocks, label: "Cancel", messageTs: world.slack.nextTs(), ephemeral: true });
    const cancelled = await world.slack.waitFor((call) => call.path === pressed.responsePath);
    expect(cancelled.body.replace_original).toBe(true);
    expect(shown(cancelled)).toMatch(/Nothing was deleted/);
    const { reply: history } = await world.command(user, channel, "history");
    expect(shown(history)).toMatch(/fraud detection/i);
  });
});
