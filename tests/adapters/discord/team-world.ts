import { Redis } from "ioredis";
import { InteractionResponseType, PermissionFlagsBits, Routes, type APIInteraction, type APIMessage, type APITextChannel, type APIUser } from "discord.js";
import { loadDiscordConfig } from "../../../adapters/discord/config.js";
import { DiscordPlatform } from "../../../adapters/discord/platform.js";
import { loadConfig } from "../../../src/config/env.js";
import { loadContent } from "../../../src/engine/context.js";
import { silentLogger } from "../../../src/ops/logger.js";
import { startService, type RunningService } from "../../../src/app/service.js";
import type { CommandShape } from "../../fakes/discord/command-options.js";
import { FakeDiscord, type DiscordCall, type ModalAnswers } from "../../fakes/discord.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { FAST, type WorldOptions } from "../../support/service-harness.js";

/** The people of the fake server: a candidate, two teammates, someone outside the interview channel, an admin. */
export interface People {
  candidate: APIUser;
  teammate: APIUser;
  second: APIUser;
  outsider: APIUser;
  admin: APIUser;
}

/** The candidate's one answer in `finishedInterview`: enough for ratings with quoted evidence. */
export const ANSWER = "I'd frame it as binary classification, track PR-AUC because fraud is rare, and watch the fraud loss per transaction online.";

/**
 * The real service (bot and worker) with the real DiscordPlatform over the real discord.js client,
 * a real redis-server and the fake Discord: what a server would see, end to end. Interviews run in
 * private channels the outsider cannot see; the admin holds a Manage Server role.
 */
export class DiscordWorld {
  private channels = 0;

  private constructor(
    readonly server: RedisServer,
    readonly discord: FakeDiscord,
    readonly platform: DiscordPlatform,
    readonly service: RunningService,
    /** A connection of the test's own, to look at what the service stored. */
    readonly redis: Redis,
    readonly people: People,
  ) {}

  static async start(options: WorldOptions = {}): Promise<DiscordWorld> {
    const server = await startRedis({ controllable: options.controllable ?? false });
    const discord = await new FakeDiscord().start();
    const people: People = {
      candidate: discord.user("ada"),
      teammate: discord.user("grace"),
      second: discord.user("lin"),
      outsider: discord.user("mallory"),
      admin: discord.user("root"),
    };
    discord.addRole("Moderators", PermissionFlagsBits.ManageGuild, [people.admin]);
    const discordConfig = loadDiscordConfig({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });
    const platform = new DiscordPlatform(discordConfig, loadContent().bank);
    const config = loadConfig({ ...server.env, METRICS_PORT: "0", ...FAST, ...options.env });
    const service = await startService({ role: "all", config, platforms: [platform], logger: silentLogger, sweepIntervalMs: 500, ...(options.practiceRepeat ? { practiceRepeat: options.practiceRepeat } : {}) });
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    return new DiscordWorld(server, discord, platform, service, redis, people);
  }

  async stop(): Promise<void> {
    await this.service.stop();
    this.redis.disconnect();
    await this.discord.stop();
    await this.server.stop();
  }

  /** A fresh channel only `members` (and the bot) can see; every member of the server when `members` is "everyone". */
  channel(members: APIUser[] | "everyone" = [this.people.candidate, this.people.teammate, this.people.second, this.people.admin]): Promise<APITextChannel> {
    const name = `team-${++this.channels}`;
    return members === "everyone" ? this.discord.addChannel(name) : this.discord.privateChannel(name, members);
  }

  /** The first call from now on that `predicate` accepts. */
  next(predicate: (call: DiscordCall) => boolean, timeoutMs = 10_000): Promise<DiscordCall> {
    const since = this.discord.calls.length;
    return this.discord.waitFor((call) => this.discord.calls.indexOf(call) >= since && predicate(call), timeoutMs);
  }

  /**
   * The interaction's callback (a deferral, a modal, a message) and, after a deferred reply, the
   * reply that replaced "thinking…"; after a deferred update, the edit of the pressed message when
   * `edits` says one is coming.
   */
  async answerTo(payload: APIInteraction, options: { edits?: boolean } = {}): Promise<{ callback: DiscordCall; reply: DiscordCall | undefined }> {
    const callback = await this.discord.waitFor((call) => call.method === "POST" && call.path === Routes.interactionCallback(payload.id, payload.token), 10_000);
    const type = (callback.body as { type?: number } | undefined)?.type;
    const waits = type === InteractionResponseType.DeferredChannelMessageWithSource || (type === InteractionResponseType.DeferredMessageUpdate && options.edits === true);
    if (!waits) return { callback, reply: undefined };
    const reply = await this.discord.waitFor((call) => call.method === "PATCH" && call.path === originalPath(this.discord, payload.token), 15_000);
    return { callback, reply };
  }

