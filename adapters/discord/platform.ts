import { REST } from "@discordjs/rest";
import {
  ChannelType,
  Client,
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
  Options,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
  type AutocompleteInteraction,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type TextChannel,
  type ThreadChannel,
} from "discord.js";
import { plannedProblem, problemsMessage } from "../../src/commands/mock-interview.js";
import { parseLevel, type ProblemBank } from "../../src/content/bank.js";
import { ConfigError, DependencyDownError, isAppError, UserInputError } from "../../src/errors.js";
import type { Level } from "../../src/engine/levels.js";
import type { Intake } from "../../src/intake/port.js";
import type { OutgoingMessage } from "../../src/messages/message.js";
import { silentLogger, type Logger } from "../../src/ops/logger.js";
import type { ChatPlatform } from "../../src/service/platform.js";
import { autocompleteProblems, COMMAND_NAME, OPTION_NAMES, readStartOptions, type StartOptions } from "./commands.js";
import type { DiscordConfig } from "./config.js";
import { InteractionTokens } from "./interaction-tokens.js";
import { DiscordPoster, type DiscordPosterOptions } from "./poster.js";
import { actionFromCustomId, renderDiscord } from "./render.js";
import { discordHelpMessage, messageOptions, parentMessage, threadName } from "./replies.js";
import { PLATFORM, threadKey, userKey } from "./thread-key.js";

/** Message Content is privileged: enable it under Bot → Privileged Gateway Intents, or answers arrive empty. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] as const;

export const PRIVATE_REFUSED_NOTE = "This server doesn't let me open a private thread here, so the interview is in a public thread.";
export const CANNOT_OPEN_THREAD =
  "I can't post or open threads in this channel. Ask an admin to give me View Channel, Send Messages, Create Public Threads, Send Messages in Threads, Read Message History and Embed Links here, or run the command in another channel.";
export const NOT_A_TEXT_CHANNEL = "I can only open interview threads from a server text channel. Run /mock-interview in one (not inside a thread).";
export const START_FAILED = "Something went wrong while starting your interview. Please try again.";
export const SHUTTING_DOWN = "I'm restarting right now, so the interview didn't start. Run /mock-interview again in a moment.";

type CommandRequest = { kind: "help" } | { kind: "problems" } | { kind: "start"; options: StartOptions };

/**
 * Discord as a chat platform: `/mock-interview` opens a thread, members' thread messages and button
 * presses go to the intake, replies come back through the REST poster. Every interaction is
 * acknowledged first (Discord allows three seconds) and no handler holds interview logic.
 */
export class DiscordPlatform implements ChatPlatform {
  readonly name = PLATFORM;
  readonly poster: DiscordPoster;
  private readonly tokens = new InteractionTokens();
  private client: Client | undefined;

