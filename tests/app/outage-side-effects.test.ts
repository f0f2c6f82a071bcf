import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { Routes } from "discord.js";
import { INTAKE_DOWN_MESSAGE } from "../../src/pipeline/intake.js";
import { START_DOWN_MESSAGE } from "../../src/pipeline/opening.js";
import type { RunningService } from "../../src/app/service.js";
import type { RedisServer } from "../support/redis-server.js";
import { CANDIDATE, inThread, SlackWorld, TEAMMATE } from "../support/slack-team.js";
import { DiscordWorld, postedIn, shown } from "../adapters/discord/team-world.js";
import type { SlackCall } from "../fakes/slack.js";

/**
 * What users see while Redis is down (SIGKILLed) or will not take writes (CLIENT PAUSE WRITE, so
 * the bot's checks pass and the start itself fails): no interview is left half-open in a channel,
 * and only the candidate is asked to send again.
 */
let slack: SlackWorld;
let discord: DiscordWorld;

beforeAll(async () => {
  [slack, discord] = await Promise.all([SlackWorld.start({ controllable: true }), DiscordWorld.start({ controllable: true })]);
  for (const world of [slack, discord]) world.redis.on("error", () => undefined);
});

afterAll(async () => {
  await Promise.all([slack?.stop(), discord?.stop()]);
});

/** Runs `during` with Redis down, then brings it back and waits until the service is ready again. */
async function withOutage(world: { server: RedisServer; service: RunningService }, during: () => Promise<void>): Promise<void> {
  await world.server.kill();
  try {
    await during();
  } finally {
    await world.server.restart();
    await untilReady(world.service);
  }
}

/** Runs `during` while Redis answers reads (PING) but holds every write and script past the bot's command timeout. */
async function withWritesPaused(world: SlackWorld | DiscordWorld, during: () => Promise<void>): Promise<void> {
  await world.redis.call("CLIENT", "PAUSE", "20000", "WRITE");
  try {
    await during();
  } finally {
    await world.redis.call("CLIENT", "UNPAUSE");
  }
}

async function untilReady(service: RunningService): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if ((await fetch(`http://127.0.0.1:${service.opsPort}/readyz`)).status === 200) return;
    await sleep(100);
  }
  throw new Error("the service did not become ready again");
}

describe("Slack", () => {
  const parentsLeftIn = (channel: string) => {
    const deleted = new Set(slack.slack.callsTo("chat.delete").filter((call) => call.body.channel === channel).map((call) => String(call.body.ts)));
    return slack.slack.calls.filter((call) => call.method === "chat.postMessage" && call.body.channel === channel && call.body.thread_ts === undefined && !deleted.has(String(call.response?.ts)));
  };

  test("/mock-interview while Redis is down leaves no parent message, and the caller is told the interview didn't start", async () => {
    const channel = slack.channel();
    await withOutage(slack, async () => {
      const { reply } = await slack.command(CANDIDATE, channel, "senior fraud");
      expect(reply.body.response_type).toBe("ephemeral");
      expect(String(reply.body.text)).toContain(START_DOWN_MESSAGE);
    });
    expect(parentsLeftIn(channel)).toEqual([]);
  });

  test("/mock-interview when storage does not take the start after the parent was posted: the parent is removed and the caller told", async () => {
    const channel = slack.channel();
    await withWritesPaused(slack, async () => {
      const { reply } = await slack.command(CANDIDATE, channel, "senior fraud");
      expect(String(reply.body.text)).toContain(START_DOWN_MESSAGE);
    });
    expect(slack.slack.calls.filter((call) => call.method === "chat.postMessage" && call.body.channel === channel).length).toBeGreaterThan(0);
    expect(parentsLeftIn(channel)).toEqual([]);
  });

  test("during an outage a teammate's remark in the thread is not told to send it again; the candidate's message is", async () => {
    const channel = slack.channel();
    const { threadTs } = await slack.startInterview(CANDIDATE, channel);
    const ephemeralTo = (user: string) => (call: SlackCall) => call.method === "chat.postEphemeral" && call.body.channel === channel && call.body.user === user;
    let since = 0;
    await withOutage(slack, async () => {
      since = slack.slack.calls.length;
      await slack.send.message({ user: TEAMMATE, channel, threadTs, text: "Nice start! I'd use a feature store." });
      // The candidate's message comes after the teammate's: its notice marks both as handled.
      const notice = slack.next(ephemeralTo(CANDIDATE));
      await slack.send.message({ user: CANDIDATE, channel, threadTs, text: "I'd frame it as binary classification." });
      expect(String((await notice).body.text)).toContain(INTAKE_DOWN_MESSAGE);
      expect((await notice).body.thread_ts).toBe(threadTs);
    });
    expect(slack.slack.calls.slice(since).filter(ephemeralTo(TEAMMATE))).toEqual([]);
    expect(slack.slack.calls.slice(since).filter((call) => inThread(channel, threadTs)(call))).toEqual([]);
  });
});

