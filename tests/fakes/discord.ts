import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIAttachment,
  type APIDMChannel,
  type APIGuild,
  type APIOverwrite,
  type APIRole,
  type APIInteractionDataResolvedGuildMember,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIEmbed,
  type APIGuildMemberNoUser,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageTopLevelComponent,
  type APIModalSubmitGuildInteraction,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayMessageCreateDispatchData,
  type GatewayReadyDispatchData,
  type RESTGetAPIGatewayBotResult,
} from "discord.js";
import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";
import { commandOptions, type CommandShape, type OptionValue } from "./discord/command-options.js";
import { CommandsSchema } from "./discord/command-schema.js";
import { FakeGuildAccess } from "./discord/guild-access.js";
import { fillModal, ModalSchema, type ModalAnswers, type ShownModal } from "./discord/modals.js";
import { parseBody, safeJson, type UploadedFile } from "./discord/multipart.js";

export type { ModalAnswers, ShownModal } from "./discord/modals.js";
export type { UploadedFile } from "./discord/multipart.js";

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
 * recorded; tests drive the gateway with `dispatch`, `interact`, `post`, `replay`, `disconnect` and
 * `addChannel` (a fresh text channel, announced with CHANNEL_CREATE).
 *
 * For the team features (helpers under ./discord/): subcommands and user options (`command`),
 * modals with labels and selects held to Discord's limits and filled in by `submitModal`, direct
 * messages (`POST /users/@me/channels`, `closeDirectMessages`), multipart uploads recorded byte for
 * byte (`DiscordCall.attachments`), and roles, members and channel overwrites (`addRole`,
 * `privateChannel`, `leaveGuild`) answered over REST as Discord computes permissions.
 */

/** One REST call as the real client sent it. `path` is relative to `/api/v10` and decoded (`Routes.*` output matches it through `callsTo`). */
export interface DiscordCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON (or the `payload_json` of a multipart upload); undefined when there was no body. */
  body: unknown;
  /** How many files a multipart upload attached. */
  files: number;
  /** The files themselves, bytes and all. */
  attachments: UploadedFile[];
  /** Whether `Authorization: Bot <token>` was sent (interaction callbacks and webhooks send none). */
  authorized: boolean;
  status: number;
  /** What the fake answered (a created message, a thread, an error body); undefined for a 204. */
  response: unknown;
}

/** One gateway connection as the client opened it. */
export interface GatewayConnection {
  /** `/gateway` for a fresh session, `/resume` when discord.js followed `resume_gateway_url`. */
  path: string;
  query: Record<string, string>;
}

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

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  sequence: number;
  /** Every dispatch of the session in order: RESUME replays from it, `replay` re-sends from it. */
  log: DispatchFrame[];
  socket: WebSocket | undefined;
}

interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  user: APIUser;
  createdAt: number;
  responseType: InteractionResponseType | undefined;
  /** The message `@original` stands for: the reply once one exists, or the clicked message. */
  originalId: string | undefined;
  componentMessageId: string | undefined;
  /** The modal it was answered with, for `submitModal` to fill in. */
  modal?: ShownModal;
}

interface StoredMessage {
  message: APIMessage;
  ephemeral: boolean;
}

type ThreadType = ChannelType.PublicThread | ChannelType.PrivateThread;

interface RestAnswer {
  status: number;
  body?: unknown;
  /** Gateway events Discord sends because of this call, dispatched once the response is out. */
  after?: () => Promise<unknown>;
}

interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  authorized: boolean;
}

type Route = [method: string, pattern: RegExp, needsAuth: boolean, handler: (request: RestRequest, params: string[]) => RestAnswer | Promise<RestAnswer>];

const DISCORD_EPOCH = 1_420_070_400_000n;
/** How long Discord remembers an enforced nonce ("the past few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;
/** Discord sends 0 for "no flags"; TypeScript's flag enums refuse the literal 0 but take a number. */
const NO_FLAGS: number = 0;
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
/** What the bot is allowed in its channel: the least-privilege set the README asks servers to grant. */
const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.CreatePrivateThreads,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
].reduce((all, flag) => all | flag, 0n);
const MEMBER_PERMISSIONS = BOT_PERMISSIONS | PermissionFlagsBits.UseApplicationCommands | PermissionFlagsBits.AddReactions;

/** Discord-shaped snowflakes: milliseconds since 2015 in the top 42 bits, then worker, process and increment. */
export class Snowflakes {
  private last = 0n;
  private increment = 0n;

  next(at: number = Date.now()): string {
    let time = BigInt(at) - DISCORD_EPOCH;
    if (time <= this.last) {
      time = this.last;
      this.increment += 1n;
      if (this.increment > 0xfffn) {
        time += 1n;
        this.increment = 0n;
      }
    } else {
      this.increment = 0n;
    }
    this.last = time;
    const worker = 1n;
    return String((time << 22n) | (worker << 17n) | this.increment);
  }

  static timestampOf(id: string): number {
    return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
  }
}

export class FakeDiscord {
  readonly calls: DiscordCall[] = [];
  /** Every gateway payload clients sent (IDENTIFY, heartbeats, RESUME, …), in order. */
  readonly received: Array<{ op: number; d: unknown }> = [];
  readonly connections: GatewayConnection[] = [];
  /** Things a client did that this fake does not speak (compression, another encoding); a test should fail on them. */
  readonly protocolErrors: string[] = [];

  readonly ids = new Snowflakes();
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guild: { id: string; name: string; ownerId: string };
  readonly channel: APITextChannel;
  /** Roles, who holds them, and the permissions they give in a channel. */
  readonly access: FakeGuildAccess;
  readonly botRoleId: string;

  private readonly options: Required<Omit<FakeDiscordOptions, "token" | "guildName" | "channelName">>;
  private server: Server | undefined;
  private gateway: WebSocketServer | undefined;
  private readonly sessions = new Map<string, Session>();
  private session: Session | undefined;
  private readonly threads = new Map<string, APIThreadChannel>();
  /** The guild's text channels: `channel` and any added with `addChannel`. */
  private readonly textChannels = new Map<string, APITextChannel>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly users = new Map<string, APIUser>();
  /** Direct-message channels by recipient, and the users whose privacy settings refuse the bot's DMs. */
  private readonly dmChannels = new Map<string, APIDMChannel>();
  private readonly closedDms = new Set<string>();
  private readonly threadMembers = new Map<string, Set<string>>();
  private readonly commandIds = new Map<string, string>();
  private readonly commands = new Map<string, APIApplicationCommand[]>();
  private readonly failures: Array<{ method: string; path: RegExp; status: number; body: unknown; times: number }> = [];
  private readonly delays: Array<{ method: string; path: RegExp; ms: number; times: number }> = [];
  private waiters: Array<{ predicate: (call: DiscordCall) => boolean; resolve: (call: DiscordCall) => void }> = [];
  private gatewayWaiters: Array<{ predicate: (payload: { op: number; d: unknown }) => boolean; resolve: (payload: { op: number; d: unknown }) => void }> = [];
  private readonly routes: Route[];

