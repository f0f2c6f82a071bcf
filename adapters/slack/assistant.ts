import { Assistant, type AssistantThreadStartedMiddleware, type AssistantUserMessageMiddleware, type webApi } from "@slack/bolt";
import { ASSISTANT_PROMPTS, ASSISTANT_PROMPTS_TITLE, ASSISTANT_WELCOME, handleAssistantMessage } from "../../src/features/assistant.js";
import type { Caller, FeatureDeps, Reply } from "../../src/features/host.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Logger } from "../../src/ops/logger.js";
import { AssistantHost } from "./assistant-host.js";
import type { SlackHost } from "./host.js";
import { fromSlackMarkup } from "./incoming-text.js";
import type { SlackPoster } from "./poster.js";
import { threadKey, userKey, type SlackThread } from "./thread-key.js";

/**
 * Slack's assistant pane (Agents & AI Apps) as an entry to the same features: a new thread is
 * offered the suggested prompts, and each message the user writes there is routed by
 * src/features/assistant.ts (a prompt is a request, anything else first an answer). Bolt hands these
 * DM-thread messages to the Assistant alone, so the app's `message` listener never sees them and
 * nothing is answered twice.
 */
export class SlackAssistant {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly poster: SlackPoster,
    /** The channel host of a workspace, for links, mentions and refusals. */
    private readonly workspace: (team: string, channel: string) => SlackHost,
    private readonly logger: Logger,
  ) {}

  /** Bolt's Assistant wired to the features; register it with `app.assistant` before any `message` listener runs. */
  assistant(deps: FeatureDeps): Assistant {
    return new Assistant({
      threadStarted: (args) => this.started(args),
      // The channel the user is viewing changes nothing here; without a handler of its own, Bolt
      // would read the thread back and rewrite its first message's metadata on every change.
      threadContextChanged: async () => {},
      userMessage: (args) => this.message(args, deps),
    });
  }

  private async started({ event, body }: Parameters<AssistantThreadStartedMiddleware>[0]): Promise<void> {
    const { channel_id: channel, thread_ts: threadTs } = event.assistant_thread;
    await this.client.assistant.threads.setSuggestedPrompts({
      channel_id: channel,
      thread_ts: threadTs,
      title: ASSISTANT_PROMPTS_TITLE,
      prompts: ASSISTANT_PROMPTS.map(({ title, message }) => ({ title, message })),
    });
    await this.say({ team: body.team_id, channel, threadTs }, ASSISTANT_WELCOME);
  }

  private async message({ event, body }: Parameters<AssistantUserMessageMiddleware>[0], deps: FeatureDeps): Promise<void> {
    // The user's own words only: edits, shares and bot posts carry a subtype or a bot id.
    if (event.subtype !== undefined || !("user" in event) || !event.user || event.bot_id || !event.thread_ts) return;
    const thread: SlackThread = { team: body.team_id, channel: event.channel, threadTs: event.thread_ts };
    const text = fromSlackMarkup(event.text ?? "");
    if (!text.trim()) return;
    // A redelivery (Slack unsure the first arrived) must neither open anything twice nor turn a
    // request into an answer once the interview it opened is there; storage dedupes answers too.
    if (deps.presses.repeated(`assistant:${body.event_id}`)) return;
    const author = userKey(thread.team, event.user);
    const host = new AssistantHost(this.client, thread, this.workspace(thread.team, thread.channel), this.logger);
    // Charts and other answers about the user land in this thread, which only they can see.
    const caller = async (): Promise<Caller> => {
      const name = (await this.poster.names.name(author)) ?? event.user;
      return { user: author, name, mention: name, channel: threadKey(thread), eventId: body.event_id };
    };
    const reply = await handleAssistantMessage({ text, eventId: body.event_id, threadKey: threadKey(thread), author }, caller, host, deps);
    if (reply) await this.deliver(thread, reply);
  }

  /** The pane is the user's own thread, so what a channel would tell them privately is posted there. */
  private async deliver(thread: SlackThread, reply: Reply): Promise<void> {
    if (reply.kind === "tell" || reply.kind === "replace") return this.say(thread, reply.message);
    // A review form opens only from a press (it needs the trigger): assistantRequest refuses review here.
    if (reply.kind === "review-form") this.logger.warn({ platform: "slack" }, "a review form cannot open from an assistant message");
  }

  private async say(thread: SlackThread, message: OutgoingMessage): Promise<void> {
    try {
      await this.poster.post(threadKey(thread), message);
    } catch (error) {
      this.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "could not answer in the assistant thread");
    }
  }
}
