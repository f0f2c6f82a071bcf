import type { webApi } from "@slack/bolt";
import { interviewThreadName, type PostingRefusal } from "../../src/features/copy.js";
import type { Host, OpenedThread, ThreadLink, ThreadRequest } from "../../src/features/host.js";
import type { Logger } from "../../src/ops/logger.js";
import type { SlackHost } from "./host.js";
import { renderSlack } from "./render.js";
import { threadKey, type SlackThread } from "./thread-key.js";
import { showThinking } from "./thread-status.js";

/**
 * The features' Host for a request made in an assistant thread: the interview opens in that very
 * thread, so the parent message is its first reply there and the thread is named after the
 * interview. Links, mentions and refusals read as in the user's workspace (the channel host).
 */
export class AssistantHost implements Host {
  readonly name: string;
  readonly hints: SlackHost["hints"];
  readonly solo = true;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly thread: SlackThread,
    private readonly workspace: SlackHost,
    private readonly logger: Logger,
  ) {
    this.name = workspace.name;
    this.hints = workspace.hints;
  }

  async openThread(request: ThreadRequest): Promise<OpenedThread> {
    const { team, channel, threadTs } = this.thread;
    const [parent] = renderSlack(request.parent);
    const posted = await this.client.chat.postMessage({ channel, thread_ts: threadTs, text: parent?.text ?? "", blocks: parent?.blocks ?? [] });
    const ts = posted.ts;
    if (!ts) throw new Error("chat.postMessage returned no ts");
    // Both only dress the thread; the interview runs without them.
    await this.quietly("name the assistant thread", () => this.client.assistant.threads.setTitle({ channel_id: channel, thread_ts: threadTs, title: interviewThreadName(request.candidateName, request.problemTitle) }));
    // The thread shows the status until the greeting and first question are posted.
    await this.quietly("show the thread status", () => showThinking(this.client, channel, threadTs));
    return { threadKey: threadKey({ team, channel, threadTs }), remove: () => this.quietly("remove the parent message of an interview that did not start", () => this.client.chat.delete({ channel, ts })) };
  }

  threadFromLink(link: string): ThreadLink {
    return this.workspace.threadFromLink(link);
  }

  userFromMention(token: string): string | undefined {
    return this.workspace.userFromMention(token);
  }

  refusalOf(error: unknown): PostingRefusal | undefined {
    return this.workspace.refusalOf(error);
  }

  private async quietly(what: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, `could not ${what}`);
    }
  }
}
