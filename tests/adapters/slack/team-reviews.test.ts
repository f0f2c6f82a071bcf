import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { SlackCall } from "../../fakes/slack.js";
import { CANDIDATE, inThread, OUTSIDER, SECOND, shown, SlackWorld, TEAMMATE } from "../../support/slack-team.js";

let world: SlackWorld;

beforeAll(async () => {
  world = await SlackWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const isAggregate = (call: SlackCall) => /Peer reviews/.test(shown(call));
const aggregatesIn = (channel: string, threadTs: string) => world.slack.calls.filter((call) => inThread(channel, threadTs)(call) && isAggregate(call));
const permalink = (channel: string, threadTs: string) => `https://fake.slack.com/archives/${channel}/p${threadTs.replace(".", "")}`;

/** Presses Review on the scorecard as `user` and returns the modal Slack was asked to open, if any. */
async function pressReview(user: string, channel: string, threadTs: string, scorecard: SlackCall) {
  const views = world.slack.views.length;
  const pressed = await world.send.press({ user, channel, threadTs, blocks: scorecard.body.blocks, label: "Review", messageTs: String(scorecard.response?.ts) });
  expect(pressed.status).toBe(200);
  return { pressed, opened: () => world.slack.views.slice(views).find((view) => view.triggerId === pressed.triggerId) };
}

/**
 * The sentinel that proves "nothing more was opened or posted": a teammate reviews the interview
 * (Review, the form, submit); resolves, once the peer reviews are posted in the thread, with every
 * call Slack got before them, which holds whatever the earlier press or submission did.
 */
async function callsBeforeAReview(channel: string, threadTs: string, scorecard: SlackCall): Promise<SlackCall[]> {
  const { pressed, opened } = await pressReview(TEAMMATE, channel, threadTs, scorecard);
  await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
  const posted = world.next((call) => inThread(channel, threadTs)(call) && isAggregate(call));
  await world.send.submitView({ user: TEAMMATE, view: opened()!, answers: { "ML knowledge": "Solid" } });
  const aggregate = await posted;
  return world.slack.calls.slice(0, world.slack.calls.indexOf(aggregate));
}

describe("reviewing a teammate's interview from its scorecard", () => {
  test("a member presses Review, the modal opens, and the submitted review is posted in the thread mentioning the candidate", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const { pressed, opened } = await pressReview(TEAMMATE, channel, threadTs, scorecard);
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
    const view = opened();
    if (!view) throw new Error("no modal opened");
    expect(view.view.title?.text).toBe("Review interview");
    expect(JSON.stringify(view.view.blocks)).toContain("ML knowledge");
    expect(JSON.stringify(view.view.blocks)).toMatch(/fraud detection/i);

    const posted = world.next((call) => inThread(channel, threadTs)(call) && isAggregate(call));
    const confirmation = world.next((call) => call.method === "chat.postEphemeral" && call.body.user === TEAMMATE);
    const submitted = await world.send.submitView({
      user: TEAMMATE,
      view,
      answers: { "ML knowledge": "Strong", "ML knowledge: what you saw": "Picked PR-AUC for the rare class straight away.", Communication: "Solid", "Overall notes": "Clear framing." },
    });
    expect(submitted).toEqual({ status: 200, ack: undefined });

    const aggregate = await posted;
    // The candidate is notified; the reviewer is named, not pinged.
    expect(String(aggregate.body.text)).toMatch(/^<@U0CANDIDATE> /);
    expect(shown(aggregate)).not.toContain(`<@${TEAMMATE}>`);
    expect(shown(aggregate)).toContain("@grace");
    expect(shown(aggregate)).toMatch(/Peers: Strong ×1/);
    expect(shown(aggregate)).toContain("Picked PR-AUC for the rare class straight away.");
    expect(shown(await confirmation)).toMatch(/Review saved/);
  });

  test("submitting again edits the review: the form comes back filled in and the aggregate shows the new ratings only", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const first = await pressReview(TEAMMATE, channel, threadTs, scorecard);
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === first.pressed.triggerId);
    const firstAggregate = world.next((call) => inThread(channel, threadTs)(call) && isAggregate(call));
    await world.send.submitView({ user: TEAMMATE, view: first.opened()!, answers: { "ML knowledge": "Strong" } });
    expect(shown(await firstAggregate)).toMatch(/Peers: Strong ×1/);

    const again = await pressReview(TEAMMATE, channel, threadTs, scorecard);
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === again.pressed.triggerId);
    const edit = again.opened()!;
    expect(edit.view.title?.text).toBe("Edit your review");
    expect(JSON.stringify(edit.view.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Strong"},"value":"strong"}');

    const secondAggregate = world.next((call) => inThread(channel, threadTs)(call) && isAggregate(call));
    const confirmation = world.next((call) => call.method === "chat.postEphemeral" && call.body.user === TEAMMATE);
    await world.send.submitView({ user: TEAMMATE, view: edit, answers: { "ML knowledge": "Developing" } });
    const latest = await secondAggregate;
    expect(shown(latest)).toMatch(/Peer reviews \(1\)/);
    expect(shown(latest)).toMatch(/Peers: Developing ×1/);
    expect(shown(latest)).not.toMatch(/Peers: Strong/);
    expect(shown(await confirmation)).toMatch(/Review updated/);
  });

  test("someone outside the channel is refused, privately, and nothing is opened or posted", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const before = world.slack.calls.filter(inThread(channel, threadTs)).length;
    const { pressed, opened } = await pressReview(OUTSIDER, channel, threadTs, scorecard);
    // Slack will not show them an ephemeral message in a channel they are not in: the action's response_url does.
    const refusal = await world.slack.waitFor((call) => call.path === pressed.responsePath);
    expect(refusal.body.response_type).toBe("ephemeral");
    expect(refusal.body.replace_original).toBe(false);
    expect(shown(refusal)).toMatch(/Only members of the channel/);
    const earlier = await callsBeforeAReview(channel, threadTs, scorecard);
    expect(opened()).toBeUndefined();
    expect(earlier.filter(inThread(channel, threadTs))).toHaveLength(before);
  });

  test("the candidate cannot review their own interview", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const refusal = world.next((call) => call.method === "chat.postEphemeral" && call.body.user === CANDIDATE && call.body.channel === channel);
    const { opened } = await pressReview(CANDIDATE, channel, threadTs, scorecard);
    const told = await refusal;
    expect(told.body.thread_ts).toBe(threadTs);
    expect(shown(told)).toMatch(/can't review your own interview/);
    const earlier = await callsBeforeAReview(channel, threadTs, scorecard);
    expect(opened()).toBeUndefined();
    expect(earlier.filter((call) => inThread(channel, threadTs)(call) && isAggregate(call))).toHaveLength(0);
  });

  test("/mock-interview review <link> opens the same modal for a member, and refuses someone outside the channel", async () => {
    const channel = world.channel();
    const { threadTs } = await world.finishedInterview(channel);
    const link = permalink(channel, threadTs);
    const sent = await world.send.command({ text: `review <${link}>`, user: SECOND, userName: "lin", channel: "C0ELSEWHERE" });
    const open = await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === sent.triggerId);
    expect(JSON.parse(String((open.body.view as { private_metadata: string }).private_metadata))).toMatchObject({ threadKey: `slack:${world.slack.teamId}:${channel}:${threadTs}` });

    const { reply } = await world.command(OUTSIDER, "C0ELSEWHERE", `review ${link}`);
    expect(reply.body.response_type).toBe("ephemeral");
    expect(shown(reply)).toMatch(/Only members of the channel/);
  });

  test("an empty review is not saved: the reviewer is told privately what to fill in", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const { pressed, opened } = await pressReview(TEAMMATE, channel, threadTs, scorecard);
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
    const told = world.next((call) => call.method === "chat.postEphemeral" && call.body.user === TEAMMATE && call.body.channel === channel);
    expect(await world.send.submitView({ user: TEAMMATE, view: opened()! })).toEqual({ status: 200, ack: undefined });
    expect(shown(await told)).toMatch(/That review is empty/);
    expect(aggregatesIn(channel, threadTs)).toHaveLength(0);
  });

  test("a form whose metadata was tampered with is answered with errors on the form itself", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const { pressed, opened } = await pressReview(TEAMMATE, channel, threadTs, scorecard);
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
    const view = opened()!;
    const submitted = await world.send.submitView({ user: TEAMMATE, view: { ...view, view: { ...view.view, private_metadata: '{"threadKey":""}' } }, answers: { "ML knowledge": "Solid" } });
    expect(submitted.ack).toEqual({ response_action: "errors", errors: { notes: expect.stringMatching(/out of date/) } });
    const earlier = await callsBeforeAReview(channel, threadTs, scorecard);
    expect(earlier.filter((call) => inThread(channel, threadTs)(call) && isAggregate(call))).toHaveLength(0);
  });

  test("when Slack will not show the reviewer an ephemeral message, the confirmation comes as a direct message", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const { pressed, opened } = await pressReview(SECOND, channel, threadTs, scorecard);
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
    world.slack.fail("chat.postEphemeral", "user_not_in_channel", (call) => call.body.user === SECOND && call.body.channel === channel);
    const dm = world.next((call) => call.method === "chat.postMessage" && call.body.channel === world.slack.dmChannel(SECOND));
    await world.send.submitView({ user: SECOND, view: opened()!, answers: { Communication: "Strong" } });
    expect(shown(await dm)).toMatch(/Review saved/);
  });

  test("when Slack refuses to open the form, the presser is told instead of left waiting", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    world.slack.fail("views.open", "expired_trigger_id", (call) => call.body.view !== undefined && JSON.stringify(call.body.view).includes(channel));
    const told = world.next((call) => call.method === "chat.postEphemeral" && call.body.user === TEAMMATE && call.body.channel === channel);
    await pressReview(TEAMMATE, channel, threadTs, scorecard);
    expect(shown(await told)).toMatch(/press Review\) again/);
  });

  test("a review link that is not a Slack thread link gets a usage reply", async () => {
    const { reply } = await world.command(TEAMMATE, world.channel(), "review https://example.com/thread/1");
    expect(shown(reply)).toMatch(/isn't a link to an interview thread/);
  });
});

