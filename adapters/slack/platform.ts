import type { Server } from "node:http";
import {
  App,
  HTTPReceiver,
  webApi,
  type AllMiddlewareArgs,
  type BlockAction,
  type ButtonAction,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type ViewSubmitAction,
} from "@slack/bolt";
import { parseSlashText } from "../../src/features/slash-command.js";
import type { ProblemBank } from "../../src/content/bank.js";
import { ConfigError, DependencyDownError } from "../../src/core/errors.js";
import { Lane } from "../../src/core/lane.js";
import { TEAM_UNAVAILABLE } from "../../src/features/copy.js";
import type { Caller, FeatureDeps } from "../../src/features/host.js";
import { RecentPresses } from "../../src/features/recent-presses.js";
import { failureMessage, handleRequest, type Request } from "../../src/features/requests.js";
import { pressEventId } from "../../src/ports/events.js";
import type { Intake } from "../../src/ports/intake.js";
import { ACTIONS, type Action, type OutgoingMessage } from "../../src/core/messages/message.js";
import { silentLogger, type Logger } from "../../src/ops/logger.js";
import type { ChatPlatform } from "../../src/app/platform.js";
import type { TeamServices } from "../../src/features/team/port.js";
import { SlackAssistant } from "./assistant.js";
import { boltLogger } from "./bolt-logger.js";
import { COMMAND_LANE_CONCURRENCY, COMMAND_LANE_QUIET_MS, JOB_POLICY, REPLY_POLICY, type SlackConfig, type WebApiPolicy } from "./config.js";
import { SlackDirectory } from "./directory.js";
import { Slots } from "./host.js";
import { fromSlackMarkup } from "./incoming-text.js";
import { SlackPoster } from "./poster.js";
import { ACTION_PREFIX, TEAM_ACTION_PREFIX } from "./render.js";
import { REVIEW_CALLBACK_ID } from "./review-modal.js";
import { SlackTeam } from "./team.js";
import { channelKey, threadKey, userKey } from "./thread-key.js";
import { SlackWebClient, webClientOptions } from "./web-client.js";

export const COMMAND = "/mock-interview";

/**
 * Slack as a chat platform: `/mock-interview` opens a thread under a parent message, thread replies
 * and buttons go to the intake, replies come back through the Web API poster; every other request
 * is decoded and handed to src/features, and its reply drawn (SlackTeam for buttons and the review
 * modal). The assistant pane, where a workspace offers it, is SlackAssistant's. Every handler acks
 * first, so Slack's three seconds are never at risk; a command's work runs in a bounded lane behind
 * the acks (see onCommand).
 */
export class SlackPlatform implements ChatPlatform {
  readonly name = "slack";
  readonly poster: SlackPoster;
  /** The summary and practice workers' poster: its own client, whose retries fit inside one job attempt. */
  readonly jobPoster: SlackPoster;
  readonly directory: SlackDirectory;
  private readonly client: webApi.WebClient;
  private readonly team: SlackTeam;
  private readonly replyPolicy: WebApiPolicy;
  private readonly commands: Lane;
  private app: App | undefined;
  private server: Server | undefined;