  constructor(options: FakeDiscordOptions = {}) {
    this.options = {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
      privilegedIntents: options.privilegedIntents ?? GatewayIntentBits.MessageContent,
      echoBotMessages: options.echoBotMessages ?? true,
    };
    const created = Date.now() - 400 * 86_400_000;
    this.applicationId = this.ids.next(created);
    this.token = options.token ?? `${Buffer.from(this.applicationId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(28).toString("base64url")}`;
    this.botUser = { id: this.applicationId, username: "Mock Interview", discriminator: "4821", global_name: null, avatar: null, bot: true, flags: NO_FLAGS, public_flags: NO_FLAGS };
    const owner = this.user("guild-owner", created);
    this.guild = { id: this.ids.next(created), name: options.guildName ?? "ML Interview Club", ownerId: owner.id };
    this.botRoleId = this.ids.next(created);
    this.access = new FakeGuildAccess(this.guild.id, owner.id, MEMBER_PERMISSIONS, () => this.ids.next());
    this.access.addRole("Mock Interview", BOT_PERMISSIONS, { id: this.botRoleId, botId: this.applicationId });
    this.access.assign(this.botUser.id, this.botRoleId);
    this.channel = this.textChannel(this.ids.next(created), options.channelName ?? "mock-interviews", 0);
    this.routes = this.buildRoutes();
  }

  private textChannel(id: string, name: string, position: number, overwrites: APIOverwrite[] = []): APITextChannel {
    const channel: APITextChannel = {
      id,
      type: ChannelType.GuildText,
      guild_id: this.guild.id,
      name,
      position,
      permission_overwrites: overwrites,
      parent_id: null,
      topic: "Practise ML system design interviews with /mock-interview",
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: 1440,
      flags: NO_FLAGS,
    };
    this.textChannels.set(id, channel);
    return channel;
  }

