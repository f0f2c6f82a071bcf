import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Routes, type APIUser } from "discord.js";
import type { DiscordCall } from "../../fakes/discord.js";
import type { SlackCall } from "../../fakes/slack.js";
import { CANDIDATE, inThread, isPlaceholder, SlackWorld, TEAMMATE } from "../../support/slack-team.js";
import { DiscordWorld, hasInterviewButtons, messageOf, postedIn } from "../discord/team-world.js";

/**
 * The adapter contract for receivers, on Slack and Discord through their real SDKs, the real
 * service and Redis, against the fakes: the bot's own messages and a teammate's get no interview
 * turn, and a teammate's button press is refused to them alone. Absence is proved with a sentinel:
 * the candidate's next message is answered, and it is the only turn taken since.
 * The terminal has no receiver to hold to this: its one reader is the candidate at the keyboard.
 */

const ANSWER = "I'd frame it as binary classification and track PR-AUC because fraud is rare.";

interface LiveAdapter {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** An interview in a fresh channel; resolves once its first question is posted. */
  open(): Promise<string>;
  /** Where the wire is now, to count turns from. */
  mark(): number;
  botSays(thread: string, text: string): Promise<void>;
  teammateSays(thread: string, text: string): Promise<void>;
  /** A teammate presses End on the interviewer's latest message; resolves with the refusal only they see. */
  teammatePressesEnd(thread: string): Promise<string>;
  /** The candidate's message, resolved once the interviewer has answered it. */
  candidateAnswers(thread: string, text: string): Promise<void>;
  /** Interview turns taken in the thread since `mark` (a placeholder or typing indicator each). */
  turnsSince(thread: string, mark: number): number;
}

function slackAdapter(): LiveAdapter {
  let world: SlackWorld;
  const threads = new Map<string, { channel: string; threadTs: string; latest: string }>();
  const where = (thread: string) => {
    const found = threads.get(thread);
    if (!found) throw new Error(`no thread ${thread}`);
    return found;
  };
  return {
    name: "slack",
    start: async () => void (world = await SlackWorld.start()),
    stop: async () => world?.stop(),
    async open() {
      const channel = world.channel();
      const { threadTs, first } = await world.startInterview(CANDIDATE, channel);
      threads.set(threadTs, { channel, threadTs, latest: String(first.response?.ts) });
      return threadTs;
    },
    mark: () => world.slack.calls.length,
    async botSays(thread, text) {
      const { channel, threadTs } = where(thread);
      await world.send.message({ user: world.slack.botUserId, botId: world.slack.botId, channel, threadTs, text });
    },
    async teammateSays(thread, text) {
      const { channel, threadTs } = where(thread);
      await world.send.message({ user: TEAMMATE, channel, threadTs, text });
    },
    async teammatePressesEnd(thread) {
      const { channel, threadTs, latest } = where(thread);
      const refusal = world.next((call) => call.method === "chat.postEphemeral" && call.body.channel === channel && call.body.user === TEAMMATE);
      await world.send.button({ user: TEAMMATE, channel, messageTs: latest, threadTs, action: "end" });
      return String((await refusal).body.text);
    },
    async candidateAnswers(thread, text) {
      const { channel, threadTs } = where(thread);
      const answered = world.next((call) => call.method === "chat.update" && call.body.channel === channel);
      await world.send.message({ user: CANDIDATE, channel, threadTs, text });
      await answered;
    },
    turnsSince(thread, mark) {
      const { channel, threadTs } = where(thread);
      return world.slack.calls.slice(mark).filter((call: SlackCall) => inThread(channel, threadTs)(call) && isPlaceholder(call)).length;
    },
  };
}

function discordAdapter(): LiveAdapter {
  let world: DiscordWorld;
  const latest = new Map<string, string>();
  const say = (author: APIUser, thread: string, content: string) => world.discord.post(world.discord.threadMessage({ author, channelId: thread, content })).then(() => undefined);
  return {
    name: "discord",
    start: async () => void (world = await DiscordWorld.start()),
    stop: async () => world?.stop(),
    async open() {
      const channel = await world.channel();
      const { threadId, first } = await world.startInterview(world.people.candidate, channel.id);
      latest.set(threadId, messageOf(first).id);
      return threadId;
    },
    mark: () => world.discord.calls.length,
    botSays: (thread, text) => say(world.discord.botUser, thread, text),
    teammateSays: (thread, text) => say(world.people.teammate, thread, text),
    async teammatePressesEnd(thread) {
      const click = world.discord.button({ user: world.people.teammate, customId: "mock_interview:end", messageId: latest.get(thread) ?? "" });
      const refusal = world.discord.waitFor((call) => call.method === "POST" && call.path === Routes.webhook(world.discord.applicationId, click.token), 10_000);
      await world.discord.interact(click);
      return String(((await refusal).body as { content?: string }).content ?? "");
    },
    async candidateAnswers(thread, text) {
      const answered = world.next((call: DiscordCall) => postedIn(thread)(call) && hasInterviewButtons(call));
      await say(world.people.candidate, thread, text);
      await answered;
    },
    turnsSince: (thread, mark) => world.discord.calls.slice(mark).filter((call) => call.method === "POST" && call.path === Routes.channelTyping(thread)).length,
  };
}

describe.each([slackAdapter(), discordAdapter()])("the $name receiver", (adapter) => {
  beforeAll(() => adapter.start());
  afterAll(() => adapter.stop());

  test("the bot's own message and a teammate's get no interview turn; the candidate's next message is the only one answered", async () => {
    const thread = await adapter.open();
    const mark = adapter.mark();
    await adapter.botSays(thread, "Good question. What would you measure first?");
    await adapter.teammateSays(thread, "Nice start! I'd use a feature store.");
    await adapter.candidateAnswers(thread, ANSWER);
    expect(adapter.turnsSince(thread, mark)).toBe(1);
  });

  test("a teammate pressing the candidate's button is refused, to them alone, and takes no turn", async () => {
    const thread = await adapter.open();
    const mark = adapter.mark();
    expect(await adapter.teammatePressesEnd(thread)).toMatch(/Only .+, the candidate/);
    // The interview goes on: the candidate's answer is answered as the next turn, not by a scorecard.
    await adapter.candidateAnswers(thread, ANSWER);
    expect(adapter.turnsSince(thread, mark)).toBe(1);
  });
});
