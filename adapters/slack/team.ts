import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from "@slack/bolt";
import type { SlashRequest } from "../../src/features/slash-command.js";
import { parseLevel } from "../../src/content/bank.js";
import { UserInputError } from "../../src/core/errors.js";
import type { Intake } from "../../src/ports/intake.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Logger } from "../../src/ops/logger.js";
import { parsePracticeStartValue, type ReviewForm, type TeamServices } from "../../src/features/team/port.js";
import { RecentPresses } from "../shared/recent-presses.js";
import type { SlackInterviews } from "./interviews.js";
import type { SlackPoster } from "./poster.js";
import { teamActionOf } from "./render.js";
import { failureMessage, slackErrorCode } from "./replies.js";
import { readReviewSubmission, reviewModal } from "./review-modal.js";
import { channelKey, threadFromPermalink, threadKey, userFromMention, userKey } from "./thread-key.js";

/** The slash sub-commands this class answers: everything but starting an interview, help and the problem list. */
export type TeamRequest = Exclude<SlashRequest, { kind: "start" | "help" | "problems" }>;
type SlashCommand = SlackCommandMiddlewareArgs["command"];
type Tell = (message: OutgoingMessage) => Promise<void>;

const NOT_A_THREAD_LINK =
  "That is not a link to a Slack thread. In the interview's thread, open the first message's menu (⋮) → Copy link, then run /mock-interview review <link>. Or press Review on its scorecard.";
const EXPIRED_TRIGGER = "Slack closed the window for opening the review form before I could. Run the command (or press Review) again.";
const NOTHING_DELETED = "Nothing was deleted.";
const NO_THREAD = "I couldn't tell which interview this button belongs to. Copy the thread's link and run /mock-interview review <link> instead.";

export interface SlackTeamOptions {
  client: webApi.WebClient;
  services: TeamServices;
  interviews: SlackInterviews;
  intake: Intake;
  poster: SlackPoster;
  logger: Logger;
}

/**
 * The team features in Slack: slash sub-commands, the Review / Start / forget-me buttons and the
 * review modal. It translates only: Slack ids become user, thread and channel keys, the calls go
 * to src/team and src/schedule, and what they return (or refuse with) is rendered back to the one
 * person who asked. Every check (membership, admin, ownership) is made there, not here.
 */
export class SlackTeam {
  private readonly presses = new RecentPresses();

  constructor(private readonly options: SlackTeamOptions) {}

  /** A team sub-command; `tell` answers the caller alone. Failures are told, never thrown. */
  async command(request: TeamRequest, command: SlashCommand, tell: Tell): Promise<void> {
    try {
      await this.runCommand(request, command, tell);
    } catch (error) {
      await tell(failureMessage(error, this.options.logger, request.kind));
    }
  }

  private async runCommand(request: TeamRequest, command: SlashCommand, tell: Tell): Promise<void> {
    const { team, schedules } = this.options.services;
    const workspace = command.team_id;
    const user = userKey(workspace, command.user_id);
    const channel = channelKey(workspace, command.channel_id);
    switch (request.kind) {
      case "review": {
        const thread = threadFromPermalink(request.link, workspace);
        if (!thread) throw new UserInputError(NOT_A_THREAD_LINK);
        return this.openReview(command.trigger_id, await team.reviewForm(thread, user), tell);
      }
      case "review-request": {
        const reviewers = request.reviewers.map((token) => {
          const reviewer = userFromMention(token, workspace);
          if (!reviewer) throw new UserInputError(`"${token}" is not a mention of a teammate. Type @ and pick them from the list, e.g. /mock-interview review-request @ada @grace`);
          return reviewer;
        });
        return tell(await team.requestReviews(user, reviewers));
      }
      case "schedule-set":
        return tell(await schedules.set(channel, user, request.cadence));
      case "schedule-list":
        return tell(await schedules.list(channel));
      case "schedule-off":
        return tell(await schedules.off(channel, user));
      case "history":
        return tell(await team.history(user));
      case "focus": {
        const plan = await team.focus(user);
        await this.options.interviews.start(this.options.intake, {
          eventId: command.trigger_id,
          team: workspace,
          channel: command.channel_id,
          user: command.user_id,
          userName: command.user_name,
          problem: plan.problemId,
          ...(plan.level ? { level: plan.level } : {}),
          focus: plan.focus,
        });
        return tell({ kind: "notice", paragraphs: [plan.reason] });
      }
      case "progress":
        return tell(await team.progress(user, channel));
      case "forget-me":
        return tell(await team.forgetPrompt(user));
      default:
        return unreachable(request);
    }
  }

