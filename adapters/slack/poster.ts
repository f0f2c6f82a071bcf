import type { webApi } from "@slack/bolt";
import type { OutgoingMessage } from "../../src/messages/message.js";
import type { Poster, PostOptions } from "../../src/poster/port.js";
import { renderSlack } from "./render.js";
import { parseThreadKey, slackUserId } from "./thread-key.js";

export const PLACEHOLDER_TEXT = "_thinking…_";

/**
 * Posts into an interview thread with the Web API client alone, so the summary worker needs no
 * Socket Mode connection or HTTP receiver. Slack reports failures as `ok: false`, which the client
 * turns into a rejection the caller can retry.
 */
export class SlackPoster implements Poster {
  constructor(private readonly client: webApi.WebClient) {}

  /** A "thinking…" message in the thread; its ts is the reference a reply replaces. */
  async placeholder(threadKey: string): Promise<string | undefined> {
    const { channel, threadTs } = parseThreadKey(threadKey);
    const posted = await this.client.chat.postMessage({ channel, thread_ts: threadTs, text: PLACEHOLDER_TEXT });
    return posted.ts;
  }

  async post(threadKey: string, message: OutgoingMessage, options: PostOptions = {}): Promise<void> {
    const { channel, threadTs } = parseThreadKey(threadKey);
    let replaces = options.replaces;
    for (const part of renderSlack(message)) {
      if (options.visibleTo) {
        await this.client.chat.postEphemeral({ channel, thread_ts: threadTs, user: slackUserId(options.visibleTo), text: part.text, blocks: part.blocks });
        continue;
      }
      if (replaces && (await this.replace(channel, replaces, part))) {
        replaces = undefined;
        continue;
      }
      await this.client.chat.postMessage({ channel, thread_ts: threadTs, text: part.text, blocks: part.blocks });
    }
  }

  /** Turns the placeholder into the reply; false when it is gone (deleted by someone), so the reply is posted anew. */
  private async replace(channel: string, ts: string, part: { text: string; blocks: ReturnType<typeof renderSlack>[number]["blocks"] }): Promise<boolean> {
    try {
      await this.client.chat.update({ channel, ts, text: part.text, blocks: part.blocks });
      return true;
    } catch {
      return false;
    }
  }
}