  // ---- Lifecycle and addresses

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.gateway = new WebSocketServer({ noServer: true });
    this.server.on("upgrade", (request, socket, head) => this.upgrade(request, socket, head));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.gateway?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.gateway ? this.gateway.close(() => resolve()) : resolve()));
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
    return this.calls.filter((call) => call.method === method && (typeof path === "string" ? call.path === safeDecode(path) : path.test(call.path)));
  }

  /** Resolves with the first call (already made or still to come) that `predicate` accepts. */
  waitFor(predicate: (call: DiscordCall) => boolean, timeoutMs = 5_000): Promise<DiscordCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching Discord call within ${timeoutMs} ms; calls: ${this.calls.map((call) => `${call.method} ${call.path}`).join(", ") || "none"}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  }

  /** Resolves with the first gateway payload from a client (already received or still to come) that `predicate` accepts. */
  waitForGateway(predicate: (payload: { op: number; d: unknown }) => boolean, timeoutMs = 5_000): Promise<{ op: number; d: unknown }> {
    const seen = this.received.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching gateway payload within ${timeoutMs} ms; ops: ${this.received.map((payload) => payload.op).join(", ") || "none"}; protocol errors: ${this.protocolErrors.join("; ") || "none"}`)), timeoutMs);
      this.gatewayWaiters.push({ predicate, resolve: (payload) => (clearTimeout(timer), resolve(payload)) });
    });
  }

  /** Answer matching calls with this status and Discord error body (`times` times, then normally). */
  fail(method: string, path: RegExp, status: number, body: { code: number; message: string } = { code: 0, message: `${status}: Failure` }, times = Number.POSITIVE_INFINITY): void {
    this.failures.push({ method, path, status, body, times });
  }

  /** Answer matching calls only after `ms` (`times` times, then at once): Discord having a slow moment. */
  delay(method: string, path: RegExp, ms: number, times = 1): void {
    this.delays.push({ method, path, ms, times });
  }

  /** A message the fake knows (sent by the bot, or posted by a test), with any edits applied. */
  message(id: string): APIMessage | undefined {
    return this.messages.get(id)?.message;
  }

  messagesIn(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter((stored) => stored.message.channel_id === channelId).map((stored) => stored.message);
  }

  thread(id: string): APIThreadChannel | undefined {
    return this.threads.get(id);
  }

  /** Commands registered by PUT, globally or for one guild. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.commands.get(guildId ?? "global") ?? [];
  }

  // ---- Users and payload builders

  /** A member of the guild, the same user every time for the same name. */
  user(name: string, joinedAt: number = Date.now() - 90 * 86_400_000): APIUser {
    const known = this.users.get(name);
    if (known) return known;
    const user: APIUser = {
      id: this.ids.next(joinedAt),
      username: name.toLowerCase().replace(/[^a-z0-9_.]/g, ""),
      discriminator: "0",
      global_name: name.charAt(0).toUpperCase() + name.slice(1),
      avatar: null,
      public_flags: NO_FLAGS,
      flags: NO_FLAGS,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
    this.users.set(name, user);
    return user;
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
    const name = options.name ?? "mock-interview";
    const { options: data, resolved } = commandOptions(options, (user) => this.resolvedMember(user, options.channelId));
    return {
      ...this.interactionBase(InteractionType.ApplicationCommand, options.user, options.channelId),
      data: { id: this.commandId(name), name, type: ApplicationCommandType.ChatInput, guild_id: this.guild.id, options: data, ...(resolved ? { resolved } : {}) },
    };
  }

  /** What Discord sends while a member types into an option (`problem` of start by default; `level` as already chosen). */
  autocomplete(options: { user: APIUser; typed: string; level?: string; channelId?: string; option?: string; subcommand?: string; group?: string; others?: Record<string, OptionValue> }): APIApplicationCommandAutocompleteGuildInteraction {
    const shape: CommandShape = {
      subcommand: options.subcommand ?? "start",
      ...(options.group ? { group: options.group } : {}),
      options: { ...(options.level !== undefined ? { level: options.level } : {}), ...options.others },
      focused: { name: options.option ?? "problem", typed: options.typed },
    };
    const { options: data } = commandOptions(shape, (user) => this.resolvedMember(user, options.channelId));
    return {
      ...this.interactionBase(InteractionType.ApplicationCommandAutocomplete, options.user, options.channelId),
      data: { id: this.commandId("mock-interview"), name: "mock-interview", type: ApplicationCommandType.ChatInput, guild_id: this.guild.id, options: data },
    };
  }

  /** A click on a button of a message the fake knows (one the bot sent), in that message's channel. */
  button(options: { user: APIUser; customId: string; messageId: string }): APIMessageComponentButtonInteraction {
    const message = this.messages.get(options.messageId)?.message;
    if (!message) throw new Error(`FakeDiscord knows no message ${options.messageId} to click a button on`);
    return {
      ...this.interactionBase(InteractionType.MessageComponent, options.user, message.channel_id),
      data: { custom_id: options.customId, component_type: ComponentType.Button },
      message,
    };
  }

  /** A submitted modal: one text input per field, each in its own action row as Discord nests them. */
  modalSubmit(options: { user: APIUser; customId: string; fields: Record<string, string>; channelId?: string }): APIModalSubmitGuildInteraction {
    let id = 0;
    return {
      ...this.interactionBase(InteractionType.ModalSubmit, options.user, options.channelId),
      data: {
        custom_id: options.customId,
        components: Object.entries(options.fields).map(([customId, value]) => ({
          type: ComponentType.ActionRow,
          id: ++id,
          components: [{ type: ComponentType.TextInput, id: ++id, custom_id: customId, value }],
        })),
      },
    };
  }

  /**
   * The member submits the modal an interaction was answered with: what it showed (prefilled text,
   * default options) with `answers` changed, from the same channel (and message, for a button's).
   */
  submitModal(options: { user: APIUser; openedBy: { id: string }; answers?: ModalAnswers }): APIModalSubmitGuildInteraction {
    const opened = this.interactions.get(options.openedBy.id);
    if (!opened?.modal) throw new Error(`interaction ${options.openedBy.id} was not answered with a modal`);
    const message = opened.componentMessageId ? this.messages.get(opened.componentMessageId)?.message : undefined;
    return {
      ...this.interactionBase(InteractionType.ModalSubmit, options.user, opened.channelId),
      data: { custom_id: opened.modal.custom_id, components: fillModal(opened.modal, options.answers) },
      ...(message ? { message } : {}),
    };
  }

  /** The modal an interaction was answered with, as Discord shows it to the member. */
  shownModal(interactionId: string): ShownModal | undefined {
    return this.interactions.get(interactionId)?.modal;
  }

  /** A member's message in a channel or thread, as MESSAGE_CREATE carries it (guild_id, member, channel_type). */
  threadMessage(options: { author: APIUser; channelId: string; content: string; id?: string }): GatewayMessageCreateDispatchData {
    const id = options.id ?? this.ids.next();
    const thread = this.threads.get(options.channelId);
    return {
      ...this.messageShape(id, options.channelId, options.author, { content: options.content }),
      guild_id: this.guild.id,
      member: this.member(options.author),
      mentions: [],
      channel_type: thread ? thread.type : ChannelType.GuildText,
    };
  }

  // ---- Driving the gateway

  /** Sends a dispatch on the live session with the next sequence number; null when the session's intents filter it out. */
  async dispatch(event: string, data: unknown): Promise<number | null> {
    const session = this.session;
    if (!session) throw new Error("FakeDiscord has no gateway session: log a client in first");
    if (!this.subscribed(session, event)) return null;
    return this.send(session, event, this.forIntents(session, event, data));
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
    if (!this.messages.has(message.id)) this.store(message, false);
    return this.dispatch(GatewayDispatchEvents.MessageCreate, message);
  }

  /** Sends an earlier dispatch again, byte for byte (same sequence number), as a resumed session replays it. */
  async replay(sequence: number): Promise<void> {
    const session = this.session;
    const frame = session?.log.find((entry) => entry.s === sequence);
    if (!session?.socket || !frame) throw new Error(`FakeDiscord cannot replay sequence ${sequence}: no such dispatch on a live session`);
    await sendFrame(session.socket, frame);
  }

  /** Drops the live connection with `code`; discord.js then resumes at `resume_gateway_url`. Dispatches meanwhile wait for the RESUME. */
  disconnect(code: number = GatewayCloseCodes.UnknownError): void {
    this.session?.socket?.close(code, "FakeDiscord dropped the connection");
  }

  /** A thread someone else opened in a text channel (the default one unless named); THREAD_CREATE tells the live session, as Discord does. */
  async createThread(options: { name: string; owner: APIUser; type?: ThreadType; channelId?: string }): Promise<APIThreadChannel> {
    const thread = this.newThread(options.channelId ?? this.channel.id, options.name, options.owner.id, options.type ?? ChannelType.PublicThread, this.ids.next());
    if (this.session) await this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
    return thread;
  }

  /** Another text channel in the guild (one per test, say); CHANNEL_CREATE tells the live session, as Discord does. */
  async addChannel(name: string, options: { overwrites?: APIOverwrite[] } = {}): Promise<APITextChannel> {
    const channel = this.textChannel(this.ids.next(), name, this.textChannels.size, options.overwrites);
    if (this.session) await this.dispatch(GatewayDispatchEvents.ChannelCreate, channel);
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
    this.closedDms.add(user.id);
  }

  /** The DM channel the bot opened with the user, if it did. */
  dmChannelWith(user: APIUser): APIDMChannel | undefined {
    return this.dmChannels.get(user.id);
  }

  // ---- Gateway internals

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if ((url.pathname !== "/gateway" && url.pathname !== "/resume") || !this.gateway) {
      socket.destroy();
      return;
    }
    this.gateway.handleUpgrade(request, socket, head, (ws) => this.open(ws, url));
  }

  private open(socket: WebSocket, url: URL): void {
    const query = Object.fromEntries(url.searchParams);
    this.connections.push({ path: url.pathname, query });
    let session: Session | undefined;
    const refuse = (code: number, problem: string) => {
      this.protocolErrors.push(problem);
      socket.close(code, problem.slice(0, 120));
    };
    socket.on("close", () => {
      if (session?.socket === socket) session.socket = undefined;
    });
    if (query.v !== "10") return refuse(GatewayCloseCodes.InvalidAPIVersion, `gateway version ${String(query.v)} requested; the fake speaks v10`);
    if (query.encoding !== "json") return refuse(GatewayCloseCodes.DecodeError, `encoding ${String(query.encoding)} requested; the fake speaks json`);
    if (query.compress) return refuse(GatewayCloseCodes.DecodeError, `compress=${query.compress} requested (is zlib-sync installed?); the fake sends plain JSON`);
    void sendFrame(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["gateway-prd-fake-1",{"micros":0.0}]'] }, s: null, t: null });
    socket.on("message", (raw, isBinary) => {
      if (isBinary) return refuse(GatewayCloseCodes.DecodeError, "a binary frame arrived; the fake speaks json text frames");
      const parsed = ClientPayloadSchema.safeParse(safeJson(String(raw)));
      if (!parsed.success) return refuse(GatewayCloseCodes.DecodeError, `an undecodable payload arrived: ${String(raw).slice(0, 80)}`);
      const payload = { op: parsed.data.op, d: parsed.data.d };
      this.received.push(payload);
      this.gatewayWaiters = this.gatewayWaiters.filter((waiter) => (waiter.predicate(payload) ? (waiter.resolve(payload), false) : true));
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          void sendFrame(socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
          return;
        case GatewayOpcodes.Identify: {
          if (session) return refuse(GatewayCloseCodes.AlreadyAuthenticated, "IDENTIFY sent twice on one connection");
          const identify = IdentifySchema.safeParse(payload.d);
          if (!identify.success) return refuse(GatewayCloseCodes.DecodeError, "IDENTIFY without token, intents and properties");
          if (identify.data.token !== this.token) return socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
          if (identify.data.compress) return refuse(GatewayCloseCodes.DecodeError, "IDENTIFY asked for compressed payloads; the fake sends plain JSON");
          if (identify.data.intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntents) return socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
          session = { id: randomBytes(16).toString("hex"), intents: identify.data.intents, sequence: 0, log: [], socket };
          this.sessions.set(session.id, session);
          this.session = session;
          void this.welcome(session, identify.data.shard ?? [0, 1]);
          return;
        }
        case GatewayOpcodes.Resume: {
          const resume = ResumeSchema.safeParse(payload.d);
          const known = resume.success && resume.data.token === this.token ? this.sessions.get(resume.data.session_id) : undefined;
          if (!resume.success || !known) {
            void sendFrame(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
            return;
          }
          session = known;
          session.socket = socket;
          this.session = session;
          void this.resumed(session, resume.data.seq ?? 0);
          return;
        }
        default:
          if (!session) return socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
      }
    });
  }

  /** READY, then GUILD_CREATE for the guild READY listed as unavailable: discord.js waits for it before `clientReady`. */
  private async welcome(session: Session, shard: [number, number]): Promise<void> {
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: [{ id: this.guild.id, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      shard,
      // GATEWAY_MESSAGE_CONTENT_LIMITED: what the portal's toggle sets for a bot in under 100 servers.
      application: { id: this.applicationId, flags: 1 << 19, flags_new: String(1 << 19) },
    };
    await this.send(session, GatewayDispatchEvents.Ready, ready);
    await this.send(session, GatewayDispatchEvents.GuildCreate, this.guildCreate());
  }

  private async resumed(session: Session, sequence: number): Promise<void> {
    const socket = session.socket;
    if (!socket) return;
    for (const frame of session.log.filter((entry) => entry.s > sequence)) await sendFrame(socket, frame);
    await this.send(session, GatewayDispatchEvents.Resumed, { _trace: ['["gateway-prd-fake-1",{"micros":0.0}]'] });
  }

  private async send(session: Session, event: string, data: unknown): Promise<number> {
    session.sequence += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data };
    session.log.push(frame);
    this.remember(event, data);
    if (session.socket) await sendFrame(session.socket, frame);
    return frame.s;
  }

  /** Interactions count from their dispatch: from then on their tokens answer, for 3 seconds to a callback. */
  private remember(event: string, data: unknown): void {
    if (event !== GatewayDispatchEvents.InteractionCreate) return;
    const interaction = InteractionSeenSchema.safeParse(data);
    const user = interaction.data?.member?.user;
    if (!interaction.success || !user || !interaction.data.channel_id) return;
    const { id, token, type, channel_id: channelId, message } = interaction.data;
    this.interactions.set(id, { id, token, type, channelId, user: { ...user }, createdAt: Date.now(), responseType: undefined, originalId: message?.id, componentMessageId: message?.id });
  }

  /** Discord sends guild message and thread events only to sessions that asked for their intent. */
  private subscribed(session: Session, event: string): boolean {
    const needs: Record<string, number> = {
      [GatewayDispatchEvents.MessageCreate]: GatewayIntentBits.GuildMessages,
      [GatewayDispatchEvents.MessageUpdate]: GatewayIntentBits.GuildMessages,
      [GatewayDispatchEvents.MessageDelete]: GatewayIntentBits.GuildMessages,
      [GatewayDispatchEvents.ChannelCreate]: GatewayIntentBits.Guilds,
      [GatewayDispatchEvents.ThreadCreate]: GatewayIntentBits.Guilds,
      [GatewayDispatchEvents.ThreadUpdate]: GatewayIntentBits.Guilds,
    };
    const intent = needs[event];
    return intent === undefined || Boolean(session.intents & intent);
  }

  /** Without MESSAGE_CONTENT, Discord blanks other users' content unless the message mentions the bot. */
  private forIntents(session: Session, event: string, data: unknown): unknown {
    if (event !== GatewayDispatchEvents.MessageCreate && event !== GatewayDispatchEvents.MessageUpdate) return data;
    if (session.intents & GatewayIntentBits.MessageContent) return data;
    const message = MessageSeenSchema.safeParse(data);
    if (!message.success || message.data.author.id === this.botUser.id) return data;
    if (message.data.mentions?.some((user) => user.id === this.botUser.id) || !isRecord(data)) return data;
    return { ...data, content: "", embeds: [], attachments: [], components: [] };
  }

  private guildCreate(): GatewayGuildCreateDispatchData {
    const now = new Date().toISOString();
    // Channels inside GUILD_CREATE carry no guild_id (GET /channels/:id does).
    const channels = [...this.textChannels.values()].map((channel) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- destructured only to leave it out
      const { guild_id: _guildId, ...rest } = channel;
      return rest;
    });
    return {
      id: this.guild.id,
      name: this.guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.guild.ownerId,
      region: "",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      roles: this.access.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channel.id,
      system_channel_flags: NO_FLAGS,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: this.users.size + 1,
      voice_states: [],
      members: [{ ...this.member(this.botUser), user: this.botUser }],
      channels,
      threads: [...this.threads.values()],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- REST

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const { body, files: attachments } = await parseBody(Buffer.concat(chunks), request.headers["content-type"]);
    const method = request.method ?? "GET";
    const authorized = request.headers.authorization === `Bot ${this.token}`;
    const versioned = url.pathname.match(/^\/api\/v10(\/.*)$/);
    // discord-api-types' Routes percent-encode arguments (`@original` becomes `%40original`); record the decoded path.
    const path = safeDecode(versioned?.[1] ?? url.pathname);
    const call: DiscordCall = { method, path, query: Object.fromEntries(url.searchParams), body, files: attachments.length, attachments, authorized, status: 0, response: undefined };
    this.calls.push(call);
    const answer = versioned ? await this.answer({ method, path, query: url.searchParams, body, files: attachments, authorized }) : notFound();
    call.status = answer.status;
    // A copy: stored messages change with later edits, the recorded answer must not.
    call.response = answer.body === undefined ? undefined : structuredClone(answer.body);
    respond(response, answer);
    this.waiters = this.waiters.filter((waiter) => (waiter.predicate(call) ? (waiter.resolve(call), false) : true));
    await answer.after?.();
  }

  private async answer(request: RestRequest): Promise<RestAnswer> {
    const delay = this.delays.find((entry) => entry.method === request.method && entry.path.test(request.path) && entry.times > 0);
    if (delay) {
      delay.times -= 1;
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const failure = this.failures.find((entry) => entry.method === request.method && entry.path.test(request.path) && entry.times > 0);
    if (failure) {
      failure.times -= 1;
      return { status: failure.status, body: failure.body };
    }
    for (const [method, pattern, needsAuth, handler] of this.routes) {
      const match = request.path.match(pattern);
      if (method !== request.method || !match) continue;
      if (needsAuth && !request.authorized) return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
      return handler(request, match.slice(1));
    }
    return notFound();
  }

  private buildRoutes(): Route[] {
    const id = "(\\d+)";
    const token = "([A-Za-z0-9_\\-.]+)";
    return [
      ["GET", /^\/gateway\/bot$/, true, () => ({ status: 200, body: this.gatewayBot() })],
      ["GET", /^\/users\/@me$/, true, () => ({ status: 200, body: { ...this.botUser, verified: true, mfa_enabled: false, locale: "en-US", email: null, bio: "" } })],
      ["PUT", new RegExp(`^/applications/${id}/commands$`), true, (request, [app]) => this.putCommands(request, app, undefined)],
      ["GET", new RegExp(`^/applications/${id}/commands$`), true, () => ({ status: 200, body: this.registeredCommands() })],
      ["PUT", new RegExp(`^/applications/${id}/guilds/${id}/commands$`), true, (request, [app, guild]) => this.putCommands(request, app, guild)],
      ["GET", new RegExp(`^/applications/${id}/guilds/${id}/commands$`), true, (_request, [, guild]) => ({ status: 200, body: this.registeredCommands(guild) })],
      ["POST", new RegExp(`^/interactions/${id}/${token}/callback$`), false, (request, [interaction, secret]) => this.callback(request, interaction ?? "", secret ?? "")],
      ["GET", new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), false, (_request, [app, secret]) => this.original(app, secret, (message) => ({ status: 200, body: message.message }))],
      ["PATCH", new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), false, (request, [app, secret]) => this.original(app, secret, (message) => this.edit(message, request.body))],
      ["DELETE", new RegExp(`^/webhooks/${id}/${token}/messages/@original$`), false, (_request, [app, secret]) => this.original(app, secret, (message) => this.remove(message))],
      ["PATCH", new RegExp(`^/webhooks/${id}/${token}/messages/${id}$`), false, (request, [app, secret, message]) => this.followUpEdit(request, app, secret, message)],
      ["POST", new RegExp(`^/webhooks/${id}/${token}$`), false, (request, [app, secret]) => this.followUp(request, app, secret)],
      ["GET", new RegExp(`^/channels/${id}$`), true, (_request, [channel]) => this.getChannel(channel ?? "")],
      ["POST", new RegExp(`^/channels/${id}/messages$`), true, (request, [channel]) => this.channelMessage(request, channel ?? "")],
      ["GET", new RegExp(`^/channels/${id}/messages/${id}$`), true, (_request, [channel, message]) => this.existing(channel, message, (stored) => ({ status: 200, body: stored.message }))],
      ["PATCH", new RegExp(`^/channels/${id}/messages/${id}$`), true, (request, [channel, message]) => this.existing(channel, message, (stored) => this.edit(stored, request.body))],
      ["DELETE", new RegExp(`^/channels/${id}/messages/${id}$`), true, (_request, [channel, message]) => this.existing(channel, message, (stored) => this.remove(stored))],
      ["POST", new RegExp(`^/channels/${id}/messages/${id}/threads$`), true, (request, [channel, message]) => this.threadFromMessage(request, channel ?? "", message ?? "")],
      ["POST", new RegExp(`^/channels/${id}/threads$`), true, (request, [channel]) => this.threadWithoutMessage(request, channel ?? "")],
      ["PUT", new RegExp(`^/channels/${id}/thread-members/(@me|\\d+)$`), true, (_request, [channel, user]) => this.addThreadMember(channel ?? "", user === "@me" ? this.botUser.id : (user ?? ""))],
      ["GET", new RegExp(`^/channels/${id}/thread-members/${id}$`), true, (_request, [channel, user]) => this.threadMember(channel ?? "", user ?? "")],
      ["GET", new RegExp(`^/guilds/${id}$`), true, (_request, [guild]) => (guild === this.guild.id ? { status: 200, body: this.guildObject() } : unknownGuild())],
      ["GET", new RegExp(`^/guilds/${id}/roles$`), true, (_request, [guild]) => (guild === this.guild.id ? { status: 200, body: this.access.roles } : unknownGuild())],
      ["GET", new RegExp(`^/guilds/${id}/members/${id}$`), true, (_request, [guild, user]) => this.guildMember(guild ?? "", user ?? "")],
      ["POST", /^\/users\/@me\/channels$/, true, (request) => this.openDm(request)],
      ["GET", new RegExp(`^/users/${id}$`), true, (_request, [user]) => {
        const known = [...this.users.values(), this.botUser].find((candidate) => candidate.id === user);
        return known ? { status: 200, body: known } : { status: 404, body: { message: "Unknown User", code: RESTJSONErrorCodes.UnknownUser } };
      }],
      ["POST", new RegExp(`^/channels/${id}/typing$`), true, (_request, [channel]) => (this.channelById(channel ?? "") ? { status: 204 } : unknownChannel())],
    ];
  }

  private gatewayBot(): RESTGetAPIGatewayBotResult {
    return { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } };
  }

  private putCommands(request: RestRequest, app: string | undefined, guildId: string | undefined): RestAnswer {
    if (app !== this.applicationId || (guildId !== undefined && guildId !== this.guild.id)) return { status: 403, body: { message: "Missing Access", code: RESTJSONErrorCodes.MissingAccess } };
    const parsed = CommandsSchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    const version = this.ids.next();
    const commands = parsed.data.map((command): APIApplicationCommand => ({
      id: this.commandId(command.name),
      application_id: this.applicationId,
      version,
      type: command.type ?? ApplicationCommandType.ChatInput,
      name: command.name,
      name_localizations: null,
      description: command.description ?? "",
      description_localizations: null,
      ...(command.options ? { options: command.options as APIApplicationCommandOption[] } : {}),
      default_member_permissions: command.default_member_permissions ?? null,
      nsfw: false,
      ...(guildId ? { guild_id: guildId } : { contexts: command.contexts ?? null, integration_types: command.integration_types ?? [0] }),
    }));
    this.commands.set(guildId ?? "global", commands);
    return { status: 200, body: commands };
  }

  private callback(request: RestRequest, id: string, token: string): RestAnswer {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token) return unknownInteraction();
    if (Date.now() - interaction.createdAt > this.options.interactionDeadlineMs) return unknownInteraction();
    if (interaction.responseType !== undefined) return { status: 400, body: { message: "Interaction has already been acknowledged.", code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged } };
    const parsed = CallbackSchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    const { type, data } = parsed.data;
    if (!ALLOWED_CALLBACKS[interaction.type]?.includes(type)) return invalidForm(undefined, ["type"], "Interaction response type is not valid for this interaction.");
    let after: (() => Promise<unknown>) | undefined;
    if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage) {
      const problem = messageProblem(data, { requireContent: type === InteractionResponseType.ChannelMessageWithSource });
      if (problem) return prefixed(problem, "data");
    }
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const choices = AutocompleteResultSchema.safeParse(data);
      if (!choices.success) return invalidForm(choices.error, ["data"]);
    }
    if (type === InteractionResponseType.Modal) {
      const modal = ModalSchema.safeParse(data);
      if (!modal.success) return invalidForm(modal.error, ["data"]);
      interaction.modal = modal.data;
    }
    interaction.responseType = type;
    const flags = isRecord(data) && typeof data.flags === "number" ? data.flags : 0;
    const ephemeral = Boolean(flags & MessageFlags.Ephemeral);
    if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const loading = type === InteractionResponseType.DeferredChannelMessageWithSource;
      const stored = this.createMessage(interaction.channelId, loading ? { flags: flags | MessageFlags.Loading } : data, { interaction, ephemeral, flags: loading ? flags | MessageFlags.Loading : flags });
      interaction.originalId = stored.message.id;
      after = () => this.echo(GatewayDispatchEvents.MessageCreate, stored);
    }
    const clicked = interaction.componentMessageId ? this.messages.get(interaction.componentMessageId) : undefined;
    if (type === InteractionResponseType.UpdateMessage && clicked) after = this.edit(clicked, data).after;
    if (request.query.get("with_response") !== "true") return { status: 204, ...(after ? { after } : {}) };
    const original = interaction.originalId ? this.messages.get(interaction.originalId) : undefined;
    return {
      status: 200,
      body: {
        interaction: { id, type: interaction.type, response_message_id: original?.message.id, response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource, response_message_ephemeral: ephemeral },
        resource: { type, ...(original ? { message: original.message } : {}) },
      },
      ...(after ? { after } : {}),
    };
  }

  /** `@original`: unknown webhook until the interaction is acknowledged; unknown message when nothing was posted. */
  private original(app: string | undefined, token: string | undefined, act: (message: StoredMessage) => RestAnswer): RestAnswer {
    const interaction = this.interactionByToken(app, token);
    if (!interaction || interaction.responseType === undefined) return unknownWebhook();
    const stored = interaction.originalId ? this.messages.get(interaction.originalId) : undefined;
    return stored ? act(stored) : unknownMessage();
  }

  private followUp(request: RestRequest, app: string | undefined, token: string | undefined): RestAnswer {
    const interaction = this.interactionByToken(app, token);
    if (!interaction || interaction.responseType === undefined) return unknownWebhook();
    const problem = messageProblem(request.body, { requireContent: true });
    if (problem) return problem;
    // After a deferral, Discord turns the first follow-up into the "thinking…" reply itself.
    const original = interaction.originalId ? this.messages.get(interaction.originalId) : undefined;
    if (original && (original.message.flags ?? 0) & MessageFlags.Loading) return this.edit(original, request.body);
    const flags = isRecord(request.body) && typeof request.body.flags === "number" ? request.body.flags : 0;
    const stored = this.createMessage(interaction.channelId, request.body, { interaction, ephemeral: Boolean(flags & MessageFlags.Ephemeral), flags });
    const wait = request.query.get("wait") !== "false";
    return { status: wait ? 200 : 204, ...(wait ? { body: stored.message } : {}), after: () => this.echo(GatewayDispatchEvents.MessageCreate, stored) };
  }

  private followUpEdit(request: RestRequest, app: string | undefined, token: string | undefined, messageId: string | undefined): RestAnswer {
    const interaction = this.interactionByToken(app, token);
    if (!interaction || interaction.responseType === undefined) return unknownWebhook();
    const stored = this.messages.get(messageId ?? "");
    return stored?.message.webhook_id === this.applicationId ? this.edit(stored, request.body) : unknownMessage();
  }

  private channelMessage(request: RestRequest, channelId: string): RestAnswer {
    if (!this.channelById(channelId)) return unknownChannel();
    const problem = messageProblem(request.body, { requireContent: request.files.length === 0 });
    if (problem) return problem;
    const recipient = [...this.dmChannels.values()].find((dm) => dm.id === channelId)?.recipients?.[0];
    if (recipient && this.closedDms.has(recipient.id)) return { status: 403, body: { message: "Cannot send messages to this user", code: RESTJSONErrorCodes.CannotSendMessagesToThisUser } };
    // With enforce_nonce, a nonce the bot used in this channel in the last few minutes returns that message and creates none.
    const { nonce, enforce_nonce: enforceNonce } = MessageBodySchema.parse(request.body ?? {});
    if (enforceNonce && nonce !== undefined) {
      const earlier = [...this.messages.values()].find(
        (stored) => stored.message.channel_id === channelId && stored.message.author.id === this.botUser.id && stored.message.nonce === nonce && Date.now() - Snowflakes.timestampOf(stored.message.id) < NONCE_WINDOW_MS,
      );
      if (earlier) return { status: 200, body: earlier.message };
    }
    const stored = this.createMessage(channelId, request.body, { ephemeral: false, flags: 0 });
    if (nonce !== undefined) stored.message.nonce = nonce;
    stored.message.attachments = this.attachmentsFor(stored.message.id, request);
    return { status: 200, body: stored.message, after: () => this.echo(GatewayDispatchEvents.MessageCreate, stored) };
  }

  private existing(channelId: string | undefined, messageId: string | undefined, act: (stored: StoredMessage) => RestAnswer): RestAnswer {
    const stored = this.messages.get(messageId ?? "");
    if (!this.channelById(channelId ?? "")) return unknownChannel();
    return stored && stored.message.channel_id === channelId ? act(stored) : unknownMessage();
  }

  private edit(stored: StoredMessage, body: unknown): RestAnswer {
    if (stored.message.author.id !== this.botUser.id) return { status: 403, body: { message: "Cannot edit a message authored by another user", code: RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser } };
    const problem = messageProblem(body, { requireContent: false });
    if (problem) return problem;
    const changes = MessageBodySchema.parse(body ?? {});
    const message = stored.message;
    if (changes.content !== undefined) message.content = changes.content ?? "";
    if (changes.embeds !== undefined) message.embeds = (changes.embeds ?? []) as APIEmbed[];
    if (changes.components !== undefined) message.components = (changes.components ?? []) as APIMessageTopLevelComponent[];
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    message.edited_timestamp = new Date().toISOString();
    return { status: 200, body: message, after: () => this.echo(GatewayDispatchEvents.MessageUpdate, stored) };
  }

  private remove(stored: StoredMessage): RestAnswer {
    this.messages.delete(stored.message.id);
    return { status: 204, after: async () => (this.options.echoBotMessages && !stored.ephemeral && this.session ? this.dispatch(GatewayDispatchEvents.MessageDelete, { id: stored.message.id, channel_id: stored.message.channel_id, guild_id: this.guild.id }) : undefined) };
  }

  private getChannel(id: string): RestAnswer {
    const channel = this.channelById(id);
    return channel ? { status: 200, body: channel } : unknownChannel();
  }

  private threadFromMessage(request: RestRequest, channelId: string, messageId: string): RestAnswer {
    if (this.threads.has(channelId)) return { status: 400, body: { message: "Cannot execute action on this channel type", code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType } };
    if (!this.textChannels.has(channelId)) return unknownChannel();
    const stored = this.messages.get(messageId);
    if (!stored || stored.message.channel_id !== channelId || stored.ephemeral) return unknownMessage();
    if (stored.message.thread || this.threads.has(messageId)) return { status: 400, body: { message: "A thread has already been created for this message", code: RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage } };
    const parsed = ThreadBodySchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    // A thread started from a message takes the message's id, and is always public.
    const thread = this.newThread(channelId, parsed.data.name, this.botUser.id, ChannelType.PublicThread, messageId, parsed.data.auto_archive_duration);
    stored.message.thread = thread;
    stored.message.flags = (stored.message.flags ?? 0) | MessageFlags.HasThread;
    return { status: 201, body: thread, after: () => this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }) };
  }

  private threadWithoutMessage(request: RestRequest, channelId: string): RestAnswer {
    if (this.threads.has(channelId)) return { status: 400, body: { message: "Cannot execute action on this channel type", code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType } };
    if (!this.textChannels.has(channelId)) return unknownChannel();
    const parsed = ThreadBodySchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    // The API still defaults to a private thread when no type is given.
    const type = parsed.data.type === ChannelType.PublicThread ? ChannelType.PublicThread : ChannelType.PrivateThread;
    const thread = this.newThread(channelId, parsed.data.name, this.botUser.id, type, this.ids.next(), parsed.data.auto_archive_duration, parsed.data.invitable);
    return { status: 201, body: thread, after: () => this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }) };
  }

  // ---- State helpers

  private newThread(parentId: string, name: string, ownerId: string, type: ThreadType, id: string, autoArchive: 60 | 1440 | 4320 | 10080 = 1440, invitable = true): APIThreadChannel {
    const now = new Date().toISOString();
    const thread: APIThreadChannel = {
      id,
      type,
      guild_id: this.guild.id,
      parent_id: parentId,
      owner_id: ownerId,
      name,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: NO_FLAGS,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: now, locked: false, create_timestamp: now, ...(type === ChannelType.PrivateThread ? { invitable } : {}) },
    };
    this.threads.set(id, thread);
    this.threadMembers.set(id, new Set([ownerId]));
    return thread;
  }

  private channelById(id: string): APITextChannel | APIThreadChannel | APIDMChannel | undefined {
    return this.textChannels.get(id) ?? this.threads.get(id) ?? [...this.dmChannels.values()].find((dm) => dm.id === id);
  }

  /** The attachments a multipart message carries: each file, with the filename and alt text `payload_json` gave it. */
  private attachmentsFor(messageId: string, request: RestRequest): APIAttachment[] {
    const described = AttachmentsBodySchema.safeParse(request.body ?? {});
    return request.files.map((file, index) => {
      const entry = described.success ? described.data.attachments?.find((attachment) => String(attachment.id) === String(index)) : undefined;
      const filename = entry?.filename ?? file.filename;
      const id = this.ids.next();
      const url = `https://cdn.discordapp.com/attachments/${messageId}/${id}/${filename}`;
      return { id, filename, size: file.data.length, url, proxy_url: url, content_type: file.contentType, ...(entry?.description ? { description: entry.description } : {}) };
    });
  }

  private addThreadMember(threadId: string, userId: string): RestAnswer {
    if (!this.threads.has(threadId)) return unknownChannel();
    const members = this.threadMembers.get(threadId) ?? new Set<string>();
    members.add(userId);
    this.threadMembers.set(threadId, members);
    return { status: 204 };
  }

  private threadMember(threadId: string, userId: string): RestAnswer {
    const thread = this.threads.get(threadId);
    if (!thread) return unknownChannel();
    if (!this.threadMembers.get(threadId)?.has(userId)) return unknownMember();
    return { status: 200, body: { id: threadId, user_id: userId, join_timestamp: thread.thread_metadata?.create_timestamp ?? new Date().toISOString(), flags: NO_FLAGS } };
  }

  private guildMember(guildId: string, userId: string): RestAnswer {
    if (guildId !== this.guild.id) return unknownGuild();
    const user = userId === this.botUser.id ? this.botUser : [...this.users.values()].find((known) => known.id === userId);
    if (!user || !this.access.isMember(userId)) return unknownMember();
    return { status: 200, body: { ...this.member(user), user } };
  }

  /** `POST /users/@me/channels`: the DM channel with the recipient, the same one every time. */
  private openDm(request: RestRequest): RestAnswer {
    const recipientId = isRecord(request.body) && typeof request.body.recipient_id === "string" ? request.body.recipient_id : undefined;
    const recipient = [...this.users.values()].find((user) => user.id === recipientId);
    if (!recipient) return { status: 400, body: { message: "Invalid Recipient(s)", code: RESTJSONErrorCodes.InvalidRecipients } };
    const known = this.dmChannels.get(recipient.id);
    if (known) return { status: 200, body: known };
    const channel: APIDMChannel = { id: this.ids.next(), type: ChannelType.DM, name: null, last_message_id: null, flags: NO_FLAGS, recipients: [recipient] };
    this.dmChannels.set(recipient.id, channel);
    return { status: 200, body: channel };
  }

  /** `GET /guilds/:id`: the guild as REST returns it (no members, channels or other gateway-only fields). */
  private guildObject(): APIGuild {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- destructured only to leave the gateway-only fields out
    const { joined_at, large, unavailable, member_count, voice_states, members, channels, threads, presences, stage_instances, guild_scheduled_events, soundboard_sounds, ...guild } = this.guildCreate();
    return guild;
  }

  private commandId(name: string): string {
    const known = this.commandIds.get(name);
    if (known) return known;
    const id = this.ids.next();
    this.commandIds.set(name, id);
    return id;
  }

  private interactionByToken(app: string | undefined, token: string | undefined): InteractionState | undefined {
    if (app !== this.applicationId) return undefined;
    return [...this.interactions.values()].find((interaction) => interaction.token === token);
  }

  private member(user: APIUser): APIGuildMemberNoUser {
    const joined = new Date(Snowflakes.timestampOf(user.id)).toISOString();
    return { nick: null, avatar: null, banner: null, roles: this.access.rolesOf(user.id), joined_at: joined, premium_since: null, deaf: false, mute: false, flags: NO_FLAGS, pending: false, communication_disabled_until: null };
  }

  /** A member as a user option resolves them: their member data and their permissions in the channel. */
  private resolvedMember(user: APIUser, channelId?: string): APIInteractionDataResolvedGuildMember {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- resolved members carry no deaf/mute
    const { deaf, mute, ...member } = this.member(user);
    return { ...member, permissions: String(this.access.permissionsIn(this.overwritesOf(channelId ?? this.channel.id), user.id)) };
  }

  /** A thread takes its parent channel's overwrites. */
  private overwritesOf(channelId: string): { permission_overwrites?: APIOverwrite[] } {
    const thread = this.threads.get(channelId);
    const channel = this.textChannels.get(thread?.parent_id ?? channelId);
    return { permission_overwrites: channel?.permission_overwrites ?? [] };
  }

  private interactionBase<Type extends InteractionType>(type: Type, user: APIUser, channelId?: string) {
    const id = this.ids.next();
    const channel = this.channelById(channelId ?? this.channel.id);
    if (!channel) throw new Error(`FakeDiscord knows no channel ${String(channelId)}`);
    const permissions = String(this.access.permissionsIn(this.overwritesOf(channel.id), user.id));
    const member: APIInteractionGuildMember = { ...this.member(user), user, permissions };
    return {
      id,
      application_id: this.applicationId,
      type,
      token: Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url"),
      version: 1 as const,
      guild: { id: this.guild.id, locale: Locale.EnglishUS, features: [] },
      guild_id: this.guild.id,
      channel: { ...channel, permissions },
      channel_id: channel.id,
      member,
      app_permissions: String(this.access.permissionsIn(this.overwritesOf(channel.id), this.botUser.id)),
      locale: Locale.EnglishGB,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { "0": this.guild.id },
      context: 0 as const,
      attachment_size_limit: 10_485_760,
    };
  }

  private messageShape(id: string, channelId: string, author: APIUser, body: { content?: string | null | undefined; embeds?: unknown; components?: unknown }): APIMessage {
    return {
      id,
      type: MessageType.Default,
      channel_id: channelId,
      author,
      content: body.content ?? "",
      timestamp: new Date(Snowflakes.timestampOf(id)).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: (body.embeds ?? []) as APIEmbed[],
      components: (body.components ?? []) as APIMessageTopLevelComponent[],
      pinned: false,
      flags: NO_FLAGS,
    };
  }

  private createMessage(channelId: string, body: unknown, context: { interaction?: InteractionState; ephemeral: boolean; flags: number }): StoredMessage {
    const parsed = MessageBodySchema.safeParse(body ?? {});
    const fields = parsed.success ? parsed.data : {};
    const message = this.messageShape(this.ids.next(), channelId, this.botUser, fields);
    message.flags = context.flags;
    const interaction = context.interaction;
    if (interaction) {
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      message.type = interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
      const base = { id: interaction.id, user: interaction.user, authorizing_integration_owners: { "0": this.guild.id } };
      if (interaction.type === InteractionType.ApplicationCommand) message.interaction_metadata = { ...base, type: InteractionType.ApplicationCommand };
      if (interaction.type === InteractionType.MessageComponent && interaction.componentMessageId) {
        message.interaction_metadata = { ...base, type: InteractionType.MessageComponent, interacted_message_id: interaction.componentMessageId };
      }
    }
    return this.store(message, context.ephemeral);
  }

  private store(message: APIMessage, ephemeral: boolean): StoredMessage {
    const stored = { message, ephemeral };
    this.messages.set(message.id, stored);
    const thread = this.threads.get(message.channel_id);
    if (thread && !ephemeral) {
      thread.message_count = (thread.message_count ?? 0) + 1;
      thread.total_message_sent = (thread.total_message_sent ?? 0) + 1;
      thread.last_message_id = message.id;
    } else if (!ephemeral) {
      const channel = this.textChannels.get(message.channel_id);
      if (channel) channel.last_message_id = message.id;
    }
    return stored;
  }

  /** Discord tells every session about the bot's own non-ephemeral messages too. */
  private async echo(event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, stored: StoredMessage): Promise<void> {
    if (!this.options.echoBotMessages || stored.ephemeral || !this.session) return;
    // Direct messages reach only sessions with the DirectMessages intent, which this bot does not ask for.
    if ([...this.dmChannels.values()].some((dm) => dm.id === stored.message.channel_id) && !(this.session.intents & GatewayIntentBits.DirectMessages)) return;
    const thread = this.threads.get(stored.message.channel_id);
    await this.dispatch(event, { ...stored.message, guild_id: this.guild.id, member: this.member(this.botUser), mentions: [], channel_type: thread ? thread.type : ChannelType.GuildText });
  }
}

