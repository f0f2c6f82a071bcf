import { afterAll, beforeAll, describe, expect, jest, test } from "@jest/globals";
import { REST } from "@discordjs/rest";
import { ChannelType, Routes } from "discord.js";
import { InteractionTokens } from "../../../adapters/discord/interaction-tokens.js";
import { DiscordPoster, nonceFor, type DiscordPosterOptions } from "../../../adapters/discord/poster.js";
import { threadKey, userKey } from "../../../adapters/discord/thread-key.js";
import type { OutgoingMessage } from "../../../src/core/messages/message.js";
import { FakeDiscord, type DiscordCall } from "../../fakes/discord.js";

/**
 * The poster alone, as the summary worker uses it: @discordjs/rest against the fake's REST API, no
 * gateway. What Discord would refuse, the fake refuses too. An ephemeral follow-up on a live button
 * press needs the gateway, so discord-app.test.ts covers it end to end.
 */

let discord: FakeDiscord;
let rest: REST;
let threads = 0;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  rest = new REST({ version: "10", api: discord.apiUrl }).setToken(discord.token);
});

afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await discord.stop();
});

async function freshThread() {
  const thread = await discord.createThread({ name: `Mock interview ${++threads}`, owner: discord.user(`candidate${threads}`) });
  return { threadId: thread.id, key: threadKey({ guild: discord.guild.id, thread: thread.id }) };
}

function poster(options: DiscordPosterOptions = {}): DiscordPoster {
  return new DiscordPoster(rest, discord.applicationId, options);
}

/**
 * The poster's renewal timer and its clock on the test's hands, everything else (sockets, the REST
 * client's own timers) real: a renewal happens when the test moves time on, and one that is no
 * longer scheduled can be seen to be gone instead of waited for.
 */
function withTypingClock<T>(run: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout"] });
  return run().finally(() => jest.useRealTimers());
}

const postsTo = (threadId: string) => discord.callsTo("POST", Routes.channelMessages(threadId));
const contentOf = (call: DiscordCall | undefined) => String((call?.body as { content?: string } | undefined)?.content ?? "");

const longMessage: OutgoingMessage = {
  kind: "interviewer",
  heading: "Deep dive",
  paragraphs: Array.from({ length: 12 }, (_, index) => `Paragraph ${index + 1}. ${"Point-in-time correct features keep training and serving in step. ".repeat(6).trim()}`),
  actions: ["hint", "end"],
};