  constructor(
    private readonly config: SlackConfig,
    private readonly bank: ProblemBank,
    private readonly logger: Logger = silentLogger,
  ) {
    this.replyPolicy = { ...REPLY_POLICY, ...config.policies?.replies };
    this.client = new SlackWebClient(config.botToken, { apiUrl: config.apiUrl, policy: this.replyPolicy, logger });
    this.poster = new SlackPoster(this.client);
    const jobClient = new SlackWebClient(config.botToken, { apiUrl: config.apiUrl, policy: { ...JOB_POLICY, ...config.policies?.jobs }, logger });
    this.jobPoster = new SlackPoster(jobClient, this.poster.names);
    this.directory = new SlackDirectory(this.client);
    this.team = new SlackTeam(this.client, this.poster, new Slots(8), logger);
    this.commands = new Lane({
      concurrency: config.commandConcurrency ?? COMMAND_LANE_CONCURRENCY,
      quietMs: config.commandQuietMs ?? COMMAND_LANE_QUIET_MS,
      onError: (error) => this.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "slash command failed after its ack"),
    });
  }

  /** The HTTP receiver's port once started (HTTP mode only). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === "object" ? address.port : undefined;
  }

  async start(intake: Intake, services?: TeamServices): Promise<void> {
    const { connection } = this.config;
    // Bolt's own client only checks the token (auth.test) at start: bounded like ours, so a failing
    // Slack stops start-up within seconds. It pauses nothing else on a 429, so it may wait one out.
    const clientOptions = { ...webClientOptions(this.replyPolicy, this.config.apiUrl), rejectRateLimitedCalls: false };
    const logger = boltLogger(this.logger);
    const app =
      connection.mode === "socket"
        ? new App({ token: this.config.botToken, appToken: connection.appToken, socketMode: true, clientOptions, logger })
        : new App({ token: this.config.botToken, receiver: new HTTPReceiver({ signingSecret: connection.signingSecret, endpoints: "/slack/events", logger }), clientOptions, logger });
    const deps: FeatureDeps = { intake, bank: this.bank, services, logger: this.logger, presses: new RecentPresses() };
    app.command(COMMAND, (args) => this.onCommand(args, deps));
    // Global middleware: it takes the assistant pane's events (messages in a DM thread among them)
    // before any listener, so onMessage sees channel threads only. No events, no calls without the feature.
    app.assistant(new SlackAssistant(this.client, this.poster, (team, channel) => this.team.host(team, channel), this.logger).assistant(deps));
    app.event("message", (args) => this.onMessage(args, intake));
    app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), (args) => this.onAction(args, intake));
    app.action<BlockAction<ButtonAction>>(new RegExp(`^${TEAM_ACTION_PREFIX}`), (args) => this.team.action(args, deps));
    app.view<ViewSubmitAction>({ callback_id: REVIEW_CALLBACK_ID, type: "view_submission" }, async (args) => {
      if (services) return this.team.submission(args, deps);
      await args.ack({ response_action: "errors", errors: { notes: TEAM_UNAVAILABLE } });
    });
    app.error(async (error) => {
      this.logger.warn({ platform: "slack", err: error.message }, "slack handler failed");
    });
    let started: unknown;
    try {
      started = connection.mode === "http" ? await app.start(connection.port) : await app.start();
    } catch (error) {
      throw connection.mode === "socket" ? socketModeFailure(error, this.config.apiUrl) : error;
    }
    if (isServer(started)) this.server = started;
    this.app = app;
  }

  /** Stops taking requests, then finishes the commands already acknowledged: each acked command gets its answer. */
  async stop(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
    await this.commands.idle();
  }

  private async onCommand({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs, deps: FeatureDeps): Promise<void> {
    await ack();
    // The work behind the ack (posting the thread, starting the interview, its first turn) goes in
    // the lane: a few at a time, each started after the loop has polled for the next requests, so
    // a burst of commands is acknowledged at the pace of a bare app instead of queueing behind it.
    this.commands.run(() => this.answerCommand(command, respond, deps));
  }

  private async answerCommand(command: SlackCommandMiddlewareArgs["command"], respond: SlackCommandMiddlewareArgs["respond"], deps: FeatureDeps): Promise<void> {
    const tell = async (message: OutgoingMessage) => {
      for (const part of await this.poster.render(message)) {
        await respond({ response_type: "ephemeral", replace_original: false, text: part.text, blocks: part.blocks });
      }
    };
    const host = this.team.host(command.team_id, command.channel_id);
    let request: Request;
    try {
      request = parseSlashText(command.text, this.bank);
    } catch (error) {
      return tell(failureMessage(error, host, this.logger, "slash command"));
    }
    const caller: Caller = {
      user: userKey(command.team_id, command.user_id),
      name: command.user_name,
      mention: command.user_name,
      channel: channelKey(command.team_id, command.channel_id),
      eventId: command.trigger_id,
    };
    const reply = await handleRequest(request, caller, host, deps);
    try {
      // A slash command's reply has no message of its own to replace: a replacement is told.
      await this.team.deliver(reply, { triggerId: command.trigger_id, tell, replace: tell });
    } catch (error) {
      await tell(failureMessage(error, host, this.logger, request.kind));
    }
  }

  private async onMessage({ event, body }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs, intake: Intake): Promise<void> {
    // Plain replies only: edits, deletions, joins and bot posts carry a subtype and are not answers.
    if (event.subtype !== undefined || !("user" in event) || !event.user || event.bot_id) return;
    const thread = event.thread_ts;
    if (!thread || thread === event.ts) return;
    await intake.message({
      eventId: body.event_id,
      threadKey: threadKey({ team: body.team_id, channel: event.channel, threadTs: thread }),
      authorId: userKey(body.team_id, event.user),
      // Slack encodes &, < and > and writes links and mentions as <…> tokens: decoded once, here.
      text: fromSlackMarkup(event.text ?? ""),
    });
  }

  private async onAction({ ack, body, action }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs, intake: Intake): Promise<void> {
    await ack();
    const name = ACTIONS.find((candidate): candidate is Action => candidate === action.value);
    const message = body.message;
    const channel = body.channel?.id ?? body.container.channel_id;
    const team = body.team?.id ?? body.user.team_id;
    if (!name || !message || typeof channel !== "string" || !team) return;
    const threadTs = typeof message.thread_ts === "string" ? message.thread_ts : message.ts;
    const actorId = userKey(team, body.user.id);
    await intake.action({
      eventId: pressEventId("slack", message.ts, name, actorId),
      threadKey: threadKey({ team, channel, threadTs }),
      actorId,
      action: name,
    });
  }
}

/**
 * Why Socket Mode could not start, as the one line start-up prints. @slack/socket-mode retries
 * everything else, so what reaches here is Slack refusing the app-level token in
 * apps.connections.open (invalid_auth, not_authed, account_inactive, …) or an HTTP-level failure.
 */
function socketModeFailure(error: unknown, apiUrl: string | undefined): Error {
  if (error instanceof webApi.WebAPIPlatformError) {
    return new ConfigError(
      `SLACK_APP_TOKEN: Slack refused the app-level token (${error.data.error}): generate one with the connections:write scope under Basic Information → App-Level Tokens`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DependencyDownError(`Slack: cannot open a Socket Mode connection at ${apiUrl ?? "https://slack.com/api/"} (${message})`, { cause: error });
}

function isServer(value: unknown): value is Server {
  return typeof value === "object" && value !== null && "address" in value && typeof value.address === "function";
}