// ---- Payload schemas: what Discord validates, with its limits and its messages

const ClientPayloadSchema = z.looseObject({ op: z.number().int(), d: z.unknown() });
const IdentifySchema = z.looseObject({
  token: z.string(),
  intents: z.number().int(),
  properties: z.looseObject({ os: z.string(), browser: z.string(), device: z.string() }),
  compress: z.boolean().optional(),
  shard: z.tuple([z.number().int(), z.number().int()]).optional(),
});
const ResumeSchema = z.looseObject({ token: z.string(), session_id: z.string(), seq: z.number().int().nullable() });
const UserSeenSchema = z.looseObject({ id: z.string(), username: z.string(), discriminator: z.string(), global_name: z.string().nullable(), avatar: z.string().nullable() });
const InteractionSeenSchema = z.looseObject({
  id: z.string(),
  token: z.string(),
  type: z.enum(InteractionType),
  channel_id: z.string().optional(),
  member: z.looseObject({ user: UserSeenSchema }).optional(),
  message: z.looseObject({ id: z.string() }).optional(),
  data: z.looseObject({ name: z.string().optional() }).optional(),
});
const MessageSeenSchema = z.looseObject({ id: z.string(), channel_id: z.string(), author: z.looseObject({ id: z.string() }), mentions: z.array(z.looseObject({ id: z.string() })).optional() });

