import type { Server } from "node:http";
import { setImmediate as nextTurnOfLoop } from "node:timers/promises";
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
} from "@slack/bolt";
import { helpMessage, parseSlashText, plannedProblem, problemsMessage, type SlashRequest } from "../../src/commands/mock-interview.js";
import type { ProblemBank } from "../../src/content/bank.js";
import { UserInputError } from "../../src/errors.js";
import type { Intake } from "../../src/intake/port.js";
import { ACTIONS, type Action, type OutgoingMessage } from "../../src/messages/message.js";
import { silentLogger, type Logger } from "../../src/ops/logger.js";
import type { ChatPlatform } from "../../src/service/platform.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackConfig } from "./config.js";
import { SlackPoster } from "./poster.js";
import { ACTION_PREFIX, renderSlack } from "./render.js";
import { threadKey, userKey } from "./thread-key.js";

export const COMMAND = "/mock-interview";

/** Errors from chat.postMessage that mean "the bot may not post here", with what fixes each. */
const CANNOT_POST: Record<string, string> = {
  not_in_channel: "I'm not a member of this channel. Invite me with `/invite @Mock Interview`, then run the command again.",
  channel_not_found: "I can't see this channel (it may be private). Invite me with `/invite @Mock Interview`, then run the command again.",
  is_archived: "This channel is archived, so I can't start a thread here. Try another channel.",
  restricted_action: "This workspace doesn't let me post in this channel. Ask an admin, or try another channel.",
  cannot_dm_bot: "I can't run interviews in this conversation. Try it in a channel I'm a member of.",
};

/**
 * Slack as a chat platform: `/mock-interview` opens a thread under a parent message, thread replies
 * and buttons go to the intake, replies come back through the Web API poster. Every handler acks
 * first, so Slack's three seconds are never at risk, and holds no interview logic.
 */
export class SlackPlatform implements ChatPlatform {
  readonly name = "slack";
  readonly poster: SlackPoster;
  private readonly client: webApi.WebClient;
  private app: App | undefined;
  private server: Server | undefined;
  private readonly startSlots = new Slots(8);

  constructor(
    private readonly config: SlackConfig,
    private readonly bank: ProblemBank,
    private readonly logger: Logger = silentLogger,
  ) {
    this.client = new webApi.WebClient(config.botToken, { logger: boltLogger(logger), ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) });
    this.poster = new SlackPoster(this.client);
  }

  /** The HTTP receiver's port once started (HTTP mode only). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === "object" ? address.port : undefined;
  }

  async start(intake: Intake): Promise<void> {
    const { connection } = this.config;
    const clientOptions = this.config.apiUrl ? { slackApiUrl: this.config.apiUrl } : {};
    const logger = boltLogger(this.logger);
    const app =
      connection.mode === "socket"
        ? new App({ token: this.config.botToken, appToken: connection.appToken, socketMode: true, clientOptions, logger })
        : new App({ token: this.config.botToken, receiver: new HTTPReceiver({ signingSecret: connection.signingSecret, endpoints: "/slack/events", logger }), clientOptions, logger });
    app.command(COMMAND, (args) => this.onCommand(args, intake));
    app.event("message", (args) => this.onMessage(args, intake));
    app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), (args) => this.onAction(args, intake));
    app.error(async (error) => {
      this.logger.warn({ platform: "slack", err: error.message }, "slack handler failed");
    });
    const started: unknown = connection.mode === "http" ? await app.start(connection.port) : await app.start();
    if (isServer(started)) this.server = started;
    this.app = app;
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
  }

  private async onCommand({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs, intake: Intake): Promise<void> {
    await ack();
    // Acks first: the work after them waits its turn, a few at a time, so a burst of commands is
    // acknowledged within Slack's three seconds before any of them starts an interview.
    await nextTurnOfLoop();
    await this.startSlots.acquire();
    try {
      await this.runCommand(command, respond, intake);
    } finally {
      this.startSlots.release();
    }
  }

  private async runCommand(command: SlackCommandMiddlewareArgs["command"], respond: SlackCommandMiddlewareArgs["respond"], intake: Intake): Promise<void> {
    const tell = async (message: OutgoingMessage) => {
      const [rendered] = renderSlack(message);
      await respond({ response_type: "ephemeral", replace_original: false, text: rendered?.text ?? "", blocks: rendered?.blocks ?? [] });
    };
    let request: SlashRequest;
    try {
      request = parseSlashText(command.text, this.bank);
    } catch (error) {
      if (error instanceof UserInputError) return tell({ kind: "error", paragraphs: [error.message] });
      throw error;
    }
    if (request.kind === "help") return tell(helpMessage());
    if (request.kind === "problems") return tell(problemsMessage(this.bank));
    // TEAM-WIRING: the team sub-commands are handed to src/team and src/schedule (issue 7, in progress).
    if (request.kind !== "start") return tell({ kind: "error", paragraphs: [`"${request.kind}" is not wired into Slack yet.`] });

    const problem = plannedProblem(request, this.bank, command.trigger_id);
    const [parent] = renderSlack(parentMessage(command.user_name, request.level, problem?.title));
    let ts: string | undefined;
    try {
      const posted = await this.client.chat.postMessage({ channel: command.channel_id, text: parent?.text ?? "", blocks: parent?.blocks ?? [] });
      ts = posted.ts;
    } catch (error) {
      const fix = CANNOT_POST[slackErrorCode(error) ?? ""];
      if (fix) return tell({ kind: "error", paragraphs: [fix] });
      throw error;
    }
    if (!ts) throw new Error("chat.postMessage returned no ts");
    await intake.start({
      eventId: `slack:${command.trigger_id}`,
      threadKey: threadKey({ team: command.team_id, channel: command.channel_id, threadTs: ts }),
      candidate: { id: userKey(command.team_id, command.user_id), name: command.user_name },
      ...(request.level ? { level: request.level } : {}),
      ...(problem ? { problem: problem.id } : {}),
    });
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
      text: event.text ?? "",
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
    await intake.action({
      // One press per message and action: a double click on "End" is a single event.
      eventId: `slack:${message.ts}:${name}`,
      threadKey: threadKey({ team, channel, threadTs }),
      actorId: userKey(team, body.user.id),
      action: name,
    });
  }
}

/** A counting semaphore: at most `size` holders at once, the rest wait in arrival order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

function parentMessage(candidateName: string, level: string | undefined, problemTitle: string | undefined): OutgoingMessage {
  return {
    kind: "notice",
    heading: `Mock interview: ${problemTitle ?? "ML system design"}`,
    paragraphs: [
      `${candidateName} is practising an ML system design interview${level ? ` at ${level} level` : ""}. The interview runs in this thread.`,
      `${candidateName}: answer in the thread. Type hint, harder, easier, next or end, or use the buttons. Teammates are welcome to read along.`,
    ],
  };
}

function isServer(value: unknown): value is Server {
  return typeof value === "object" && value !== null && "address" in value && typeof value.address === "function";
}

function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null && "error" in data && typeof data.error === "string" ? data.error : undefined;
}