  constructor(
    private readonly config: DiscordConfig,
    private readonly bank: ProblemBank,
    private readonly logger: Logger = silentLogger,
    posterOptions: Omit<DiscordPosterOptions, "tokens"> = {},
  ) {
    const rest = new REST({ version: "10", ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) }).setToken(config.DISCORD_TOKEN);
    this.poster = new DiscordPoster(rest, config.DISCORD_APPLICATION_ID, { ...posterOptions, tokens: this.tokens });
  }

  async start(intake: Intake): Promise<void> {
    const client = new Client({
      intents: [...INTENTS],
      // Every interview thread would keep up to 200 messages in memory by default; Redis already
      // dedupes redeliveries, so a few recent ones per channel is all the cache needs.
      makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 25 }),
      sweepers: { ...Options.DefaultSweeperSettings, messages: { interval: 3_600, lifetime: 1_800 } },
      ...(this.config.DISCORD_API_URL ? { rest: { api: this.config.DISCORD_API_URL } } : {}),
    });
    client.on(Events.InteractionCreate, (interaction) => void this.guard(this.onInteraction(interaction, intake), "interaction"));
    client.on(Events.MessageCreate, (message) => void this.guard(this.onMessage(message, intake), "message"));
    // An 'error' event without a listener would throw and take the process down with it.
    client.on(Events.Error, (error) => this.logger.warn({ platform: PLATFORM, err: error.message }, "discord client error"));
    client.on(Events.Warn, (warning) => this.logger.warn({ platform: PLATFORM, warning }, "discord client warning"));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    // The gateway's close code says why a login failed; the error itself is only a sentence.
    let closeCode: number | undefined;
    const onDisconnect = (event: { code: number }) => void (closeCode = event.code);
    client.on(Events.ShardDisconnect, onDisconnect);
    try {
      await client.login(this.config.DISCORD_TOKEN);
      await ready;
    } catch (error) {
      await client.destroy();
      throw loginFailure(error, closeCode, this.config.DISCORD_API_URL);
    } finally {
      client.off(Events.ShardDisconnect, onDisconnect);
    }
    this.client = client;
    // discord.js resumes and reconnects by itself; this event means it gave up (token reset, intent revoked).
    client.on(Events.ShardDisconnect, (event, shardId) => {
      if (this.client === client) this.logger.error({ platform: PLATFORM, code: event.code, shardId }, "discord gateway closed for good; fix the cause and restart the bot");
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.destroy();
  }

  private async guard(work: Promise<void>, kind: string): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.logger.warn({ platform: PLATFORM, kind, err: error instanceof Error ? error.message : String(error) }, "discord handler failed");
    }
  }

  private async onInteraction(interaction: Interaction, intake: Intake): Promise<void> {
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) return this.onCommand(interaction, intake);
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) return this.onAutocomplete(interaction);
    if (interaction.isButton()) return this.onButton(interaction, intake);
  }

  private async onCommand(interaction: ChatInputCommandInteraction, intake: Intake): Promise<void> {
    // Ephemeral: the caller alone reads the outcome; the channel sees the interview's own message.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    try {
      await this.runCommand(interaction, intake);
    } catch (error) {
      // A bad problem name and the like: the caller reads why. Anything else is logged once here.
      if (!isAppError(error)) this.logger.warn({ platform: PLATFORM, err: error instanceof Error ? error.message : String(error) }, "discord command failed");
      await this.tell(interaction, { kind: "error", paragraphs: [isAppError(error) ? error.message : cannotPost(error) ? CANNOT_OPEN_THREAD : START_FAILED] });
    }
  }

  private async runCommand(interaction: ChatInputCommandInteraction, intake: Intake): Promise<void> {
    const request = this.readRequest(interaction);
    if (request.kind === "help") return this.tell(interaction, discordHelpMessage());
    if (request.kind === "problems") return this.tell(interaction, problemsMessage(this.bank));

    const channel = await this.textChannel(interaction);
    if (!channel) return this.tell(interaction, { kind: "error", paragraphs: [NOT_A_TEXT_CHANNEL] });
    const { options } = request;
    const problem = plannedProblem(options, this.bank, interaction.id);
    const candidateName = interaction.inCachedGuild() ? interaction.member.displayName : interaction.user.displayName;
    const [parent] = renderDiscord(parentMessage(interaction.user.id, options.level, problem?.title));
    if (!parent) throw new Error("the parent message rendered empty");
    const name = threadName(candidateName, problem?.title);
    const { thread, note } = await this.openThread(channel, interaction, name, messageOptions(parent), options.private);

    await this.tell(interaction, { kind: "notice", paragraphs: [`Your interview is ready in <#${thread.id}>. The first question is on its way.`, ...(note ? [note] : [])] });
    const outcome = await intake.start({
      eventId: `${PLATFORM}:${interaction.id}`,
      threadKey: threadKey({ guild: thread.guildId, thread: thread.id }),
      candidate: { id: userKey(interaction.user.id), name: candidateName },
      ...(options.level ? { level: options.level } : {}),
      ...(problem ? { problem: problem.id } : {}),
    });
    if (outcome === "closed") await this.tell(interaction, { kind: "error", paragraphs: [SHUTTING_DOWN] });
  }

  /** What the caller asked for. Discord has no free text here, so help and problems are typed as the problem. */
  private readRequest(interaction: ChatInputCommandInteraction): CommandRequest {
    const problem = interaction.options.getString(OPTION_NAMES.problem);
    const word = problem?.trim().toLowerCase();
    if (word === "help" || word === "?") return { kind: "help" };
    if (word === "problems" || word === "list") return { kind: "problems" };
    return {
      kind: "start",
      options: readStartOptions(this.bank, { level: interaction.options.getString(OPTION_NAMES.level), problem, private: interaction.options.getBoolean(OPTION_NAMES.private) }),
    };
  }

  private async textChannel(interaction: ChatInputCommandInteraction): Promise<TextChannel | undefined> {
    if (!interaction.inGuild() || !interaction.channelId) return undefined;
    const channel = interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId));
    return channel?.type === ChannelType.GuildText ? channel : undefined;
  }

  /**
   * A public thread hangs off the parent message in the channel. A private thread cannot start from
   * a message, so it is created on its own, the candidate added, and the parent message posted inside.
   */
  private async openThread(channel: TextChannel, interaction: ChatInputCommandInteraction, name: string, parent: BaseMessageOptions, wantsPrivate: boolean): Promise<{ thread: ThreadChannel; note?: string }> {
    const autoArchiveDuration = ThreadAutoArchiveDuration.OneDay;
    let note: string | undefined;
    if (wantsPrivate) {
      let thread: ThreadChannel | undefined;
      try {
        thread = await channel.threads.create({ name, type: ChannelType.PrivateThread, autoArchiveDuration });
      } catch (error) {
        if (!(error instanceof DiscordAPIError) || (error.status !== 400 && error.status !== 403)) throw error;
        this.logger.info({ platform: PLATFORM, code: error.code }, "private thread refused; opening a public one");
        note = PRIVATE_REFUSED_NOTE;
      }
      if (thread) {
        const opened = thread;
        await this.undoOnFailure(opened, async () => {
          await opened.members.add(interaction.user.id);
          await opened.send(parent);
        });
        return { thread: opened };
      }
    }
    const message = await channel.send(parent);
    const thread = await this.undoOnFailure(message, () => message.startThread({ name, autoArchiveDuration }));
    return { thread, ...(note ? { note } : {}) };
  }

  /** Runs `step`; if it fails, deletes what was made for it (a parent message, a thread) so nothing half-made is left behind. */
  private async undoOnFailure<T>(made: { delete(): Promise<unknown> }, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await made.delete().catch((cleanup: unknown) => this.logger.warn({ platform: PLATFORM, err: cleanup instanceof Error ? cleanup.message : String(cleanup) }, "could not remove a half-opened interview"));
      throw error;
    }
  }

  /** Replaces the deferred "thinking…" reply; a message too long for one reply continues in ephemeral follow-ups. */
  private async tell(interaction: ChatInputCommandInteraction, message: OutgoingMessage): Promise<void> {
    const [first, ...rest] = renderDiscord(message);
    if (!first) return;
    await interaction.editReply(messageOptions(first));
    for (const part of rest) await interaction.followUp({ ...messageOptions(part), flags: MessageFlags.Ephemeral });
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== OPTION_NAMES.problem) return interaction.respond([]);
    await interaction.respond(autocompleteProblems(this.bank, String(focused.value), { level: levelOrUndefined(interaction.options.getString(OPTION_NAMES.level)) }));
  }

  private async onMessage(message: Message, intake: Intake): Promise<void> {
    // Bots (this one included) and webhooks are not candidates; joins, pins and other system
    // messages carry another type. A reply to the interviewer's question is still an answer.
    if (message.author.bot || message.webhookId || (message.type !== MessageType.Default && message.type !== MessageType.Reply)) return;
    if (!message.inGuild() || !message.channel.isThread()) return;
    // The typing indicator starts from the intake (DiscordPoster.placeholder) once the message is
    // queued and known to be the candidate's, so a teammate's remark never looks like it gets a reply.
    await intake.message({
      eventId: `${PLATFORM}:${message.id}`,
      threadKey: threadKey({ guild: message.guildId, thread: message.channelId }),
      authorId: userKey(message.author.id),
      text: message.content,
    });
  }

  private async onButton(interaction: ButtonInteraction, intake: Intake): Promise<void> {
    // Acknowledged before anything else, so Discord never shows "This interaction failed".
    await interaction.deferUpdate();
    const action = actionFromCustomId(interaction.customId);
    if (!action || !interaction.inGuild()) return;
    // Our buttons are only ever posted in interview threads, so the channel is the thread.
    const key = threadKey({ guild: interaction.guildId, thread: interaction.channelId });
    const actor = userKey(interaction.user.id);
    this.tokens.remember(key, actor, interaction.token);
    await intake.action({
      // One press per message and action: a double click on "End" is a single event.
      eventId: `${PLATFORM}:${interaction.message.id}:${action}`,
      threadKey: key,
      actorId: actor,
      action,
    });
  }
}

function levelOrUndefined(raw: string | null): Level | undefined {
  if (!raw) return undefined;
  try {
    return parseLevel(raw);
  } catch (error) {
    // The level option offers fixed choices; anything else only widens the suggestions.
    if (error instanceof UserInputError) return undefined;
    throw error;
  }
}

/** Why the bot could not log in, as the one line start-up prints: what to fix, where. */
function loginFailure(error: unknown, closeCode: number | undefined, apiUrl: string | undefined): Error {
  if ((error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) || closeCode === GatewayCloseCodes.AuthenticationFailed) {
    return new ConfigError("DISCORD_TOKEN: Discord rejected the token: copy a fresh one from the Developer Portal (Bot → Reset Token)", { cause: error });
  }
  if (closeCode === GatewayCloseCodes.DisallowedIntents) {
    return new ConfigError("Discord: the Message Content intent is not enabled: turn it on in the Developer Portal (Bot → Privileged Gateway Intents), then start again", { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DependencyDownError(`Discord: cannot log in at ${apiUrl ?? "https://discord.com/api"} (${message})`, { cause: error });
}

/** Discord's answers that mean "the bot may not post or open threads here". */
function cannotPost(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess);
}
