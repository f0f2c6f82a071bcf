import type { webApi } from "@slack/bolt";
import { COMMAND, type PlatformHints, type PostingRefusal, cannotPost } from "../../src/features/copy.js";
import type { Host, OpenedThread, ThreadLink, ThreadRequest } from "../../src/features/host.js";
import { ForbiddenError } from "../../src/core/errors.js";
import type { Logger } from "../../src/ops/logger.js";
import { renderSlack } from "./render.js";
import { slackErrorCode } from "./error-code.js";
import { threadFromPermalink, threadKey, userFromMention } from "./thread-key.js";

/** Slack's words for the sentences in src/features/copy.ts. */
export const SLACK_HINTS: PlatformHints = {
  title: "Slack",
  space: "workspace",
  copyThreadLink: "open the first message's menu (⋮) in the interview's thread → Copy link",
  reviewWithLink: `run ${COMMAND} review <link>`,
  mentionTeammates: `Type @ and pick them from the list, e.g. ${COMMAND} review-request @ada @grace`,
  inviteBot: "Invite me with `/invite @Mock Interview`",
  permissions: "chat:write and chat:write.public",
};

/** chat.postMessage's errors that mean "the bot may not post here". */
const REFUSALS: Record<string, PostingRefusal> = {
  not_in_channel: "not-a-member",
  channel_not_found: "hidden",
  is_archived: "archived",
  restricted_action: "restricted",
  cannot_dm_bot: "not-a-channel",
};

/** Where a Slack request came from: its workspace and channel. */
export interface SlackPlace {
  team: string;
  channel: string;
}

/**
 * Slack as the features' Host for one request: the parent message in the channel, whose ts names
 * the thread; permalinks and escaped mentions read in the request's workspace.
 */
export class SlackHost implements Host {
  readonly name = "slack";
  readonly hints = SLACK_HINTS;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly place: SlackPlace,
    private readonly slots: Slots,
    private readonly logger: Logger,
  ) {}

  async openThread(request: ThreadRequest): Promise<OpenedThread> {
    const { team, channel } = this.place;
    const [parent] = renderSlack(request.parent);
    // A few at a time, so a burst of commands is acknowledged within Slack's three seconds before any of them posts.
    await this.slots.acquire();
    let ts: string | undefined;
    try {
      ts = (await this.client.chat.postMessage({ channel, text: parent?.text ?? "", blocks: parent?.blocks ?? [] })).ts;
    } catch (error) {
      const refusal = this.refusalOf(error);
      if (refusal) throw new ForbiddenError(cannotPost(refusal, this.hints), { cause: error });
      throw error;
    } finally {
      this.slots.release();
    }
    if (!ts) throw new Error("chat.postMessage returned no ts");
    const posted = ts;
    // The channel shows the parent message, so the caller needs no pointer to it.
    return { threadKey: threadKey({ team, channel, threadTs: posted }), remove: () => this.removeParent(channel, posted) };
  }

  threadFromLink(link: string): ThreadLink {
    const key = threadFromPermalink(link, this.place.team);
    return key ? { kind: "thread", threadKey: key } : { kind: "not-a-link" };
  }

  userFromMention(token: string): string | undefined {
    return userFromMention(token, this.place.team);
  }

  refusalOf(error: unknown): PostingRefusal | undefined {
    return REFUSALS[slackErrorCode(error) ?? ""];
  }

  /** A parent message with nothing in its thread disappears with it. */
  private async removeParent(channel: string, ts: string): Promise<void> {
    try {
      await this.client.chat.delete({ channel, ts });
    } catch (error) {
      this.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "could not remove the parent message of an interview that did not start");
    }
  }
}

/** A counting semaphore: at most `size` holders at once, the rest wait in arrival order. */
export class Slots {
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