describe("asking teammates for a review", () => {
  test("review-request @grace @lin sends each a direct message with the thread's link, and tells the candidate", async () => {
    const channel = world.channel();
    const { threadTs } = await world.finishedInterview(channel);
    const dms = [world.next((call) => call.method === "chat.postMessage" && call.body.channel === world.slack.dmChannel(TEAMMATE)), world.next((call) => call.method === "chat.postMessage" && call.body.channel === world.slack.dmChannel(SECOND))];
    const { reply } = await world.command(CANDIDATE, channel, `review-request <@${TEAMMATE}|grace> <@${SECOND}|lin>`);
    for (const dm of await Promise.all(dms)) {
      expect(shown(dm)).toContain(permalink(channel, threadTs));
      expect(shown(dm)).toMatch(/ada asked you to review/);
    }
    expect(shown(reply)).toMatch(/Asked 2 teammates to review your interview/);
  });

  test("a word that is not a mention is a usage error and nobody is messaged", async () => {
    const messaged = (calls: SlackCall[]) => calls.filter((call) => call.method === "chat.postMessage" && [world.slack.dmChannel(TEAMMATE), world.slack.dmChannel(SECOND)].includes(String(call.body.channel)));
    const before = messaged(world.slack.calls).length;
    const { reply } = await world.command(CANDIDATE, world.channel(), `review-request @grace <@${SECOND}|lin>`);
    expect(shown(reply)).toMatch(/"@grace" is not a mention of a teammate/);
    // The sentinel: a request that does message someone; nobody was messaged before it.
    const channel = world.channel();
    await world.finishedInterview(channel);
    const dm = world.next((call) => call.method === "chat.postMessage" && call.body.channel === world.slack.dmChannel(SECOND));
    await world.command(CANDIDATE, channel, `review-request <@${SECOND}|lin>`);
    expect(messaged(world.slack.calls.slice(0, world.slack.calls.indexOf(await dm)))).toHaveLength(before);
  });
});
