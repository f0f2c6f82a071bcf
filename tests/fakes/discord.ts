/** The fake Discord's public entry: `FakeDiscord`, which wires the parts under ./discord/ together, and the types tests use. */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ChannelType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIDMChannel,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitGuildInteraction,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type GatewayMessageCreateDispatchData,
} from "discord.js";
import { ChannelRoutes } from "./discord/channel-routes.js";
import type { ThreadType } from "./discord/channels.js";
import type { CommandShape, OptionValue } from "./discord/command-options.js";
import { FakeCommands } from "./discord/commands.js";
import { FakeGateway, type GatewayConnection, type GatewayPayload } from "./discord/gateway.js";
import { FakeGuild } from "./discord/guild.js";
import type { FakeGuildAccess } from "./discord/guild-access.js";
import { GuildRoutes } from "./discord/guild-routes.js";
import { InteractionPayloads } from "./discord/interaction-payloads.js";
import { InteractionRoutes } from "./discord/interaction-routes.js";
import { FakeInteractions } from "./discord/interactions.js";
import { FakeMessages, type MessageVersion } from "./discord/messages.js";
import type { ModalAnswers, ShownModal } from "./discord/modals.js";
import { FakeRest, type DiscordCall } from "./discord/rest.js";
import { buildRoutes } from "./discord/routes.js";
import { Snowflakes } from "./discord/snowflakes.js";
import { NO_FLAGS } from "./discord/wire.js";

export type { GatewayConnection } from "./discord/gateway.js";
export type { ModalAnswers, ShownModal } from "./discord/modals.js";
export type { UploadedFile } from "./discord/multipart.js";
export type { DiscordCall } from "./discord/rest.js";
export type { MessageVersion } from "./discord/messages.js";
export { Snowflakes };

export interface FakeDiscordOptions {
  /** @defaultValue a random token in Discord's three-part shape */
  token?: string;
  /** Sent in HELLO; discord.js waits a random fraction of it before its first heartbeat. @defaultValue 41_250, as Discord sends */
  heartbeatIntervalMs?: number;
  /** Interaction callbacks later than this are refused with Unknown interaction (10062). @defaultValue 3_000 */
  interactionDeadlineMs?: number;
  /** Privileged intents enabled in the Developer Portal; IDENTIFY asking for others is closed with 4014. @defaultValue MessageContent */
  privilegedIntents?: number;
  /** Echo the bot's own messages back as MESSAGE_CREATE / MESSAGE_UPDATE, as Discord does. @defaultValue true */
  echoBotMessages?: boolean;
  guildName?: string;
  channelName?: string;
}

/**
 * A fake Discord for tests: a real HTTP server on 127.0.0.1 with the REST routes this bot uses, and a
 * real WebSocket gateway (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME) found through
 * `GET /gateway/bot`, like the real one. discord.js reaches it with
 * `new Client({ intents, rest: { api: fake.apiUrl } })`; @discordjs/rest with `new REST({ api: fake.apiUrl })`.
 *
 * It answers like Discord where a bot can get it wrong: a 2,001-character message, 26 embed fields, an
 * interaction answered twice or after 3 seconds, a second thread on one message, or a privileged intent
 * the portal has not enabled are refused with Discord's status, error code and message; a message sent
 * again with the same enforced nonce returns the first instead of a second. Every REST call is
 * recorded, and so is each message's every version (created, edited, deleted) with its time
 * (`versions`); tests drive the gateway with `dispatch`, `interact`, `post`, `replay`,
 * `disconnect` and `addChannel` (a fresh text channel, announced with CHANNEL_CREATE).
 *
 * For the team features: subcommands and user options (`command`),
 * modals with labels and selects held to Discord's limits and filled in by `submitModal`, direct
 * messages (`POST /users/@me/channels`, `closeDirectMessages`), multipart uploads recorded byte for
 * byte (`DiscordCall.attachments`), and roles, members and channel overwrites (`addRole`,
 * `privateChannel`, `leaveGuild`) answered over REST as Discord computes permissions.
 *
 * The parts live under ./discord/, each handed the state it needs: `guild` (users, channels, roles),
 * `gateway`, `rest` and `routes`, the route handlers (`channel-`, `guild-`, `interaction-routes`),
 * `messages`, `interactions`, `interaction-payloads` and `commands`. This class wires them together.
 */
