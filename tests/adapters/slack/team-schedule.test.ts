import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { renderSlack } from "../../../adapters/slack/render.js";
import { loadContent } from "../../../src/engine/context.js";
import type { PracticeRepeat } from "../../../src/infra/bullmq/practice-job.js";
import { practicePrompt } from "../../../src/features/schedule/prompt.js";
import type { SlackCall } from "../../fakes/slack.js";
import { ADMIN, inThread, isPlaceholder, SECOND, shown, SlackWorld, TEAMMATE } from "../../support/slack-team.js";

/** Prompts a few times a second instead of weekly, so the test sees one without waiting for Monday. */
const QUICK: PracticeRepeat = () => ({ every: 300 });

let world: SlackWorld;

beforeAll(async () => {
  world = await SlackWorld.start({ practiceRepeat: QUICK });
});

afterAll(async () => {
  await world?.stop();
});

const isPrompt = (channel: string) => (call: SlackCall) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined && /Practice problem of the week/.test(shown(call));

describe("weekly practice in a channel", () => {
  test("schedule weekly mon 09:30 Europe/Berlin is confirmed to the caller, and list names who set it up without pinging them", async () => {
    const channel = world.channel();
    const { reply } = await world.command(TEAMMATE, channel, "schedule weekly mon 09:30 Europe/Berlin");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(shown(reply)).toMatch(/Weekly practice is on/);
    expect(shown(reply)).toContain("Mondays at 09:30 (Europe/Berlin)");

    const { reply: listed } = await world.command(SECOND, channel, "schedule list");
    expect(shown(listed)).toContain("Mondays at 09:30 (Europe/Berlin)");
    expect(shown(listed)).toContain("@grace");
    expect(shown(listed)).not.toContain(`<@${TEAMMATE}>`);
    await world.command(TEAMMATE, channel, "schedule off");
  });

  test("schedule off by someone else is refused; a workspace admin may turn it off", async () => {
    const channel = world.channel();
    await world.command(TEAMMATE, channel, "schedule weekly fri 16:00");
    const { reply: refused } = await world.command(SECOND, channel, "schedule off");
    expect(refused.body.response_type).toBe("ephemeral");
    expect(shown(refused)).toMatch(/Only @grace, who set up this channel's weekly practice, or a workspace admin/);
    const { reply: stillOn } = await world.command(SECOND, channel, "schedule list");
    expect(shown(stillOn)).toContain("Fridays at 16:00 (UTC)");

    const { reply: off } = await world.command(ADMIN, channel, "schedule off");
    expect(shown(off)).toMatch(/Weekly practice is off/);
  });

  test("a time zone that does not exist gets a usage reply and no schedule", async () => {
    const channel = world.channel();
    const { reply } = await world.command(TEAMMATE, channel, "schedule weekly mon 09:30 Mars/Olympus");
    expect(shown(reply)).toMatch(/"Mars\/Olympus" is not a time zone/);
    const { reply: listed } = await world.command(TEAMMATE, channel, "schedule list");
    expect(shown(listed)).toMatch(/No weekly practice in this channel/);
  });

  test("pressing Start on the prompt gives the presser their own interview thread with the first question; a double press opens one", async () => {
    const channel = world.channel();
    const prompted = world.next(isPrompt(channel));
    await world.command(TEAMMATE, channel, "schedule weekly mon 09:30 Europe/Berlin senior");
    const prompt = await prompted;
    await world.command(TEAMMATE, channel, "schedule off");
    expect(shown(prompt)).toMatch(/at senior level/);
    const problemTitle = String((prompt.body.blocks as Array<{ type: string; text?: { text: string } }>).find((block) => block.type === "section")?.text?.text);

    const parentPosted = world.next((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined && /lin is practising/.test(shown(call)));
    const press = () => world.send.press({ user: SECOND, userName: "lin", channel, blocks: prompt.body.blocks, label: "Start", messageTs: String(prompt.response?.ts) });
    const presses = await Promise.all([press(), press()]);
    expect(presses.map((pressed) => pressed.status)).toEqual([200, 200]);
    const parent = await parentPosted;
    expect(shown(parent)).toContain(problemTitle);
    expect(shown(parent)).toMatch(/at senior level/);
    const threadTs = String(parent.response?.ts);
    const first = await world.slack.waitFor((call) => inThread(channel, threadTs)(call) && !isPlaceholder(call), 10_000);
    expect(shown(first)).toMatch(/Hi lin/);

    // The sentinel: a teammate's press of the same Start opens their interview; lin's second press opened nothing before it.
    const sentinel = world.next((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined && /grace is practising/.test(shown(call)));
    await world.send.press({ user: TEAMMATE, userName: "grace", channel, blocks: prompt.body.blocks, label: "Start", messageTs: String(prompt.response?.ts) });
    const earlier = world.slack.calls.slice(0, world.slack.calls.indexOf(await sentinel));
    const parents = earlier.filter((call) => call.method === "chat.postMessage" && call.body.channel === channel && /lin is practising/.test(shown(call)));
    expect(parents).toHaveLength(1);
  });

  test("Start in a channel the bot may not post in tells the presser how to fix it", async () => {
    const channel = world.channel();
    const problem = loadContent().bank.find("fraud");
    if (!problem) throw new Error("no fraud problem");
    const [prompt] = renderSlack(practicePrompt(problem, "senior"));
    world.slack.fail("chat.postMessage", "not_in_channel", (call) => call.body.channel === channel);
    const told = world.next((call) => call.method === "chat.postEphemeral" && call.body.channel === channel && call.body.user === SECOND);
    await world.send.press({ user: SECOND, channel, blocks: prompt?.blocks, label: "Start", messageTs: world.slack.nextTs() });
    expect(shown(await told)).toMatch(/Invite me with `\/invite @Mock Interview`/);
  });
});
