import type { webApi } from "@slack/bolt";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Image, Poster, PostOptions } from "../../src/ports/poster.js";
import { SlackNames } from "./names.js";
import { captionText, renderSlack, type SlackMessage } from "./render.js";
import { slackErrorCode } from "./error-code.js";
import { parseDestination, parseThreadKey, slackUserId } from "./thread-key.js";
import type { LiveMessage, LiveOptions } from "../../src/ports/live.js";
import { SlackLiveMessage, StreamingSupport } from "./live-message.js";
import { inDirectMessage, showThinking } from "./thread-status.js";

export const PLACEHOLDER_TEXT = "_thinking…_";

/**
 * Posts into an interview thread (or top level into a channel) with the Web API client alone, so
 * the summary worker needs no Socket Mode connection or HTTP receiver. Slack reports failures as
 * `ok: false`, which the client turns into a rejection the caller can retry. Slack has no
 * idempotency key for new messages, so `idempotencyKey` is not used: callers record what was
 * accepted (src/pipeline/delivery.ts), and a reply replacing its placeholder is an edit, safe to repeat.
 */
export class SlackPoster implements Poster {
  private readonly streaming = new StreamingSupport();

  constructor(
    private readonly client: webApi.WebClient,
    /** Shows users named in a message's text by name, so posting them pings nobody but `mentions`. */
    readonly names: SlackNames = new SlackNames(client),
  ) {}

  /** The message as Slack messages, with the users it names looked up. */
  async render(message: OutgoingMessage): Promise<SlackMessage[]> {
    return renderSlack(message, await this.names.resolve(message));
  }

  /**
   * A "thinking…" message in the thread; its ts is the reference a reply replaces. An assistant
   * thread shows the thread status instead, with no reference: the reply is a new post, which clears it.
   */
  async placeholder(threadKey: string): Promise<string | undefined> {
    const { channel, threadTs } = parseThreadKey(threadKey);
    if (inDirectMessage(channel) && (await showThinking(this.client, channel, threadTs))) return undefined;
    const posted = await this.client.chat.postMessage({ channel, thread_ts: threadTs, text: PLACEHOLDER_TEXT });
    return posted.ts;
  }

  /** The reply as it is written, streamed into the thread (see SlackLiveMessage). */
  live(threadKey: string, options: LiveOptions): LiveMessage {
    return new SlackLiveMessage(this.client, parseThreadKey(threadKey), {
      placeholder: options.replaces,
      recipient: options.recipient ? slackUserId(options.recipient) : undefined,
      support: this.streaming,
    });
  }

  /** Into the thread a thread key names, or top level when given a channel key (`slack:<team>:<channel>`). */
  async post(key: string, message: OutgoingMessage, options: PostOptions = {}): Promise<void> {
    const { channel, threadTs } = parseDestination(key);
    const thread = threadTs ? { thread_ts: threadTs } : {};
    let replaces = options.replaces;
    for (const part of await this.render(message)) {
      if (options.visibleTo) {
        await this.client.chat.postEphemeral({ channel, ...thread, user: slackUserId(options.visibleTo), text: part.text, blocks: part.blocks });
        continue;
      }
      if (replaces && (await this.replace(channel, replaces, part))) {
        replaces = undefined;
        continue;
      }
      await this.client.chat.postMessage({ channel, ...thread, text: part.text, blocks: part.blocks });
    }
  }

  /** A direct message: opens (or finds) the bot's DM with the user, then posts there. */
  async direct(userKey: string, message: OutgoingMessage): Promise<void> {
    const opened = await this.client.conversations.open({ users: slackUserId(userKey) });
    const channel = opened.channel?.id;
    if (!channel) throw new Error("conversations.open returned no channel");
    for (const part of await this.render(message)) await this.client.chat.postMessage({ channel, text: part.text, blocks: part.blocks });
  }

  /** Uploads the PNG into the channel or thread (files.getUploadURLExternal, the upload, files.completeUploadExternal), the message as its comment. */
  async postImage(key: string, image: Image, message: OutgoingMessage): Promise<void> {
    const { channel, threadTs } = parseDestination(key);
    const common = { file: image.png, filename: image.filename, title: image.alt, alt_text: image.alt, initial_comment: captionText(message, await this.names.resolve(message)) };
    await this.client.filesUploadV2(threadTs ? { ...common, channel_id: channel, thread_ts: threadTs } : { ...common, channel_id: channel });
  }

  /**
   * Turns the placeholder into the reply; false when Slack refused the edit (the placeholder was
   * deleted, or is too old), so the reply is posted anew. Any other failure (HTTP error, timeout)
   * may have edited it after all, so it rejects, and the retry edits the placeholder again: an edit
   * repeated shows the reply once, where a new post could show it twice.
   */
  private async replace(channel: string, ts: string, part: SlackMessage): Promise<boolean> {
    try {
      await this.client.chat.update({ channel, ts, text: part.text, blocks: part.blocks });
      return true;
    } catch (error) {
      if (slackErrorCode(error) !== undefined) return false;
      throw error;
    }
  }
}