  /** `/mock-interview …` run by `user` in `channelId`. */
  async command(user: APIUser, channelId: string, shape: CommandShape): Promise<{ payload: APIInteraction; callback: DiscordCall; reply: DiscordCall | undefined }> {
    const payload = this.discord.command({ user, channelId, ...shape });
    await this.discord.interact(payload);
    return { payload, ...(await this.answerTo(payload)) };
  }

  /** A press of the button `customId` on a message the bot posted. */
  async press(user: APIUser, messageId: string, customId: string, options: { edits?: boolean } = {}): Promise<{ payload: APIInteraction; callback: DiscordCall; reply: DiscordCall | undefined }> {
    const payload = this.discord.button({ user, customId, messageId });
    await this.discord.interact(payload);
    return { payload, ...(await this.answerTo(payload, options)) };
  }

  /** The member fills in and sends the modal `opened` was answered with. */
  async submit(user: APIUser, opened: APIInteraction, answers: ModalAnswers = {}): Promise<{ payload: APIInteraction; callback: DiscordCall; reply: DiscordCall | undefined }> {
    const payload = this.discord.submitModal({ user, openedBy: opened, answers });
    await this.discord.interact(payload);
    return { payload, ...(await this.answerTo(payload)) };
  }

  /** `/mock-interview start`: the new thread and the first question in it. */
  async startInterview(user: APIUser, channelId: string, options: { level?: string; problem?: string } = { level: "senior", problem: "fraud" }): Promise<{ threadId: string; first: DiscordCall; reply: DiscordCall | undefined }> {
    const opened = this.next((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${channelId}/`) && call.path.endsWith("/threads"));
    const { reply } = await this.command(user, channelId, { subcommand: "start", options });
    const threadId = String(((await opened).response as { id: string }).id);
    const first = await this.discord.waitFor((call) => postedIn(threadId)(call) && hasInterviewButtons(call), 10_000);
    return { threadId, first, reply };
  }

  /** An interview that ran to its scorecard: one answer (`content`), then End. Returns the scorecard as posted and the interview id its Review button carries. */
  async finishedInterview(channelId: string, user: APIUser = this.people.candidate, content = ANSWER): Promise<{ threadId: string; scorecard: DiscordCall; interviewId: string }> {
    const { threadId } = await this.startInterview(user, channelId);
    const answered = this.next((call) => postedIn(threadId)(call) && hasInterviewButtons(call));
    await this.discord.post(this.discord.threadMessage({ author: user, channelId: threadId, content }));
    const reply = await answered;
    const scorecard = this.discord.waitFor((call) => postedIn(threadId)(call) && /Scorecard for/.test(JSON.stringify((call.body as { embeds?: unknown }).embeds ?? [])), 20_000);
    await this.press(user, messageOf(reply).id, "mock_interview:end");
    const posted = await scorecard;
    const review = customIds(posted).find((id) => id.startsWith("mock_team:review:"));
    if (!review) throw new Error("the scorecard carries no Review button");
    return { threadId, scorecard: posted, interviewId: review.slice("mock_team:review:".length) };
  }
}

export const postedIn = (channelId: string) => (call: DiscordCall) => call.method === "POST" && call.path === Routes.channelMessages(channelId) && call.status === 200;
/** A message posted in the channel, or one of its messages edited: where a streamed reply ends. */
export const shownIn = (channelId: string) => (call: DiscordCall) => (call.method === "POST" || call.method === "PATCH") && call.path.startsWith(Routes.channelMessages(channelId)) && call.status === 200;
export const hasInterviewButtons = (call: DiscordCall) => JSON.stringify(call.body).includes("mock_interview:hint");
export const messageOf = (call: DiscordCall) => call.response as APIMessage;
/** Everything a call shows a reader: content, embeds and component labels, as JSON. */
export const shown = (call: DiscordCall | undefined) => JSON.stringify(call?.body ?? null);
export const contentOf = (call: DiscordCall | undefined) => String((call?.body as { content?: unknown } | undefined)?.content ?? "");
export const customIds = (call: DiscordCall | undefined): string[] => {
  const components = (call?.body as { components?: Array<{ components?: Array<{ custom_id?: string }> }> } | undefined)?.components ?? [];
  return components.flatMap((row) => row.components ?? []).flatMap((component) => (component.custom_id ? [component.custom_id] : []));
};
export const callbackType = (call: DiscordCall) => (call.body as { type?: number }).type;
export const callbackFlags = (call: DiscordCall) => (call.body as { data?: { flags?: number } }).data?.flags ?? 0;
export function originalPath(discord: FakeDiscord, token: string): string {
  return decodeURIComponent(Routes.webhookMessage(discord.applicationId, token, "@original"));
}