export class FakeDiscord {
  readonly calls: DiscordCall[];
  /** Every gateway payload clients sent (IDENTIFY, heartbeats, RESUME, …), in order. */
  readonly received: GatewayPayload[];
  readonly connections: GatewayConnection[];
  /** Things a client did that this fake does not speak (compression, another encoding); a test should fail on them. */
  readonly protocolErrors: string[];

  readonly ids = new Snowflakes();
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guild: { id: string; name: string; ownerId: string };
  readonly channel: APITextChannel;
  /** Roles, who holds them, and the permissions they give in a channel. */
  readonly access: FakeGuildAccess;
  readonly botRoleId: string;

  private server: Server | undefined;
  /** The guild with its users and channels: the state every part below is handed. */
  private readonly world: FakeGuild;
  private readonly gateway: FakeGateway;
  private readonly interactions: FakeInteractions;
  private readonly messages: FakeMessages;
  private readonly commands: FakeCommands;
  private readonly payloads: InteractionPayloads;
  private readonly rest: FakeRest;

  constructor(options: FakeDiscordOptions = {}) {
    const created = Date.now() - 400 * 86_400_000;
    const ids = this.ids;
    const applicationId = (this.applicationId = ids.next(created));
    const token = (this.token = options.token ?? `${Buffer.from(applicationId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(28).toString("base64url")}`);
    this.botUser = { id: applicationId, username: "Mock Interview", discriminator: "4821", global_name: null, avatar: null, bot: true, flags: NO_FLAGS, public_flags: NO_FLAGS };
    const guild = (this.world = new FakeGuild(ids, this.botUser, { created, name: options.guildName ?? "ML Interview Club", channelName: options.channelName ?? "mock-interviews" }));
    this.guild = { id: guild.id, name: guild.name, ownerId: guild.ownerId };
    this.botRoleId = guild.botRoleId;
    this.access = guild.access;
    this.channel = guild.channel;

    const interactions = (this.interactions = new FakeInteractions(applicationId));
    const gateway = (this.gateway = new FakeGateway({
      token,
      applicationId,
      guild,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntents: options.privilegedIntents ?? GatewayIntentBits.MessageContent,
      resumeUrl: () => this.resumeUrl,
      onDispatch: (event, data) => interactions.remember(event, data),
    }));
    const messages = (this.messages = new FakeMessages({ ids, applicationId, guild, gateway, echoBotMessages: options.echoBotMessages ?? true }));
    const commands = (this.commands = new FakeCommands({ ids, applicationId, guildId: guild.id }));
    this.payloads = new InteractionPayloads({ ids, applicationId, guild, commands, messages, interactions });
    this.rest = new FakeRest(
      token,
      buildRoutes({
        gatewayUrl: () => this.gatewayUrl,
        botId: this.botUser.id,
        commands,
        messages,
        interactions: new InteractionRoutes({ applicationId, interactions, messages, deadlineMs: options.interactionDeadlineMs ?? 3_000 }),
        channels: new ChannelRoutes({ ids, guild, messages, gateway }),
        guild: new GuildRoutes(guild),
      }),
    );
    this.calls = this.rest.calls;
    this.received = gateway.received;
    this.connections = gateway.connections;
    this.protocolErrors = gateway.protocolErrors;
  }

