import { REST } from "@discordjs/rest";
import {
  Client,
  DiscordjsError,
  DiscordjsErrorCodes,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
  Options,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
} from "discord.js";
import { parseLevel, type ProblemBank } from "../../src/content/bank.js";
import { ConfigError, DependencyDownError, UserInputError } from "../../src/core/errors.js";
import type { Level } from "../../src/content/levels.js";
import { errorMessage, spaceOnly, TEAM_UNAVAILABLE } from "../../src/features/copy.js";
import type { FeatureDeps } from "../../src/features/host.js";
import { RecentPresses } from "../../src/features/recent-presses.js";
import { failureMessage, handleRequest, type Request } from "../../src/features/requests.js";
import { pressEventId } from "../../src/ports/events.js";
import type { Intake } from "../../src/ports/intake.js";
import { silentLogger, type Logger } from "../../src/ops/logger.js";
import type { ChatPlatform } from "../../src/app/platform.js";
import type { TeamServices } from "../../src/features/team/port.js";
import { autocompleteProblems, autocompleteTimezones, COMMAND_NAME, OPTION_NAMES } from "./commands.js";
import type { DiscordConfig } from "./config.js";
import { DiscordDirectory } from "./directory.js";
import { callerOf, DiscordHost, DISCORD_HINTS } from "./host.js";
import { InteractionTokens } from "./interaction-tokens.js";
import { DiscordPoster, type DiscordPosterOptions } from "./poster.js";
import { actionFromCustomId } from "./render.js";
import { isReview, readRequest } from "./requests.js";
import { replyPrivately, tell } from "./respond.js";
import { DiscordTeamInteractions, isTeamComponent } from "./team-interactions.js";
import { PLATFORM, threadKey, userKey } from "./thread-key.js";

/** Message Content is privileged: enable it under Bot → Privileged Gateway Intents, or answers arrive empty. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] as const;

/**
 * Discord as a chat platform: members' thread messages and interview button presses go to the
 * intake, replies come back through the REST poster; every command is decoded and handed to
 * src/features, and its reply drawn (DiscordTeamInteractions for team buttons and the review form).
 * Every interaction is acknowledged first (Discord allows three seconds).
 */
export class DiscordPlatform implements ChatPlatform {
  readonly name = PLATFORM;
  readonly poster: DiscordPoster;
  readonly directory: DiscordDirectory;
  private readonly tokens = new InteractionTokens();
  private readonly team: DiscordTeamInteractions;
  private client: Client | undefined;

  constructor(
    private readonly config: DiscordConfig,
    private readonly bank: ProblemBank,
    private readonly logger: Logger = silentLogger,
    posterOptions: Omit<DiscordPosterOptions, "tokens"> = {},
  ) {
    const rest = new REST({ version: "10", ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) }).setToken(config.DISCORD_TOKEN);
    this.poster = new DiscordPoster(rest, config.DISCORD_APPLICATION_ID, { ...posterOptions, tokens: this.tokens });
    this.directory = new DiscordDirectory(rest);
    this.team = new DiscordTeamInteractions(logger);
  }

  async start(intake: Intake, team?: TeamServices): Promise<void> {
    const deps: FeatureDeps = { intake, bank: this.bank, services: team, logger: this.logger, presses: new RecentPresses() };
    const client = new Client({
      intents: [...INTENTS],
      // Every interview thread would keep up to 200 messages in memory by default; Redis already
      // dedupes redeliveries, so a few recent ones per channel is all the cache needs.
      makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 25 }),
      sweepers: { ...Options.DefaultSweeperSettings, messages: { interval: 3_600, lifetime: 1_800 } },
      ...(this.config.DISCORD_API_URL ? { rest: { api: this.config.DISCORD_API_URL } } : {}),
    });
    client.on(Events.InteractionCreate, (interaction) => void this.guard(this.onInteraction(interaction, intake, deps), "interaction"));
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

  private async onInteraction(interaction: Interaction, intake: Intake, deps: FeatureDeps): Promise<void> {
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) return this.onCommand(interaction, deps);
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) return this.onAutocomplete(interaction);
    if (interaction.isButton()) return this.onButton(interaction, intake, deps);
    if (interaction.isModalSubmit() && interaction.inGuild() && isTeamComponent(interaction.customId)) {
      return deps.services ? this.team.modal(interaction, deps) : replyPrivately(interaction, errorMessage(TEAM_UNAVAILABLE));
    }
  }

  private async onCommand(interaction: ChatInputCommandInteraction, deps: FeatureDeps): Promise<void> {
    // Review answers with a modal, which must be the first response: it is the one not deferred.
    if (isReview(interaction) && interaction.inGuild()) return this.team.review(interaction, deps);
    // Ephemeral: the caller alone reads the outcome; the channel sees the interview's own message.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const host = new DiscordHost(interaction, this.logger);
    let request: Request;
    try {
      request = readRequest(interaction, this.bank);
    } catch (error) {
      return tell(interaction, failureMessage(error, host, this.logger, "command"));
    }
    // Interviews, reviews and schedules belong to a server; a direct message gets help and the problem list only.
    if (!interaction.inGuild() && request.kind !== "help" && request.kind !== "problems") return tell(interaction, errorMessage(spaceOnly(DISCORD_HINTS)));
    const reply = await handleRequest(request, callerOf(interaction), host, deps);
    if (reply.kind === "tell" || reply.kind === "replace") await tell(interaction, reply.message);
    // A form cannot follow a deferral; only review asks for one, and it is answered above.
    else if (reply.kind === "review-form") this.logger.warn({ platform: PLATFORM }, "a deferred command asked for a form");
    else await interaction.deleteReply();
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    if (focused.name === OPTION_NAMES.timezone) return interaction.respond(autocompleteTimezones(String(focused.value)));
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

  private async onButton(interaction: ButtonInteraction, intake: Intake, deps: FeatureDeps): Promise<void> {
    // Team buttons answer in their own ways (a modal cannot follow a deferral).
    if (isTeamComponent(interaction.customId) && interaction.inGuild()) return this.team.button(interaction, deps);
    // Acknowledged before anything else, so Discord never shows "This interaction failed".
    await interaction.deferUpdate();
    const action = actionFromCustomId(interaction.customId);
    if (!action || !interaction.inGuild()) return;
    // Our buttons are only ever posted in interview threads, so the channel is the thread.
    const key = threadKey({ guild: interaction.guildId, thread: interaction.channelId });
    const actor = userKey(interaction.user.id);
    this.tokens.remember(key, actor, interaction.token);
    await intake.action({
      eventId: pressEventId(PLATFORM, interaction.message.id, action, actor),
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
