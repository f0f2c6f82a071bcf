import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from "@slack/bolt";
import { errorMessage, FORM_EXPIRED } from "../../src/features/copy.js";
import type { Caller, FeatureDeps, Reply } from "../../src/features/host.js";
import { failureMessage, handlePress, submitReview } from "../../src/features/requests.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Logger } from "../../src/ops/logger.js";
import type { ReviewForm } from "../../src/features/team/port.js";
import { SlackHost, type Slots } from "./host.js";
import type { SlackPoster } from "./poster.js";
import { teamActionOf } from "./render.js";
import { slackErrorCode } from "./error-code.js";
import { readReviewSubmission, reviewModal } from "./review-modal.js";
import { channelKey, parseThreadKey, threadKey, userKey } from "./thread-key.js";

export type Tell = (message: OutgoingMessage) => Promise<void>;

/**
 * The team features' widgets in Slack: the Review / Start / forget-me buttons, the review modal,
 * and where a reply goes (ephemeral in the channel, the response_url, or a direct message). What
 * each press means is src/features' to decide; this class decodes the payload and draws the answer.
 */
export class SlackTeam {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly poster: SlackPoster,
    private readonly slots: Slots,
    private readonly logger: Logger,
  ) {}

  host(team: string, channel: string): SlackHost {
    return new SlackHost(this.client, { team, channel }, this.slots, this.logger);
  }

  /** Shows a reply: told to the caller, the review modal opened, or the pressed message replaced. */
  async deliver(reply: Reply, where: { triggerId: string; tell: Tell; replace: Tell }): Promise<void> {
    switch (reply.kind) {
      case "tell":
        return where.tell(reply.message);
      case "replace":
        return where.replace(reply.message);
      case "review-form":
        return this.openReview(where.triggerId, reply.form, where.tell);
      case "none":
        return;
    }
  }

  /** A team button: Review on a scorecard, Start on a weekly prompt, confirm or cancel forget-me. */
  async action({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs, deps: FeatureDeps): Promise<void> {
    await ack();
    const name = teamActionOf(action.action_id);
    const workspace = body.team?.id ?? body.user.team_id;
    if (!name || !workspace) return;
    const container = containerOf(body);
    const channel = body.channel?.id ?? container.channel;
    const messageTs = body.message?.ts ?? container.messageTs;
    const threadTs = (typeof body.message?.thread_ts === "string" ? body.message.thread_ts : undefined) ?? container.threadTs ?? messageTs;
    // A press with no channel has nowhere to open an interview.
    if (name === "practice-start" && !channel) return;
    const userName = body.user.username || body.user.name || body.user.id;
    const caller: Caller = { user: userKey(workspace, body.user.id), name: userName, mention: userName, channel: channelKey(workspace, channel ?? ""), eventId: body.trigger_id };
    const press = { action: name, value: action.value ?? "", thread: channel && threadTs ? threadKey({ team: workspace, channel, threadTs }) : undefined, source: `${channel ?? ""}:${messageTs ?? ""}` };
    const tell: Tell = (message) => this.tellPresser(message, { channel, threadTs: container.threadTs, user: body.user.id, ephemeral: container.ephemeral, respond });
    const host = this.host(workspace, channel ?? "");
    const reply = await handlePress(press, caller, host, deps);
    try {
      await this.deliver(reply, { triggerId: body.trigger_id, tell, replace: (message) => this.replace(respond, message) });
    } catch (error) {
      await tell(failureMessage(error, host, this.logger, name));
    }
  }

  /** The review modal's submission: validated and acknowledged at once, then saved; the reviewer hears how it went. */
  async submission({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs, deps: FeatureDeps): Promise<void> {
    const read = readReviewSubmission(view);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    const thread = parseThreadKey(read.threadKey);
    const reviewer = userKey(body.team?.id ?? body.user.team_id ?? view.team_id, body.user.id);
    const submitted = await submitReview(read.threadKey, read.interviewId, reviewer, read.input, this.host(thread.team, thread.channel), deps);
    await this.tellReviewer(read.threadKey, reviewer, submitted.message);
  }

  private async openReview(triggerId: string, form: ReviewForm, tell: Tell): Promise<void> {
    try {
      await this.client.views.open({ trigger_id: triggerId, view: reviewModal(form) });
    } catch (error) {
      // Slack allows three seconds from the press to the modal; past that the trigger is spent.
      if (slackErrorCode(error) !== "expired_trigger_id") throw error;
      await tell(errorMessage(FORM_EXPIRED));
    }
  }

  /** Ephemeral in the thread the review is about; a direct message when that fails (the reviewer left the channel). */
  private async tellReviewer(thread: string, reviewer: string, message: OutgoingMessage): Promise<void> {
    try {
      await this.poster.post(thread, message, { visibleTo: reviewer });
      return;
    } catch (error) {
      this.logger.debug({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "ephemeral to reviewer failed; sending a direct message");
    }
    try {
      await this.poster.direct(reviewer, message);
    } catch (error) {
      this.lost(error);
    }
  }

  /**
   * To the presser alone: chat.postEphemeral where the button is, or the action's response_url when
   * the button sits on an ephemeral message or Slack will not post there (the presser is not a member).
   */
  private async tellPresser(message: OutgoingMessage, where: { channel: string | undefined; threadTs: string | undefined; user: string; ephemeral: boolean; respond: Respond }): Promise<void> {
    const parts = await this.poster.render(message);
    try {
      if (where.ephemeral || !where.channel) throw new Error("no channel to post an ephemeral message in");
      for (const part of parts) {
        await this.client.chat.postEphemeral({ channel: where.channel, user: where.user, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), text: part.text, blocks: part.blocks });
      }
    } catch {
      for (const part of parts) await where.respond({ response_type: "ephemeral", replace_original: false, text: part.text, blocks: part.blocks }).catch((error: unknown) => this.lost(error));
    }
  }

  /** Replaces the (ephemeral) message the button sat on, through the action's response_url. */
  private async replace(respond: Respond, message: OutgoingMessage): Promise<void> {
    const [part] = await this.poster.render(message);
    await respond({ response_type: "ephemeral", replace_original: true, text: part?.text ?? "", blocks: part?.blocks ?? [] });
  }

  private lost(error: unknown): void {
    this.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "could not tell the user");
  }
}

type Respond = (message: RespondArguments) => Promise<unknown>;

/** Where the pressed button sits, from the payload's `container` (the only source on ephemeral messages). */
function containerOf(body: BlockAction<ButtonAction>): { channel: string | undefined; messageTs: string | undefined; threadTs: string | undefined; ephemeral: boolean } {
  const container: Record<string, unknown> = body.container;
  const text = (key: string) => (typeof container[key] === "string" ? container[key] : undefined);
  return { channel: text("channel_id"), messageTs: text("message_ts"), threadTs: text("thread_ts"), ephemeral: container.is_ephemeral === true };
}