  // ---- Lifecycle and addresses

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.rest.handle(request, response));
    this.gateway.listen();
    this.server.on("upgrade", (request, socket, head) => this.gateway.upgrade(request, socket, head));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.rest.dropHeld();
    await this.gateway.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** The REST base for discord.js's `rest.api` and @discordjs/rest's `api` (they append `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Where `GET /gateway/bot` sends clients; `resume_gateway_url` points at `/resume` on the same server. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get resumeUrl(): string {
    return `ws://127.0.0.1:${this.port}/resume`;
  }

  private get port(): number {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("FakeDiscord is not started");
    return address.port;
  }

  // ---- Observing REST

  callsTo(method: string, path: string | RegExp): DiscordCall[] {
    return this.rest.callsTo(method, path);
  }

  /** Resolves with the first call (already made or still to come) that `predicate` accepts. */
  waitFor(predicate: (call: DiscordCall) => boolean, timeoutMs = 5_000): Promise<DiscordCall> {
    return this.rest.waitFor(predicate, timeoutMs);
  }

  /** Resolves with the first gateway payload from a client (already received or still to come) that `predicate` accepts. */
  waitForGateway(predicate: (payload: { op: number; d: unknown }) => boolean, timeoutMs = 5_000): Promise<{ op: number; d: unknown }> {
    return this.gateway.waitFor(predicate, timeoutMs);
  }

  /** Answer matching calls with this status and Discord error body (`times` times, then normally). */
  fail(method: string, path: RegExp, status: number, body: { code: number; message: string } = { code: 0, message: `${status}: Failure` }, times = Number.POSITIVE_INFINITY): void {
    this.rest.fail(method, path, status, body, times);
  }

  /** Ends every failure `fail` injected: Discord has recovered. */
  recover(): void {
    this.rest.recover();
  }

  /**
   * Carry out matching calls (a message is created) but never answer them, `times` times: what a
   * client sees when Discord accepted a request and the connection died before the answer came.
   */
  hold(method: string, path: RegExp, times = 1): void {
    this.rest.hold(method, path, times);
  }

  /** Answer matching calls only after `ms` (`times` times, then at once): Discord having a slow moment. */
  delay(method: string, path: RegExp, ms: number, times = 1): void {
    this.rest.delay(method, path, ms, times);
  }

  /** A message the fake knows (sent by the bot, or posted by a test), with any edits applied. */
  message(id: string): APIMessage | undefined {
    return this.messages.get(id)?.message;
  }

  /** What a message showed over time: its creation, each edit and its deletion, with when each happened. */
  versions(id: string): MessageVersion[] {
    return this.messages.versions(id);
  }

  messagesIn(channelId: string): APIMessage[] {
    return this.messages.inChannel(channelId);
  }

  thread(id: string): APIThreadChannel | undefined {
    return this.world.channels.threads.get(id);
  }

  /** Commands registered by PUT, globally or for one guild. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.commands.list(guildId);
  }

  // ---- Users and payload builders

  /** A member of the guild, the same user every time for the same name. */
  user(name: string, joinedAt: number = Date.now() - 90 * 86_400_000): APIUser {
    return this.world.users.named(name, joinedAt);
  }

  /** `/mock-interview start` as Discord sends it when a member runs it in `channelId` (the text channel by default). */
  slashCommand(options: { user: APIUser; level?: string; problem?: string; private?: boolean; channelId?: string }): APIChatInputApplicationCommandGuildInteraction {
    return this.command({ user: options.user, subcommand: "start", options: { level: options.level, problem: options.problem, private: options.private }, ...(options.channelId ? { channelId: options.channelId } : {}) });
  }

  /**
   * `/mock-interview [group] <subcommand>` with its options, as Discord nests them; a user option
   * (an APIUser) arrives as the id with the user and their member data in `resolved`.
   */
  command(options: { user: APIUser; channelId?: string; name?: string } & CommandShape): APIChatInputApplicationCommandGuildInteraction {
    return this.payloads.command(options);
  }

  /** What Discord sends while a member types into an option (`problem` of start by default; `level` as already chosen). */
  autocomplete(options: { user: APIUser; typed: string; level?: string; channelId?: string; option?: string; subcommand?: string; group?: string; others?: Record<string, OptionValue> }): APIApplicationCommandAutocompleteGuildInteraction {
    return this.payloads.autocomplete(options);
  }

  /** A click on a button of a message the fake knows (one the bot sent), in that message's channel. */
  button(options: { user: APIUser; customId: string; messageId: string }): APIMessageComponentButtonInteraction {
    return this.payloads.button(options);
  }

  /** A submitted modal: one text input per field, each in its own action row as Discord nests them. */
  modalSubmit(options: { user: APIUser; customId: string; fields: Record<string, string>; channelId?: string }): APIModalSubmitGuildInteraction {
    return this.payloads.modalSubmit(options);
  }

  /**
   * The member submits the modal an interaction was answered with: what it showed (prefilled text,
   * default options) with `answers` changed, from the same channel (and message, for a button's).
   */
  submitModal(options: { user: APIUser; openedBy: { id: string }; answers?: ModalAnswers }): APIModalSubmitGuildInteraction {
    return this.payloads.submitModal(options);
  }

  /** The modal an interaction was answered with, as Discord shows it to the member. */
  shownModal(interactionId: string): ShownModal | undefined {
    return this.interactions.get(interactionId)?.modal;
  }

  /** A member's message in a channel or thread, as MESSAGE_CREATE carries it (guild_id, member, channel_type). */
  threadMessage(options: { author: APIUser; channelId: string; content: string; id?: string }): GatewayMessageCreateDispatchData {
    return this.messages.fromMember(options);
  }

  // ---- Driving the gateway

  /** Sends a dispatch on the live session with the next sequence number; null when the session's intents filter it out. */
  dispatch(event: string, data: unknown): Promise<number | null> {
    return this.gateway.dispatch(event, data);
  }

  /** Dispatches INTERACTION_CREATE; from now on the interaction's token is good for callbacks and webhooks. */
  interact(interaction: APIInteraction): Promise<number | null> {
    return this.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
  }

  /**
   * Dispatches MESSAGE_CREATE for a member's message and remembers it, so threads can be started from
   * it; posting the same message again is how Discord's rare redeliveries look.
   */
  post(message: GatewayMessageCreateDispatchData): Promise<number | null> {
    if (!this.messages.has(message.id)) this.messages.store(message, false);
    return this.dispatch(GatewayDispatchEvents.MessageCreate, message);
  }

  /** Sends an earlier dispatch again, byte for byte (same sequence number), as a resumed session replays it. */
  replay(sequence: number): Promise<void> {
    return this.gateway.replay(sequence);
  }

  /** Drops the live connection with `code`; discord.js then resumes at `resume_gateway_url`. Dispatches meanwhile wait for the RESUME. */
  disconnect(code: number = GatewayCloseCodes.UnknownError): void {
    this.gateway.disconnect(code);
  }

  /** A thread someone else opened in a text channel (the default one unless named); THREAD_CREATE tells the live session, as Discord does. */
  async createThread(options: { name: string; owner: APIUser; type?: ThreadType; channelId?: string }): Promise<APIThreadChannel> {
    const thread = this.world.channels.addThread(options.channelId ?? this.channel.id, options.name, options.owner.id, options.type ?? ChannelType.PublicThread, this.ids.next());
    if (this.gateway.intents !== undefined) await this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
    return thread;
  }

  /** Another text channel in the guild (one per test, say); CHANNEL_CREATE tells the live session, as Discord does. */
  async addChannel(name: string, options: { overwrites?: APIOverwrite[] } = {}): Promise<APITextChannel> {
    const channel = this.world.channels.addText(this.ids.next(), name, this.world.channels.text.size, options.overwrites);
    if (this.gateway.intents !== undefined) await this.dispatch(GatewayDispatchEvents.ChannelCreate, channel);
    return channel;
  }

  /** A text channel only `members` (and the bot) can see: @everyone denied View Channel, each member allowed it. */
  privateChannel(name: string, members: APIUser[]): Promise<APITextChannel> {
    return this.addChannel(name, { overwrites: this.access.privateOverwrites(this.botRoleId, members.map((member) => member.id)) });
  }

  /** A role with these permissions, held by `holders`. */
  addRole(name: string, permissions: bigint, holders: APIUser[] = []): APIRole {
    const role = this.access.addRole(name, permissions);
    for (const holder of holders) this.access.assign(holder.id, role.id);
    return role;
  }

  /** The member leaves the guild: REST answers Unknown Member for them from now on. */
  leaveGuild(user: APIUser): void {
    this.access.leave(user.id);
  }

  /** The user's privacy settings refuse direct messages from the bot (Discord's 50007 on send). */
  closeDirectMessages(user: APIUser): void {
    this.world.channels.closedDms.add(user.id);
  }

  /** The DM channel the bot opened with the user, if it did. */
  dmChannelWith(user: APIUser): APIDMChannel | undefined {
    return this.world.channels.dms.get(user.id);
  }
}