const maxLength = (limit: number) => `Must be ${limit} or fewer in length.`;
const EmbedSchema = z.looseObject({
  title: z.string().max(256, maxLength(256)).optional(),
  description: z.string().max(4096, maxLength(4096)).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  fields: z
    .array(z.looseObject({ name: z.string().min(1, "This field is required").max(256, maxLength(256)), value: z.string().min(1, "This field is required").max(1024, maxLength(1024)), inline: z.boolean().optional() }))
    .max(25, maxLength(25))
    .optional(),
  footer: z.looseObject({ text: z.string().max(2048, maxLength(2048)) }).optional(),
  author: z.looseObject({ name: z.string().max(256, maxLength(256)) }).optional(),
});
const ButtonSchema = z.looseObject({
  type: z.literal(ComponentType.Button),
  style: z.number().int().min(1).max(6),
  label: z.string().max(80, maxLength(80)).optional(),
  custom_id: z.string().min(1).max(100, maxLength(100)).optional(),
});
const RowSchema = z.looseObject({ type: z.literal(ComponentType.ActionRow), components: z.array(ButtonSchema).min(1).max(5, maxLength(5)) });
const MessageBodySchema = z.looseObject({
  content: z.string().max(2000, maxLength(2000)).nullish(),
  embeds: z.array(EmbedSchema).max(10, maxLength(10)).nullish(),
  components: z.array(RowSchema).max(5, maxLength(5)).nullish(),
  flags: z.number().int().optional(),
  nonce: z.union([z.string().max(25, maxLength(25)), z.number().int()]).optional(),
  enforce_nonce: z.boolean().optional(),
  allowed_mentions: z.looseObject({ parse: z.array(z.enum(["roles", "users", "everyone"])).optional() }).optional(),
});
const AutocompleteResultSchema = z.looseObject({
  choices: z.array(z.looseObject({ name: z.string().min(1).max(100, maxLength(100)), value: z.union([z.string().max(100, maxLength(100)), z.number()]) })).max(25, maxLength(25)),
});
const AttachmentsBodySchema = z.looseObject({ attachments: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), filename: z.string().optional(), description: z.string().max(1024, maxLength(1024)).optional() })).optional() });
const CallbackSchema = z.looseObject({ type: z.enum(InteractionResponseType), data: z.unknown().optional() });
const ThreadBodySchema = z.looseObject({
  name: z.string().min(1, "This field is required").max(100, maxLength(100)),
  auto_archive_duration: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]).optional(),
  type: z.union([z.literal(ChannelType.AnnouncementThread), z.literal(ChannelType.PublicThread), z.literal(ChannelType.PrivateThread)]).optional(),
  invitable: z.boolean().optional(),
});
/** Which callback types Discord accepts for each kind of interaction. */
const ALLOWED_CALLBACKS: Partial<Record<InteractionType, InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.Modal],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage],
};

