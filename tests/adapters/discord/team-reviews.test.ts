import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ComponentType, InteractionResponseType, MessageFlags, Routes } from "discord.js";
import type { DiscordCall, ShownModal } from "../../fakes/discord.js";
import { callbackFlags, callbackType, contentOf, customIds, DiscordWorld, messageOf, postedIn, shown } from "./team-world.js";

/**
 * Peer reviews on Discord, end to end: the real discord.js client, service, Redis and worker against
 * the fake Discord. A review starts from the scorecard's Review button (or the thread's link), is a
 * modal, and ends as the peer reviews posted in the interview's thread.
 */

let world: DiscordWorld;

beforeAll(async () => {
  world = await DiscordWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const modalOf = (callback: DiscordCall) => (callback.body as { data: ShownModal }).data;
const fieldOf = (modal: ShownModal, customId: string) => {
  for (const component of modal.components) if (component.type === ComponentType.Label && component.component.custom_id === customId) return component.component;
  throw new Error(`the modal has no ${customId}`);
};
const defaultsOf = (modal: ShownModal) => {
  const select = fieldOf(modal, "ratings");
  return select.type === ComponentType.StringSelect ? select.options.filter((option) => option.default).map((option) => option.value) : [];
};
const valueOf = (modal: ShownModal, customId: string) => {
  const input = fieldOf(modal, customId);
  return input.type === ComponentType.TextInput ? (input.value ?? "") : "";
};
const isAggregate = (call: DiscordCall) => /Peer reviews \(\d+\)/.test(contentOf(call));
const linkTo = (threadId: string) => `https://discord.com/channels/${world.discord.guild.id}/${threadId}`;

describe("reviewing a teammate's interview", () => {
  let channelId: string;
  let threadId: string;
  let scorecard: DiscordCall;
  let interviewId: string;

  beforeAll(async () => {
    channelId = (await world.channel()).id;
    ({ threadId, scorecard, interviewId } = await world.finishedInterview(channelId));
  });

  test("Review on the scorecard opens the form as a modal; sending it posts the peer reviews in the thread, pinging the candidate alone", async () => {
    const { candidate, teammate } = world.people;
    const pressed = await world.press(teammate, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    // The modal is the first and only answer to the press: nothing was deferred before it.
    expect(pressed.callback).toMatchObject({ status: 204, body: { type: InteractionResponseType.Modal } });
    const modal = modalOf(pressed.callback);
    expect(modal.title).toBe("Review: Ada");
    expect(modal.components.length).toBeLessThanOrEqual(5);
    const ratings = fieldOf(modal, "ratings");
    expect(ratings.type === ComponentType.StringSelect && ratings.options.map((option) => option.label)).toContain("ML knowledge: Strong");
    expect(ratings.type === ComponentType.StringSelect && ratings.options).toHaveLength(24);
    expect(defaultsOf(modal)).toEqual([]);

    const aggregate = world.next((call) => postedIn(threadId)(call) && isAggregate(call));
    const sent = await world.submit(teammate, pressed.payload, {
      ratings: ["ml-knowledge=strong", "communication=solid"],
      comments: "ML knowledge: clear on why PR-AUC beats ROC-AUC for rare fraud\nCommunication: structured, and checked in before each deep dive",
      notes: "Good pace; spend longer on monitoring next time.",
    });
    expect(sent.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(contentOf(sent.reply)).toMatch(/Review saved/);

    const posted = await aggregate;
    expect(contentOf(posted)).toMatch(new RegExp(`^<@${candidate.id}> \\*\\*Peer reviews \\(1\\)\\*\\*`));
    expect(posted.body).toMatchObject({ allowed_mentions: { parse: [], users: [candidate.id] } });
    expect(contentOf(posted)).toMatch(/ML knowledge:\*\* AI: \w[\w ]*· Peers: Strong ×1/);
    // The reviewer is named by Discord's own mention (no ping), never by our internal key.
    expect(contentOf(posted)).toContain(`from <@${teammate.id}>: clear on why PR-AUC beats ROC-AUC`);
    expect(contentOf(posted)).not.toContain("discord:");
  });

  test("pressing Review again opens the form filled with the earlier review; sending it replaces the review", async () => {
    const { teammate } = world.people;
    const pressed = await world.press(teammate, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    const modal = modalOf(pressed.callback);
    expect(defaultsOf(modal).sort()).toEqual(["communication=solid", "ml-knowledge=strong"]);
    expect(valueOf(modal, "comments")).toBe("ML knowledge: clear on why PR-AUC beats ROC-AUC for rare fraud\nCommunication: structured, and checked in before each deep dive");
    expect(valueOf(modal, "notes")).toBe("Good pace; spend longer on monitoring next time.");

    const aggregate = world.next((call) => postedIn(threadId)(call) && isAggregate(call));
    const sent = await world.submit(teammate, pressed.payload, { ratings: ["ml-knowledge=solid"] });
    expect(contentOf(sent.reply)).toMatch(/Review updated/);
    const posted = await aggregate;
    // Still one review: the edit replaced the first instead of adding a second.
    expect(contentOf(posted)).toMatch(/Peer reviews \(1\)/);
    expect(contentOf(posted)).toMatch(/ML knowledge:\*\* AI: [^\n]*Peers: Solid ×1/);
    expect(contentOf(posted)).not.toMatch(/Strong ×1/);
  });

  /**
   * The sentinel that proves "nothing was posted": the teammate sends their review again, as it
   * stands (so later tests see the same reviews); resolves, once the peer reviews are posted in the
   * thread, with every call Discord got before them.
   */
  async function callsBeforeReviewAgain(): Promise<DiscordCall[]> {
    const pressed = await world.press(world.people.teammate, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    const aggregate = world.next((call) => postedIn(threadId)(call) && isAggregate(call));
    await world.submit(world.people.teammate, pressed.payload);
    const posted = await aggregate;
    return world.discord.calls.slice(0, world.discord.calls.indexOf(posted));
  }

  test("the candidate pressing Review on their own scorecard is refused privately, and nothing is posted", async () => {
    const before = world.discord.calls.filter(postedIn(threadId)).length;
    const pressed = await world.press(world.people.candidate, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    expect(callbackType(pressed.callback)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callbackFlags(pressed.callback)).toBe(MessageFlags.Ephemeral);
    expect(shown(pressed.callback)).toMatch(/You can't review your own interview/);
    expect((await callsBeforeReviewAgain()).filter(postedIn(threadId))).toHaveLength(before);
  });

  test("someone who can't see the interview's channel is refused privately when they use its link, and nothing is posted", async () => {
    const { outsider } = world.people;
    const elsewhere = await world.channel("everyone");
    const before = world.discord.calls.filter(postedIn(threadId)).length;
    const asked = await world.command(outsider, elsewhere.id, { subcommand: "review", options: { link: linkTo(threadId) } });
    expect(callbackType(asked.callback)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callbackFlags(asked.callback)).toBe(MessageFlags.Ephemeral);
    expect(shown(asked.callback)).toMatch(/Only members of the channel the interview is in can review it/);
    // Discord was asked, not the button or the form: the member and the channel's overwrites.
    expect(world.discord.callsTo("GET", Routes.guildMember(world.discord.guild.id, outsider.id)).length).toBeGreaterThan(0);
    expect(world.discord.callsTo("GET", Routes.channel(channelId)).length).toBeGreaterThan(0);
    const earlier = await callsBeforeReviewAgain();
    expect(earlier.filter(postedIn(threadId))).toHaveLength(before);
    expect(earlier.filter(postedIn(elsewhere.id))).toHaveLength(0);
  });

  test("a teammate reviews from the thread's link in another channel: the review lands in the interview's thread", async () => {
    const { second } = world.people;
    const elsewhere = await world.channel("everyone");
    const asked = await world.command(second, elsewhere.id, { subcommand: "review", options: { link: `<${linkTo(threadId)}>` } });
    expect(callbackType(asked.callback)).toBe(InteractionResponseType.Modal);
    const aggregate = world.next((call) => postedIn(threadId)(call) && isAggregate(call));
    const sent = await world.submit(second, asked.payload, { ratings: ["ml-knowledge=developing"], notes: "Solid framing." });
    expect(contentOf(sent.reply)).toMatch(/Review saved/);
    expect(contentOf(await aggregate)).toMatch(/Peer reviews \(2\)/);
    expect(world.discord.calls.filter(postedIn(elsewhere.id))).toHaveLength(0);
  });

  test("a review the form can't read is answered with what to fix and a button that reopens the form with what was written", async () => {
    const { admin } = world.people;
    const pressed = await world.press(admin, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    const before = world.discord.calls.filter(postedIn(threadId)).length;
    const comments = "Problem solving: broke the problem down well";
    const sent = await world.submit(admin, pressed.payload, { ratings: ["problem-solving=strong", "problem-solving=solid"], comments });
    expect(contentOf(sent.reply)).toMatch(/Pick one rating for Problem solving: you picked Strong and Solid/);
    const retry = customIds(sent.reply).find((id) => id.startsWith("mock_review:"));
    expect(retry).toBe(`mock_review:${threadId}:${interviewId}`);
    expect(world.discord.calls.filter(postedIn(threadId))).toHaveLength(before);

    // The button is on the ephemeral reply; it opens the form again with the draft, not an empty one.
    const reopened = await world.press(admin, messageOf(sent.reply as DiscordCall).id, retry ?? "");
    const modal = modalOf(reopened.callback);
    expect(defaultsOf(modal).sort()).toEqual(["problem-solving=solid", "problem-solving=strong"]);
    expect(valueOf(modal, "comments")).toBe(comments);
    const aggregate = world.next((call) => postedIn(threadId)(call) && isAggregate(call));
    const fixed = await world.submit(admin, reopened.payload, { ratings: ["problem-solving=strong"] });
    expect(contentOf(fixed.reply)).toMatch(/Review saved/);
    expect(contentOf(await aggregate)).toMatch(/Problem solving, from <@\d+>: broke the problem down well/);
  });

  test("when the form is slow to come, the press is acknowledged at once and the form offered behind a button", async () => {
    const { second } = world.people;
    // Discord takes its time answering the permission check; a modal after three seconds would fail.
    world.discord.delay("GET", new RegExp(`^/guilds/${world.discord.guild.id}/members/${second.id}$`), 2_500);
    const pressed = await world.press(second, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    expect(pressed.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(pressed.callback.status).toBe(204);
    expect(contentOf(pressed.reply)).toMatch(/Your review form is ready/);
    const open = customIds(pressed.reply);
    expect(open).toEqual([`mock_review:${threadId}:${interviewId}`]);
    const reopened = await world.press(second, messageOf(pressed.reply as DiscordCall).id, open[0] ?? "");
    expect(callbackType(reopened.callback)).toBe(InteractionResponseType.Modal);
  });

  test("a comment that names no dimension says how to write one", async () => {
    const { second } = world.people;
    const pressed = await world.press(second, messageOf(scorecard).id, `mock_team:review:${interviewId}`);
    const sent = await world.submit(second, pressed.payload, { comments: "Great job overall" });
    expect(contentOf(sent.reply)).toMatch(/Start each comment with its dimension, e\.g\. "ML knowledge: …"\. The dimensions are ML knowledge, ML systems knowledge/);
    expect(customIds(sent.reply)).toEqual([expect.stringMatching(/^mock_review:/)]);
  });

  test("text that is not a thread link is answered privately with where to find one", async () => {
    const asked = await world.command(world.people.teammate, channelId, { subcommand: "review", options: { link: "the fraud one from yesterday" } });
    expect(callbackType(asked.callback)).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callbackFlags(asked.callback)).toBe(MessageFlags.Ephemeral);
    expect(shown(asked.callback)).toMatch(/isn't a link to an interview thread.*Copy Link/);
  });
});

describe("asking teammates for a review", () => {
  const dmsTo = (userId: string) => world.discord.callsTo("POST", "/users/@me/channels").filter((call) => (call.body as { recipient_id?: string }).recipient_id === userId);
  const dmPosts = (channelId: string | undefined) => (channelId ? world.discord.calls.filter(postedIn(channelId)) : []);

  test("each reviewer gets one direct message with the thread's link; the candidate is told privately", async () => {
    const candidate = world.discord.user("kim");
    const { teammate, second } = world.people;
    const channel = await world.channel([candidate, teammate, second]);
    const { threadId } = await world.finishedInterview(channel.id, candidate);
    const asked = await world.command(candidate, channel.id, { subcommand: "review-request", options: { reviewer1: teammate, reviewer2: second, reviewer3: teammate } });
    expect(callbackFlags(asked.callback)).toBe(MessageFlags.Ephemeral);
    expect(contentOf(asked.reply)).toMatch(/Asked 2 teammates to review your interview on Real-time fraud detection/);
    for (const reviewer of [teammate, second]) {
      expect(dmsTo(reviewer.id)).toHaveLength(1);
      const posts = dmPosts(world.discord.dmChannelWith(reviewer)?.id).filter((call) => contentOf(call).includes(linkTo(threadId)));
      expect(posts).toHaveLength(1);
      expect(contentOf(posts[0])).toMatch(/Kim asked you to review their mock interview/);
    }
    // Nothing about the request shows in the channel or the thread.
    expect(world.discord.calls.filter(postedIn(channel.id))).toHaveLength(1);
  });

  test("someone who can't see the interview's channel is not messaged, and the candidate is told who", async () => {
    const candidate = world.discord.user("noor");
    const { teammate, outsider } = world.people;
    const channel = await world.channel([candidate, teammate]);
    await world.finishedInterview(channel.id, candidate);
    const asked = await world.command(candidate, channel.id, { subcommand: "review-request", options: { reviewer1: outsider, reviewer2: teammate } });
    expect(contentOf(asked.reply)).toMatch(new RegExp(`Not asked, because they aren't in the interview's channel: <@${outsider.id}>`));
    expect(world.discord.dmChannelWith(outsider)).toBeUndefined();
  });

  test("a reviewer whose privacy settings refuse direct messages is named, with the link to share", async () => {
    const candidate = world.discord.user("ravi");
    const shy = world.discord.user("sol");
    world.discord.closeDirectMessages(shy);
    const channel = await world.channel([candidate, shy, world.people.teammate]);
    const { threadId } = await world.finishedInterview(channel.id, candidate);
    const asked = await world.command(candidate, channel.id, { subcommand: "review-request", options: { reviewer1: shy, reviewer2: world.people.teammate } });
    expect(contentOf(asked.reply)).toMatch(new RegExp(`I couldn't reach <@${shy.id}> by direct message; share the link with them yourself: ${linkTo(threadId)}`));
  });

  test("naming a bot is answered with a request for teammates, and nobody is messaged", async () => {
    const before = world.discord.callsTo("POST", "/users/@me/channels").length;
    const asked = await world.command(world.people.candidate, (await world.channel()).id, { subcommand: "review-request", options: { reviewer1: world.discord.botUser } });
    expect(contentOf(asked.reply)).toMatch(/Mock Interview is a bot and can't review interviews/);
    expect(world.discord.callsTo("POST", "/users/@me/channels")).toHaveLength(before);
  });
});
