import type { webApi } from "@slack/bolt";
import type { LiveMessage } from "../../src/ports/live.js";
import { slackErrorCode } from "./error-code.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import type { SlackThread } from "./thread-key.js";
import { inDirectMessage } from "./thread-status.js";

/** Edits of a posted message, Slack's fallback for streaming: at most one a second (chat.update's rate). */
const EDIT_INTERVAL_MS = 1_000;
/** Appends to a native stream; Slack buffers them, so a few a second keep the words flowing. */
const APPEND_INTERVAL_MS = 400;

/**
 * Answers that mean "this workspace cannot stream here" (a plan or app without the AI-app
 * streaming methods, a token or channel they refuse), as opposed to a failure worth reporting.
 */
const STREAMING_REFUSED = new Set([
  "unknown_method",
  "not_allowed",
  "not_allowed_token_type",
  "method_not_supported_for_channel_type",
  "missing_scope",
  "feature_not_enabled",
  "team_not_allowed",
  "not_supported",
]);

/** Workspaces that refused the streaming methods, so later replies there go straight to post-and-edit. */
export class StreamingSupport {
  private readonly refused = new Set<string>();

  native(team: string): boolean {
    return !this.refused.has(team);
  }

  refuse(team: string): void {
    this.refused.add(team);
  }
}

/**
 * A reply shown as it is written, in a Slack thread: with Slack's streaming methods for AI apps
 * (chat.startStream, appendStream, stopStream; in a channel thread they stream to one recipient),
 * or, where the workspace refuses them, by editing a message (the placeholder, when one shows).
 * The reply the turn commits then replaces this message with its blocks (SlackPoster.post).
 */
export class SlackLiveMessage implements LiveMessage {
  private ts: string | undefined;
  private shown = "";
  private native: boolean;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly thread: SlackThread,
    private readonly options: { placeholder: string | undefined; recipient: string | undefined; support: StreamingSupport },
  ) {
    // Outside a DM, Slack streams to one named reader only.
    this.native = (options.recipient !== undefined || inDirectMessage(thread.channel)) && options.support.native(thread.team);
  }

  get intervalMs(): number {
    return this.native ? APPEND_INTERVAL_MS : EDIT_INTERVAL_MS;
  }

  async show(text: string): Promise<void> {
    if (this.native) {
      try {
        await this.stream(text);
        return;
      } catch (error) {
        const code = slackErrorCode(error);
        if (this.ts || code === undefined || !STREAMING_REFUSED.has(code)) throw error;
        this.options.support.refuse(this.thread.team);
        this.native = false;
      }
    }
    await this.edit(text);
  }

  ref(): string | undefined {
    return this.ts;
  }

  async end(): Promise<string | undefined> {
    // A stream Slack would not close is still the message the reply replaces (chat.update finishes it).
    if (this.native && this.ts) await this.client.chat.stopStream({ channel: this.thread.channel, ts: this.ts }).catch(() => undefined);
    return this.ts;
  }

  private async stream(text: string): Promise<void> {
    const { channel, threadTs, team } = this.thread;
    const added = escapeMrkdwn(text.slice(this.shown.length));
    if (this.ts) {
      await this.client.chat.appendStream({ channel, ts: this.ts, markdown_text: added });
    } else {
      const recipient = this.options.recipient && !inDirectMessage(channel) ? { recipient_team_id: team, recipient_user_id: this.options.recipient } : {};
      const started = await this.client.chat.startStream({ channel, thread_ts: threadTs, ...recipient, markdown_text: added });
      this.ts = started.ts;
      // The stream is the reply's message now: the "thinking…" placeholder above it goes.
      if (this.options.placeholder) await this.client.chat.delete({ channel, ts: this.options.placeholder }).catch(() => undefined);
    }
    this.shown = text;
  }

  private async edit(text: string): Promise<void> {
    const { channel, threadTs } = this.thread;
    const shown = escapeMrkdwn(text);
    const target = this.ts ?? this.options.placeholder;
    if (target) {
      await this.client.chat.update({ channel, ts: target, text: shown });
      this.ts = target;
    } else {
      this.ts = (await this.client.chat.postMessage({ channel, thread_ts: threadTs, text: shown })).ts;
    }
    this.shown = text;
  }
}