/** A message body Discord would refuse: over a limit (50035), or with nothing to show (50006). */
function messageProblem(body: unknown, options: { requireContent: boolean }): RestAnswer | undefined {
  const parsed = MessageBodySchema.safeParse(body ?? {});
  if (!parsed.success) return invalidForm(parsed.error);
  const { content, embeds, components } = parsed.data;
  const embedTotal = (embeds ?? []).reduce(
    (sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + (embed.fields ?? []).reduce((fieldSum, field) => fieldSum + field.name.length + field.value.length, 0),
    0,
  );
  if (embedTotal > 6000) return invalidForm(undefined, ["embeds"], "Embed size exceeds maximum size of 6000");
  if (options.requireContent && !content && !embeds?.length && !components?.length) return { status: 400, body: { message: "Cannot send an empty message", code: RESTJSONErrorCodes.CannotSendAnEmptyMessage } };
  return undefined;
}

/** Discord's 50035 body: errors nested along the offending path, each with `_errors`. */
function invalidForm(error: z.ZodError | undefined, prefix: PropertyKey[] = [], message?: string): RestAnswer {
  const errors: Record<string, unknown> = {};
  const issues = error?.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message, code: issue.code === "too_big" ? "BASE_TYPE_MAX_LENGTH" : issue.code === "too_small" ? "BASE_TYPE_MIN_LENGTH" : "BASE_TYPE_INVALID" })) ?? [
    { path: prefix, message: message ?? "Invalid Form Body", code: "BASE_TYPE_INVALID" },
  ];
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    node._errors = [{ code: issue.code, message: issue.message }];
  }
  return { status: 400, body: { message: "Invalid Form Body", code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, errors } };
}