  /** A team button: Review on a scorecard, Start on a weekly prompt, confirm or cancel forget-me. */
  async action({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const name = teamActionOf(action.action_id);
    const workspace = body.team?.id ?? body.user.team_id;
    if (!name || !workspace) return;
    const presser = userKey(workspace, body.user.id);
    const container = containerOf(body);
    const channel = body.channel?.id ?? container.channel;
    const tell: Tell = (message) => this.tellPresser(message, { channel, threadTs: container.threadTs, user: body.user.id, ephemeral: container.ephemeral, respond });
    // Each branch is awaited here, so a refusal or failure reaches the catch and the presser hears of it.
    try {
      switch (name) {
        case "review": {
          const messageTs = body.message?.ts ?? container.messageTs;
          const threadTs = (typeof body.message?.thread_ts === "string" ? body.message.thread_ts : undefined) ?? container.threadTs ?? messageTs;
          if (!channel || !threadTs) return await tell({ kind: "error", paragraphs: [NO_THREAD] });
          const form = await this.options.services.team.reviewForm(threadKey({ team: workspace, channel, threadTs }), presser, action.value || undefined);
          return await this.openReview(body.trigger_id, form, tell);
        }
        case "practice-start": {
          const messageTs = body.message?.ts ?? container.messageTs;
          if (!channel || this.presses.repeated(`${channel}:${messageTs ?? ""}:${body.user.id}`)) return;
          const offered = parsePracticeStartValue(action.value ?? "");
          return await this.options.interviews.start(this.options.intake, {
            eventId: body.trigger_id,
            team: workspace,
            channel,
            user: body.user.id,
            userName: body.user.username || body.user.name || body.user.id,
            problem: offered.problem,
            ...(offered.level ? { level: parseLevel(offered.level) } : {}),
          });
        }
        case "forget-confirm":
          return await this.replace(respond, await this.options.services.team.forget(presser));
        case "forget-cancel":
          return await this.replace(respond, { kind: "notice", paragraphs: [NOTHING_DELETED] });
        default:
          return unreachable(name);
      }
    } catch (error) {
      await tell(failureMessage(error, this.options.logger, name));
    }
  }

  /** The review modal's submission: validated and acknowledged at once, then saved; the reviewer hears how it went. */
  async submission({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> {
    const read = readReviewSubmission(view);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    const reviewer = userKey(body.team?.id ?? body.user.team_id ?? view.team_id, body.user.id);
    let reply: OutgoingMessage;
    try {
      reply = await this.options.services.team.submitReview(read.threadKey, read.interviewId, reviewer, read.input);
    } catch (error) {
      reply = failureMessage(error, this.options.logger, "review submission");
    }
    await this.tellReviewer(read.threadKey, reviewer, reply);
  }

  private async openReview(triggerId: string, form: ReviewForm, tell: Tell): Promise<void> {
    try {
      await this.options.client.views.open({ trigger_id: triggerId, view: reviewModal(form) });
    } catch (error) {
      if (slackErrorCode(error) !== "expired_trigger_id") throw error;
      await tell({ kind: "error", paragraphs: [EXPIRED_TRIGGER] });
    }
  }

  /** Ephemeral in the thread the review is about; a direct message when that fails (the reviewer left the channel). */
  private async tellReviewer(thread: string, reviewer: string, message: OutgoingMessage): Promise<void> {
    try {
      await this.options.poster.post(thread, message, { visibleTo: reviewer });
      return;
    } catch (error) {
      this.options.logger.debug({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "ephemeral to reviewer failed; sending a direct message");
    }
    try {
      await this.options.poster.direct(reviewer, message);
    } catch (error) {
      this.options.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "could not tell the reviewer");
    }
  }

  /**
   * To the presser alone: chat.postEphemeral where the button is, or the action's response_url when
   * the button sits on an ephemeral message or Slack will not post there (the presser is not a member).
   */
  private async tellPresser(message: OutgoingMessage, where: { channel: string | undefined; threadTs: string | undefined; user: string; ephemeral: boolean; respond: Respond }): Promise<void> {
    const parts = await this.options.poster.render(message);
    try {
      if (where.ephemeral || !where.channel) throw new Error("no channel to post an ephemeral message in");
      for (const part of parts) {
        await this.options.client.chat.postEphemeral({ channel: where.channel, user: where.user, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), text: part.text, blocks: part.blocks });
      }
    } catch {
      for (const part of parts) await where.respond({ response_type: "ephemeral", replace_original: false, text: part.text, blocks: part.blocks }).catch((error: unknown) => this.lost(error));
    }
  }

  /** Replaces the (ephemeral) message the button sat on, through the action's response_url. */
  private async replace(respond: Respond, message: OutgoingMessage): Promise<void> {
    const [part] = await this.options.poster.render(message);
    await respond({ response_type: "ephemeral", replace_original: true, text: part?.text ?? "", blocks: part?.blocks ?? [] });
  }

  private lost(error: unknown): void {
    this.options.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "could not tell the user");
  }

}

type Respond = (message: RespondArguments) => Promise<unknown>;

/** Where the pressed button sits, from the payload's `container` (the only source on ephemeral messages). */
function containerOf(body: BlockAction<ButtonAction>): { channel: string | undefined; messageTs: string | undefined; threadTs: string | undefined; ephemeral: boolean } {
  const container: Record<string, unknown> = body.container;
  const text = (key: string) => (typeof container[key] === "string" ? container[key] : undefined);
  return { channel: text("channel_id"), messageTs: text("message_ts"), threadTs: text("thread_ts"), ephemeral: container.is_ephemeral === true };
}

function unreachable(value: never): never {
  throw new Error(`unhandled team request: ${JSON.stringify(value)}`);
}
