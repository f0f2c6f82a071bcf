/** An assistant thread as the fake knows it: opened by the user in the app's assistant pane. */
export interface AssistantThread {
  user: string;
  /** The bot's DM channel with the user: assistant threads live there. */
  channel: string;
  threadTs: string;
  /** The channel the user was viewing when they opened (or last moved) the pane. */
  context: { channel_id?: string; team_id: string };
  /** What setSuggestedPrompts set last, or undefined. */
  prompts?: { title: string | undefined; prompts: Array<{ title: string; message: string }> };
  /** The status line under the thread (setStatus), cleared by the app's next post in the thread. */
  status?: string;
  title?: string;
}

/** Slack's limit on suggested prompts per thread. */
const MAX_PROMPTS = 4;

/**
 * The Agents & AI Apps side of the fake: assistant threads the user opens in the pane, and the
 * assistant.threads.* methods, which answer only for those threads, as Slack's do. A status shows
 * until the app posts in the thread (or sets an empty one), as Slack clears it on the app's reply.
 */
export class FakeAssistant {
  private readonly threads = new Map<string, AssistantThread>();

  constructor(private readonly teamId: string) {}

  /** Opens a thread in `channel` (the user's DM with the bot) whose first ts is `threadTs`. */
  open(user: string, channel: string, threadTs: string, viewing?: string): AssistantThread {
    const thread: AssistantThread = { user, channel, threadTs, context: { team_id: this.teamId, ...(viewing ? { channel_id: viewing } : {}) } };
    this.threads.set(`${channel}/${threadTs}`, thread);
    return thread;
  }

  thread(channel: string, threadTs: string): AssistantThread | undefined {
    return this.threads.get(`${channel}/${threadTs}`);
  }

  /** The app posted in `channel` (in `threadTs` when a reply): Slack clears that thread's status. */
  posted(channel: string, threadTs: string | undefined): void {
    if (threadTs) delete this.thread(channel, threadTs)?.status;
  }

  /** assistant.threads.setSuggestedPrompts, setStatus and setTitle; undefined for any other method. */
  answer(method: string, body: Record<string, unknown>): Record<string, unknown> | undefined {
    if (!method.startsWith("assistant.threads.")) return undefined;
    const channel = body.channel_id;
    const threadTs = body.thread_ts;
    if (typeof channel !== "string" || !channel || typeof threadTs !== "string" || !threadTs) return { ok: false, error: "invalid_arguments" };
    const thread = this.thread(channel, threadTs);
    if (!thread) return { ok: false, error: channel.startsWith("D") ? "invalid_thread_ts" : "channel_not_found" };
    switch (method) {
      case "assistant.threads.setSuggestedPrompts": {
        const prompts = body.prompts;
        if (!Array.isArray(prompts) || prompts.length === 0 || prompts.length > MAX_PROMPTS) return { ok: false, error: "invalid_arguments" };
        const read = prompts.map((prompt: unknown) => (isPrompt(prompt) ? { title: prompt.title, message: prompt.message } : undefined));
        if (read.some((prompt) => prompt === undefined)) return { ok: false, error: "invalid_arguments" };
        thread.prompts = { title: typeof body.title === "string" ? body.title : undefined, prompts: read.filter((prompt) => prompt !== undefined) };
        return { ok: true };
      }
      case "assistant.threads.setStatus":
        if (typeof body.status !== "string") return { ok: false, error: "invalid_arguments" };
        if (body.status) thread.status = body.status;
        else delete thread.status;
        return { ok: true };
      case "assistant.threads.setTitle":
        if (typeof body.title !== "string" || !body.title) return { ok: false, error: "invalid_arguments" };
        thread.title = body.title;
        return { ok: true };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function isPrompt(value: unknown): value is { title: string; message: string } {
  if (typeof value !== "object" || value === null) return false;
  const { title, message } = value as Record<string, unknown>;
  return typeof title === "string" && title.length > 0 && typeof message === "string" && message.length > 0;
}
