/** A message as a channel or thread shows it now: posted by chat.postMessage, edited by chat.update. */
export interface ShownMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: unknown;
}

/** What the fake's channels and threads show, so a test can read a thread as a person would, edits applied. */
export class FakeMessages {
  private readonly byTs = new Map<string, ShownMessage>();

  posted(channel: string, ts: string, body: Record<string, unknown>): void {
    const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;
    this.byTs.set(`${channel}/${ts}`, { channel, ts, threadTs, text: String(body.text ?? ""), blocks: body.blocks });
  }

  /** Applies chat.update to a message the fake knows; false for one it does not. */
  updated(channel: string, ts: string, body: Record<string, unknown>): boolean {
    const shown = this.byTs.get(`${channel}/${ts}`);
    if (!shown) return false;
    shown.text = String(body.text ?? "");
    shown.blocks = body.blocks;
    return true;
  }

  /** The replies in a thread (not its parent), oldest first. */
  inThread(channel: string, threadTs: string): ShownMessage[] {
    return [...this.byTs.values()].filter((message) => message.channel === channel && message.threadTs === threadTs && message.ts !== threadTs);
  }
}
