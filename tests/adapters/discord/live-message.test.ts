import { afterAll, beforeAll, describe, expect, jest, test } from "@jest/globals";
import { REST } from "@discordjs/rest";
import { Routes } from "discord.js";
import { LIVE_EDIT_INTERVAL_MS, parseLiveRef } from "../../../adapters/discord/live-message.js";
import { DiscordPoster } from "../../../adapters/discord/poster.js";
import { renderDiscord } from "../../../adapters/discord/render.js";
import { threadKey } from "../../../adapters/discord/thread-key.js";
import type { OutgoingMessage } from "../../../src/core/messages/message.js";
import { FakeDiscord } from "../../fakes/discord.js";

/**
 * The poster's live message and the reply that replaces it, through @discordjs/rest against the
 * fake's REST API. Shows are called directly here (the pipeline's pacing is its own test); the
 * service tests in streamed-replies.test.ts run them through discord.js and the real pipeline.
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
  const thread = await discord.createThread({ name: `Streamed ${++threads}`, owner: discord.user(`candidate${threads}`) });
  return { threadId: thread.id, key: threadKey({ guild: discord.guild.id, thread: thread.id }), poster: new DiscordPoster(rest, discord.applicationId) };
}

/** Paragraphs of about 300 characters each, numbered so a test can tell where a split fell. */
const paragraphs = (count: number) => Array.from({ length: count }, (_, index) => `Point ${index + 1}: ${"a feature store keeps training and serving features consistent ".repeat(5).trim()}.`);
const contents = (threadId: string) => discord.messagesIn(threadId).map((message) => message.content);

