import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { randomBytes } from "node:crypto";
import { InteractionResponseType, MessageFlags, type APIInteraction, type APITextChannel, type APIUser, type GatewayMessageCreateDispatchData } from "discord.js";
import type { DiscordCall } from "../../fakes/discord.js";
import { fixture } from "../../support/fixtures.js";
import { callbackType, contentOf, customIds, DiscordWorld, hasInterviewButtons, messageOf, postedIn } from "./team-world.js";

/**
 * Discord's own payloads, kept under tests/fixtures/discord/ in the shape the gateway sends them
 * (ids anonymised, the test world's ids filled in), dispatched through the fake gateway to the real
 * discord.js client inside the real service. One interview, as a user lives it: the slash command
 * opens a thread, the candidate's message there is answered, End posts the scorecard, and a
 * teammate's submitted review form lands in the thread.
 */

let world: DiscordWorld;

beforeAll(async () => {
  world = await DiscordWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

/** The ids and permissions Discord would put in an interaction `user` makes in `channel`. */
function interactionIds(user: APIUser, channel: APITextChannel) {
  const { discord } = world;
  return {
    interaction_id: discord.ids.next(),
    token: randomBytes(48).toString("base64url"),
    application_id: discord.applicationId,
    guild_id: discord.guild.id,
    user_id: user.id,
    member_permissions: String(discord.access.permissionsIn(channel, user.id)),
    app_permissions: String(discord.access.permissionsIn(channel, discord.botUser.id)),
  };
}

describe("recorded Discord payloads replayed through the real client", () => {
  test("a slash command, a thread message, an End press and a review modal run one interview to its peer reviews", async () => {
    const { discord, people } = world;
    const channel = await world.channel();

    // /mock-interview start level:senior problem:fraud: deferred, a thread opened, the first question in it.
    const opened = world.next((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${channel.id}/`) && call.path.endsWith("/threads"));
    const command = fixture<APIInteraction>("discord/interaction-create-start.json", { ...interactionIds(people.candidate, channel), channel_id: channel.id, overwrites: channel.permission_overwrites ?? [] });
    await discord.interact(command);
    const started = await world.answerTo(command);
    expect(started.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const threadId = String(((await opened).response as { id: string }).id);
    expect(contentOf(started.reply)).toContain(`<#${threadId}>`);
    const first = await discord.waitFor((call) => postedIn(threadId)(call) && hasInterviewButtons(call), 10_000);
    expect(JSON.stringify(discord.calls.filter(postedIn(threadId)).map((call) => call.body))).toMatch(/Hi Ada/);

    // The candidate's message in the thread, as MESSAGE_CREATE carries it: answered with the next question.
    const answered = world.next((call) => postedIn(threadId)(call) && hasInterviewButtons(call));
    const message = fixture<GatewayMessageCreateDispatchData>("discord/message-create-thread.json", { user_id: people.candidate.id, guild_id: discord.guild.id, thread_id: threadId, message_id: discord.ids.next() });
    expect(await discord.post(message)).not.toBeNull();
    const reply = await answered;
    expect(discord.calls.indexOf(reply)).toBeGreaterThan(discord.calls.indexOf(first));

    // End pressed on that reply: the press is acknowledged, and the scorecard with its Review button is posted.
    const scorecardPosted = discord.waitFor((call) => postedIn(threadId)(call) && /Scorecard for Ada/.test(JSON.stringify((call.body as { embeds?: unknown }).embeds ?? [])), 20_000);
    const end = fixture<APIInteraction>("discord/interaction-create-button.json", { ...interactionIds(people.candidate, channel), channel_id: channel.id, thread_id: threadId, message_id: messageOf(reply).id });
    await discord.interact(end);
    expect(callbackType((await world.answerTo(end)).callback)).toBe(InteractionResponseType.DeferredMessageUpdate);
    const scorecard: DiscordCall = await scorecardPosted;
    const review = customIds(scorecard).find((id) => id.startsWith("mock_team:review:"));
    if (!review) throw new Error("the scorecard carries no Review button");

    // A teammate opens the review form and sends it, as Discord sends a filled-in modal.
    const pressed = await world.press(people.teammate, messageOf(scorecard).id, review);
    expect(callbackType(pressed.callback)).toBe(InteractionResponseType.Modal);
    const modalId = (pressed.callback.body as { data: { custom_id: string } }).data.custom_id;
    const aggregatePosted = world.next((call) => postedIn(threadId)(call) && /Peer reviews \(1\)/.test(contentOf(call)));
    const submit = fixture<APIInteraction>("discord/interaction-create-modal-submit.json", {
      ...interactionIds(people.teammate, channel),
      channel_id: channel.id,
      thread_id: threadId,
      message_id: messageOf(scorecard).id,
      message: discord.message(messageOf(scorecard).id),
      custom_id: modalId,
    });
    await discord.interact(submit);
    expect(contentOf((await world.answerTo(submit)).reply)).toMatch(/Review saved/);
    const aggregate = await aggregatePosted;
    expect(contentOf(aggregate)).toMatch(new RegExp(`^<@${people.candidate.id}> `));
    expect(contentOf(aggregate)).toMatch(/ML knowledge:\*\* AI: [^\n]*Peers: Strong ×1/);
    expect(contentOf(aggregate)).toContain(`from <@${people.teammate.id}>: clear on why PR-AUC beats ROC-AUC`);
  });
});
