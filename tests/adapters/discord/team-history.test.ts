import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { InteractionResponseType, MessageFlags } from "discord.js";
import type { DiscordCall } from "../../fakes/discord.js";
import { callbackFlags, contentOf, customIds, DiscordWorld, hasInterviewButtons, messageOf, postedIn } from "./team-world.js";

/**
 * History, focus, progress and forget-me on Discord, end to end: each answered to the caller alone
 * (the chart excepted, which is posted in the channel), through the real client and service.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let world: DiscordWorld;

beforeAll(async () => {
  world = await DiscordWorld.start();
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

const linkTo = (threadId: string) => `https://discord.com/channels/${world.discord.guild.id}/${threadId}`;

describe("history, focus and progress", () => {
  test("history lists the caller's past interviews, with ratings and a link, to the caller alone", async () => {
    const channel = await world.channel();
    const { threadId } = await world.finishedInterview(channel.id);
    const asked = await world.command(world.people.candidate, channel.id, { subcommand: "history" });
    expect(callbackFlags(asked.callback)).toBe(MessageFlags.Ephemeral);
    const text = contentOf(asked.reply);
    expect(text).toMatch(/Your interviews?/);
    expect(text).toMatch(/fraud detection/i);
    expect(text).toMatch(/Strong|Solid|Developing|Not shown/);
    expect(text).toContain(linkTo(threadId));
    expect(world.discord.calls.filter(postedIn(channel.id)).every((call) => !contentOf(call).includes("Your interview"))).toBe(true);
  });

  test("focus opens an interview in the channel whose first message names what it focuses on, and tells the caller why", async () => {
    const channel = await world.channel();
    await world.finishedInterview(channel.id);
    const opened = world.next((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${channel.id}/messages/`) && call.path.endsWith("/threads"));
    const asked = await world.command(world.people.candidate, channel.id, { subcommand: "focus" });
    expect(asked.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const threadId = String(((await opened).response as { id: string }).id);
    expect(contentOf(asked.reply)).toContain(`Your interview is ready in <#${threadId}>`);
    // The reason comes first: what the interview leans on, and why.
    expect(contentOf(asked.reply).split("\n\n")[0]).toMatch(/lean|focus|weak/i);
    const parent = world.discord.calls.filter(postedIn(channel.id)).find((call) => contentOf(call).includes("focused follow-up"));
    expect(contentOf(parent)).toContain(`<@${world.people.candidate.id}> is practising a focused follow-up`);
    await world.discord.waitFor((call) => postedIn(threadId)(call) && hasInterviewButtons(call), 10_000);
    const opening = world.discord.calls.filter(postedIn(threadId)).map(contentOf).join("\n");
    expect(opening).toMatch(/In your recent interviews, .* so this interview leans on/);
  });

  test("focus with no scored interview says what to do first, and opens nothing", async () => {
    const newcomer = world.discord.user("newcomer");
    const channel = await world.channel([newcomer]);
    const asked = await world.command(newcomer, channel.id, { subcommand: "focus" });
    expect(contentOf(asked.reply)).toMatch(/Focus needs at least one finished interview with a scorecard/);
    expect(world.discord.calls.filter(postedIn(channel.id))).toHaveLength(0);
  });

  test("progress posts a PNG chart in the channel as an attachment, mentioning the caller, and confirms privately", async () => {
    const channel = await world.channel();
    const { candidate } = world.people;
    await world.finishedInterview(channel.id);
    const chart = world.next((call) => postedIn(channel.id)(call) && call.attachments.length > 0);
    const asked = await world.command(candidate, channel.id, { subcommand: "progress" });
    expect(callbackFlags(asked.callback)).toBe(MessageFlags.Ephemeral);
    expect(contentOf(asked.reply)).toMatch(/Posted your progress chart/);
    const posted = await chart;
    const [file] = posted.attachments;
    expect(file).toMatchObject({ field: "files[0]", filename: "progress.png", contentType: "image/png" });
    expect(file?.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.data.length).toBeGreaterThan(100);
    expect(contentOf(posted)).toMatch(new RegExp(`^<@${candidate.id}> Ada's progress`));
    expect(posted.body).toMatchObject({ allowed_mentions: { parse: [], users: [candidate.id] }, attachments: [{ id: 0, filename: "progress.png", description: expect.any(String) }] });
    // The message Discord stored carries the picture, with its alt text.
    expect(messageOf(posted).attachments[0]).toMatchObject({ filename: "progress.png", content_type: "image/png", size: file?.data.length });
  });
});

describe("forget-me", () => {
  test("the prompt says what would go; confirming deletes it, says so, and no key of the user's remains", async () => {
    const user = world.discord.user("kim");
    const channel = await world.channel([user, world.people.teammate]);
    const { threadId, interviewId } = await world.finishedInterview(channel.id, user);
    const threadKey = `discord:${world.discord.guild.id}:${threadId}`;
    const userKey = `discord:${user.id}`;
    expect((await allKeys()).some((key) => key.includes(threadKey))).toBe(true);

    const prompt = await world.command(user, channel.id, { subcommand: "forget-me" });
    expect(callbackFlags(prompt.callback)).toBe(MessageFlags.Ephemeral);
    expect(contentOf(prompt.reply)).toMatch(/This deletes 1 interview with its transcript, 1 scorecard/);
    const buttons = customIds(prompt.reply);
    expect(buttons).toEqual(["mock_team:forget-confirm:confirm", "mock_team:forget-cancel:cancel"]);

    const pressed = await world.press(user, messageOf(prompt.reply as DiscordCall).id, buttons[0] ?? "", { edits: true });
    expect(pressed.callback.body).toMatchObject({ type: InteractionResponseType.DeferredMessageUpdate });
    // The ephemeral prompt itself becomes the answer, its buttons gone.
    expect(messageOf(pressed.reply as DiscordCall).id).toBe(messageOf(prompt.reply as DiscordCall).id);
    expect(contentOf(pressed.reply)).toMatch(/Deleted 1 interview/);
    expect(customIds(pressed.reply)).toEqual([]);

    const left = (await allKeys()).filter((key) => key.includes(userKey) || key.includes(user.id) || key.includes(threadKey) || key.includes(interviewId));
    expect(left).toEqual([]);
    const history = await world.command(user, channel.id, { subcommand: "history" });
    expect(contentOf(history.reply)).toMatch(/no interviews yet/i);
  });

  test("cancel replaces the prompt with 'Nothing was deleted' and the history stays", async () => {
    const user = world.discord.user("sam");
    const channel = await world.channel([user]);
    await world.finishedInterview(channel.id, user);
    const prompt = await world.command(user, channel.id, { subcommand: "forget-me" });
    const cancel = customIds(prompt.reply).find((id) => id.startsWith("mock_team:forget-cancel")) ?? "";
    const pressed = await world.press(user, messageOf(prompt.reply as DiscordCall).id, cancel);
    expect(pressed.callback.body).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: "Nothing was deleted.", components: [] } });
    const history = await world.command(user, channel.id, { subcommand: "history" });
    expect(contentOf(history.reply)).toMatch(/fraud detection/i);
  });
});