describe("a Discord live message", () => {
  test("the first text is posted, later text edits the same message, and nobody is pinged", async () => {
    const { threadId, key, poster } = await freshThread();
    const live = poster.live(key);
    expect(live.intervalMs).toBe(LIVE_EDIT_INTERVAL_MS);
    await live.show("That's a start, @everyone");
    await live.show("That's a start, @everyone. How would you *measure* it?");
    const ref = await live.end();

    const [message] = discord.messagesIn(threadId);
    expect(ref).toBe(message?.id);
    expect(discord.callsTo("POST", Routes.channelMessages(threadId))).toHaveLength(1);
    const edits = discord.callsTo("PATCH", Routes.channelMessage(threadId, message?.id ?? ""));
    expect(edits).toHaveLength(1);
    expect(edits[0]?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(discord.versions(message?.id ?? "").map((version) => version.content)).toEqual(["That's a start, @everyone", "That's a start, @everyone. How would you \\*measure\\* it?"]);
  });

  test("text past 2,000 characters finishes the message at a paragraph end and continues in a new one", async () => {
    const { threadId, key, poster } = await freshThread();
    const live = poster.live(key);
    const all = paragraphs(9);
    for (let count = 1; count <= all.length; count++) await live.show(all.slice(0, count).join("\n\n"));
    const ids = parseLiveRef(await live.end());

    expect(ids).toHaveLength(2);
    const [first, second] = contents(threadId);
    expect(first?.length).toBeLessThanOrEqual(2_000);
    expect(first).toMatch(/consistent\.$/);
    expect(second).toMatch(/^Point \d+:/);
    expect(`${first}\n\n${second}`).toBe(all.join("\n\n"));
    // The first message was not rewritten once it was full.
    const versions = discord.versions(ids[0] ?? "").map((version) => version.content);
    expect(versions.at(-1)).toBe(first);
    expect(versions.filter((content) => content === first)).toHaveLength(1);
  });

  test("the reply that replaces a stream edits its messages into the reply's parts, buttons last, and deletes the parts it does not need", async () => {
    const { threadId, key, poster } = await freshThread();
    const live = poster.live(key);
    await live.show(paragraphs(8).join("\n\n"));
    const ref = await live.end();
    expect(parseLiveRef(ref)).toHaveLength(2);
    const reply: OutgoingMessage = { kind: "interviewer", heading: "Requirements", paragraphs: ["I couldn't reach the model just now. What would you measure first?"], actions: ["hint", "end"] };

    await poster.post(key, reply, { idempotencyKey: "reply-short", ...(ref ? { replaces: ref } : {}) });

    const [part] = renderDiscord(reply);
    const [kept, dropped] = parseLiveRef(ref);
    expect(discord.messagesIn(threadId)).toHaveLength(1);
    expect(discord.message(kept ?? "")).toMatchObject({ content: part?.content, components: part?.components });
    expect(discord.versions(dropped ?? "").at(-1)?.deleted).toBe(true);
    expect(discord.callsTo("POST", Routes.channelMessages(threadId))).toHaveLength(2);
    // The replacing edit kept to the edit rate, after the stream's own write of that message.
    const [streamedAt, replacedAt] = discord.versions(kept ?? "").map((version) => version.at);
    expect((replacedAt ?? 0) - (streamedAt ?? 0)).toBeGreaterThanOrEqual(LIVE_EDIT_INTERVAL_MS - 20);
  });

  test("a reply longer than its stream posts the rest anew, and delivering it again shows it once", async () => {
    const { threadId, key, poster } = await freshThread();
    const live = poster.live(key);
    await live.show("Good question to start with.");
    const ref = (await live.end()) ?? "";
    const reply: OutgoingMessage = { kind: "interviewer", paragraphs: paragraphs(12), actions: ["hint", "end"] };
    const parts = renderDiscord(reply).map((part) => part.content);
    expect(parts.length).toBeGreaterThan(1);

    await poster.post(key, reply, { idempotencyKey: "reply-long", replaces: ref });
    await poster.post(key, reply, { idempotencyKey: "reply-long", replaces: ref });

    expect(contents(threadId)).toEqual(parts);
    expect(discord.messagesIn(threadId)[0]?.id).toBe(ref);
  });

  test("the typing indicator stops once the reply's first words are posted", async () => {
    const { threadId, key } = await freshThread();
    const poster = new DiscordPoster(rest, discord.applicationId, { typingRefreshMs: 40, typingMaxMs: 5_000 });
    // Only the renewal timer is on the test's hands; sockets and the REST client run on real time.
    jest.useFakeTimers({ doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout"] });
    try {
      await poster.placeholder(key);
      expect(jest.getTimerCount()).toBe(1);
      await poster.live(key).show("Let me push on that.");
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
    expect(discord.callsTo("POST", Routes.channelTyping(threadId))).toHaveLength(1);
  });

  test("a stream whose reply never came is written into by the next one, and the reply deletes what it does not need", async () => {
    const { threadId, key, poster } = await freshThread();
    const abandoned = poster.live(key);
    await abandoned.show(paragraphs(8).join("\n\n"));
    const earlier = await abandoned.end();

    const live = poster.live(key, { replaces: earlier });
    await live.show("Let's pick up where we were.");
    const ref = await live.end();
    expect(ref).toBe(earlier);
    await poster.post(key, { kind: "interviewer", paragraphs: ["Let's pick up where we were. What is the latency budget?"] }, { idempotencyKey: "reply-again", ...(ref ? { replaces: ref } : {}) });

    expect(contents(threadId)).toEqual(["Let's pick up where we were. What is the latency budget?"]);
    expect(discord.callsTo("POST", Routes.channelMessages(threadId))).toHaveLength(2);
  });

  test("a streamed message deleted meanwhile is posted anew, once", async () => {
    const { threadId, key, poster } = await freshThread();
    const live = poster.live(key);
    await live.show("Let me think about that");
    const ref = (await live.end()) ?? "";
    await rest.delete(Routes.channelMessage(threadId, ref));
    const reply: OutgoingMessage = { kind: "interviewer", paragraphs: ["What is the business goal here?"] };

    await poster.post(key, reply, { idempotencyKey: "reply-gone", replaces: ref });
    await poster.post(key, reply, { idempotencyKey: "reply-gone", replaces: ref });

    expect(contents(threadId)).toEqual(["What is the business goal here?"]);
    expect(discord.callsTo("PATCH", Routes.channelMessage(threadId, ref)).map((call) => call.status)).toEqual([404, 404]);
  });
});