describe("Discord", () => {
  const isThreadOpening = (channelId: string) => (call: { method: string; path: string }) =>
    call.method === "POST" && call.path.startsWith(`/channels/${channelId}/`) && call.path.endsWith("/threads");

  test("/mock-interview start while Redis is down posts nothing in the channel, opens no thread, and the caller is told the interview didn't start", async () => {
    const { candidate } = discord.people;
    const channel = await discord.channel();
    await withOutage(discord, async () => {
      const { reply } = await discord.command(candidate, channel.id, { subcommand: "start", options: { level: "senior", problem: "fraud" } });
      expect(shown(reply)).toContain(START_DOWN_MESSAGE);
    });
    expect(discord.discord.calls.filter(postedIn(channel.id))).toEqual([]);
    expect(discord.discord.calls.filter(isThreadOpening(channel.id))).toEqual([]);
  });

  test("/mock-interview start when storage does not take the start after the thread was opened: the parent message is removed and the caller told", async () => {
    const { candidate } = discord.people;
    const channel = await discord.channel();
    await withWritesPaused(discord, async () => {
      const { reply } = await discord.command(candidate, channel.id, { subcommand: "start", options: { level: "senior", problem: "fraud" } });
      expect(shown(reply)).toContain(START_DOWN_MESSAGE);
    });
    const [parent] = discord.discord.calls.filter(postedIn(channel.id));
    const parentId = String((parent?.response as { id?: string } | undefined)?.id);
    expect(discord.discord.callsTo("DELETE", Routes.channelMessage(channel.id, parentId))[0]?.status).toBe(204);
    // Nothing of the interview shows in the channel, and nothing was posted in its thread.
    expect(discord.discord.messagesIn(channel.id).filter((message) => message.flags !== 64)).toEqual([]);
    expect(discord.discord.calls.filter(postedIn(parentId))).toEqual([]);
  });

  test("during an outage a teammate's remark in the thread is not told to send it again; the candidate's message is", async () => {
    const { candidate, teammate } = discord.people;
    const channel = await discord.channel();
    const { threadId } = await discord.startInterview(candidate, channel.id);
    let since = 0;
    await withOutage(discord, async () => {
      since = discord.discord.calls.length;
      await discord.discord.post(discord.discord.threadMessage({ author: teammate, channelId: threadId, content: "Nice start! I'd use a feature store." }));
      // The candidate's message comes after the teammate's: its notice marks both as handled.
      const notice = discord.next((call) => postedIn(threadId)(call) && shown(call).includes(`<@${candidate.id}>`));
      await discord.discord.post(discord.discord.threadMessage({ author: candidate, channelId: threadId, content: "I'd frame it as binary classification." }));
      expect(shown(await notice)).toContain(INTAKE_DOWN_MESSAGE);
    });
    const posted = discord.discord.calls.slice(since).filter(postedIn(threadId));
    expect(posted.filter((call) => shown(call).includes(`<@${teammate.id}>`))).toEqual([]);
    expect(posted).toHaveLength(1);
  });
});