function prefixed(answer: RestAnswer, key: string): RestAnswer {
  const body = answer.body;
  if (!isRecord(body) || !isRecord(body.errors)) return answer;
  return { ...answer, body: { ...body, errors: { [key]: body.errors } } };
}

const notFound = (): RestAnswer => ({ status: 404, body: { message: "404: Not Found", code: 0 } });
const unknownChannel = (): RestAnswer => ({ status: 404, body: { message: "Unknown Channel", code: RESTJSONErrorCodes.UnknownChannel } });
const unknownMessage = (): RestAnswer => ({ status: 404, body: { message: "Unknown Message", code: RESTJSONErrorCodes.UnknownMessage } });
const unknownWebhook = (): RestAnswer => ({ status: 404, body: { message: "Unknown Webhook", code: RESTJSONErrorCodes.UnknownWebhook } });
const unknownGuild = (): RestAnswer => ({ status: 404, body: { message: "Unknown Guild", code: RESTJSONErrorCodes.UnknownGuild } });
const unknownMember = (): RestAnswer => ({ status: 404, body: { message: "Unknown Member", code: RESTJSONErrorCodes.UnknownMember } });
const unknownInteraction = (): RestAnswer => ({ status: 404, body: { message: "Unknown interaction", code: RESTJSONErrorCodes.UnknownInteraction } });

/** JSON with Discord's rate-limit headers; a 204 carries no body and no content type (@discordjs/rest would try to parse it). */
function respond(response: ServerResponse, answer: RestAnswer): void {
  const headers: Record<string, string> = {
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "4",
    "x-ratelimit-reset": String(Date.now() / 1000 + 1),
    "x-ratelimit-reset-after": "1.000",
    "x-ratelimit-bucket": "fake0bucket",
  };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  response.writeHead(answer.status, { ...headers, "content-type": "application/json" });
  response.end(JSON.stringify(answer.body));
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sendFrame(socket: WebSocket, frame: { op: number; d: unknown; s: number | null; t: string | null }): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    // A write that fails means the client went away; the session keeps the frame for a RESUME.
    socket.send(JSON.stringify(frame), () => resolve());
  });
}