describe("DiscordPoster", () => {
  test("a message over 2,000 characters goes out as several messages split at paragraph breaks, buttons on the last", async () => {
    const { threadId, key } = await freshThread();
    await poster().post(key, longMessage);
    const calls = postsTo(threadId);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((call) => call.status === 200 && contentOf(call).length <= 2_000)).toBe(true);
    for (const call of calls.slice(0, -1)) expect(contentOf(call)).toMatch(/ step\.$/);
    expect(calls.at(-1)?.body).toMatchObject({ components: [{ components: [{ custom_id: "mock_interview:hint" }, { custom_id: "mock_interview:end" }] }] });
    expect(calls.slice(0, -1).every((call) => (call.body as { components?: unknown }).components === undefined)).toBe(true);
  });

  test("posting again with the same idempotency key adds nothing: each part carries a nonce Discord enforces", async () => {
    const { threadId, key } = await freshThread();
    await poster().post(key, longMessage, { idempotencyKey: "summary-0f4e9c2a-1d7b-4d8e-9a51-6c2b7e3f8a10" });
    await poster().post(key, longMessage, { idempotencyKey: "summary-0f4e9c2a-1d7b-4d8e-9a51-6c2b7e3f8a10" });
    const calls = postsTo(threadId);
    const nonces = calls.map((call) => (call.body as { nonce?: string }).nonce);
    expect(nonces.every((nonce) => typeof nonce === "string" && nonce.length <= 25)).toBe(true);
    expect(new Set(nonces).size).toBe(calls.length / 2);
    expect(calls.every((call) => call.status === 200 && (call.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(true);
    expect(discord.messagesIn(threadId)).toHaveLength(calls.length / 2);
    expect(nonceFor("a", 0)).not.toBe(nonceFor("a", 1));
  });

  test("a message for one user, with no button press to answer, is posted mentioning that user and pinging no one else", async () => {
    const { threadId, key } = await freshThread();
    const teammate = discord.user("teammate");
    await poster({ tokens: new InteractionTokens() }).post(key, { kind: "notice", paragraphs: ["Only Ada, the candidate, can use the interview's buttons."] }, { visibleTo: userKey(teammate.id) });
    const [call] = postsTo(threadId);
    expect(contentOf(call)).toBe(`<@${teammate.id}> Only Ada, the candidate, can use the interview's buttons.`);
    expect(call?.body).toMatchObject({ allowed_mentions: { parse: [], users: [teammate.id] } });
  });

  test("a token Discord no longer knows is forgotten, and the message is posted in the thread instead", async () => {
    const { threadId, key } = await freshThread();
    const teammate = userKey(discord.user("teammate").id);
    const tokens = new InteractionTokens();
    tokens.remember(key, teammate, "expired-interaction-token");
    await poster({ tokens }).post(key, { kind: "notice", paragraphs: ["Only Ada, the candidate, can use the interview's buttons."] }, { visibleTo: teammate });
    expect(discord.callsTo("POST", Routes.webhook(discord.applicationId, "expired-interaction-token"))[0]?.status).toBe(404);
    expect(postsTo(threadId)).toHaveLength(1);
    expect(tokens.get(key, teammate)).toBeUndefined();
  });

  test("the typing indicator is renewed while the turn runs and stops with the reply", async () => {
    const { threadId, key } = await freshThread();
    const typed = () => discord.callsTo("POST", Routes.channelTyping(threadId)).length;
    const subject = poster({ typingRefreshMs: 40, typingMaxMs: 5_000 });
    await withTypingClock(async () => {
      expect(await subject.placeholder(key)).toBeUndefined();
      expect(typed()).toBe(1);
      jest.advanceTimersByTime(130);
      await discord.waitFor(() => typed() === 1 + 3);
      await subject.post(key, { kind: "interviewer", paragraphs: ["What would you clarify first?"] });
      // Nothing is left to renew it: however long the test waited, no renewal would come.
      expect(jest.getTimerCount()).toBe(0);
      expect(typed()).toBe(1 + 3);
    });
  });

  test("renewals stop on their own after the longest a turn can take", async () => {
    const { threadId, key } = await freshThread();
    const typed = () => discord.callsTo("POST", Routes.channelTyping(threadId)).length;
    await withTypingClock(async () => {
      await poster({ typingRefreshMs: 30, typingMaxMs: 100 }).placeholder(key);
      // Renewals at 30, 60 and 90 ms; the one due at 120 would outlast the 100 ms a turn can take.
      jest.advanceTimersByTime(300);
      expect(jest.getTimerCount()).toBe(0);
      await discord.waitFor(() => typed() === 1 + 3);
      expect(typed()).toBeLessThanOrEqual(1 + Math.ceil(100 / 30));
    });
  });

  test("a thread the bot cannot see rejects the post, so the caller can retry or report it", async () => {
    const key = threadKey({ guild: discord.guild.id, thread: "1234567890123456789" });
    await expect(poster().post(key, { kind: "notice", paragraphs: ["Hello"] })).rejects.toMatchObject({ status: 404, code: 10003 });
  });

  test("thread keys round-trip, and another platform's key is refused", async () => {
    const { threadId, key } = await freshThread();
    expect(key).toBe(`discord:${discord.guild.id}:${threadId}`);
    expect(discord.thread(threadId)?.type).toBe(ChannelType.PublicThread);
    await expect(poster().post("slack:T1:C1:1700000000.000100", { kind: "notice", paragraphs: ["Hello"] })).rejects.toThrow(/not a Discord thread key/);
  });
});

describe("direct messages, channel posts and images", () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("rest of a tiny picture")]);

  test("a direct message opens the DM channel once (Discord returns the same one) and posts there", async () => {
    const reviewer = discord.user("dm-reviewer");
    const subject = poster();
    await subject.direct(userKey(reviewer.id), { kind: "notice", heading: "Review request", paragraphs: ["Ada asked you to review her interview: https://discord.com/channels/1/2"] });
    await subject.direct(userKey(reviewer.id), { kind: "notice", paragraphs: ["A second message"] });
    const opened = discord.callsTo("POST", Routes.userChannels());
    expect(opened.filter((call) => (call.body as { recipient_id?: string }).recipient_id === reviewer.id)).toHaveLength(1);
    const dm = discord.dmChannelWith(reviewer);
    expect(dm?.type).toBe(ChannelType.DM);
    const posts = postsTo(dm?.id ?? "");
    expect(posts.map(contentOf)).toEqual(["**Review request**\n\nAda asked you to review her interview: https://discord.com/channels/1/2", "A second message"]);
  });

  test("a user whose privacy settings refuse direct messages is a ForbiddenError naming them", async () => {
    const shy = discord.user("dm-shy");
    discord.closeDirectMessages(shy);
    await expect(poster().direct(userKey(shy.id), { kind: "notice", paragraphs: ["Hello"] })).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining(`<@${shy.id}>`) });
  });

  test("a channel key posts top-level in the channel", async () => {
    const channel = await discord.addChannel("prompts");
    await poster().post(threadKey({ guild: discord.guild.id, thread: channel.id }), { kind: "notice", heading: "Practice problem of the week", paragraphs: ["Fraud"], buttons: [{ action: "practice-start", label: "Start", value: "fraud", style: "primary" }] });
    const [call] = postsTo(channel.id);
    expect(call?.status).toBe(200);
    expect(call?.body).toMatchObject({ components: [{ components: [{ custom_id: "mock_team:practice-start:fraud", label: "Start", style: 1 }] }] });
  });

  test("an image goes as a multipart upload: the PNG as files[0], the caption and alt text in payload_json", async () => {
    const channel = await discord.addChannel("charts");
    const ada = discord.user("chart-owner");
    await poster().postImage(threadKey({ guild: discord.guild.id, thread: channel.id }), { png: PNG, filename: "progress.png", alt: "Ratings per dimension over 3 interviews" }, { kind: "notice", paragraphs: ["Ada's progress"], mentions: [userKey(ada.id)] });
    const [call] = postsTo(channel.id);
    expect(call?.status).toBe(200);
    expect(call?.attachments).toEqual([{ field: "files[0]", filename: "progress.png", contentType: "image/png", data: PNG }]);
    expect(call?.body).toMatchObject({ content: `<@${ada.id}> Ada's progress`, allowed_mentions: { parse: [], users: [ada.id] }, attachments: [{ id: 0, filename: "progress.png", description: "Ratings per dimension over 3 interviews" }] });
    expect(discord.messagesIn(channel.id)[0]?.attachments[0]).toMatchObject({ filename: "progress.png", description: "Ratings per dimension over 3 interviews", size: PNG.length });
  });
});

describe("InteractionTokens", () => {
  test("a token is good for 14 minutes, per thread and user, and the latest press wins", () => {
    let now = 1_000_000;
    const tokens = new InteractionTokens(() => now);
    tokens.remember("discord:1:2", "discord:3", "first");
    tokens.remember("discord:1:2", "discord:3", "second");
    expect(tokens.get("discord:1:2", "discord:3")).toBe("second");
    expect(tokens.get("discord:1:2", "discord:4")).toBeUndefined();
    expect(tokens.get("discord:1:9", "discord:3")).toBeUndefined();
    now += 14 * 60_000 - 1;
    expect(tokens.get("discord:1:2", "discord:3")).toBe("second");
    now += 1;
    expect(tokens.get("discord:1:2", "discord:3")).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  test("expired tokens are dropped as new ones arrive, so memory stays bounded", () => {
    let now = 0;
    const tokens = new InteractionTokens(() => now, 1_000);
    for (let index = 0; index < 100; index += 1) tokens.remember(`discord:1:${index}`, "discord:3", `token-${index}`);
    now = 2_000;
    tokens.remember("discord:1:new", "discord:3", "fresh");
    expect(tokens.size).toBe(1);
  });
});
