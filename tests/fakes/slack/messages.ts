/** A message as a channel or thread shows it now: posted by chat.postMessage or a stream, edited by chat.update. */
export interface ShownMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: unknown;
  /** Every text the message has shown, oldest first, with when (ms since the epoch): how a reader saw it grow. */
  history: Array<{ text: string; at: number }>;
  /** True while a chat.startStream stream is open on it. */
  streaming: boolean;
  /** Who a stream in a channel thread was started for (chat.startStream's recipient). */
  recipient?: { team: string; user: string };
}

/** What the fake's channels and threads show, so a test can read a thread as a person would, edits applied. */
export class FakeMessages {
  private readonly byTs = new Map<string, ShownMessage>();

  posted(channel: string, ts: string, body: Record<string, unknown>): void {
    const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;
    const text = String(body.text ?? "");
    this.byTs.set(`${channel}/${ts}`, { channel, ts, threadTs, text, blocks: body.blocks, history: [{ text, at: Date.now() }], streaming: false });
  }

  /** Applies chat.update to a message the fake knows; false for one it does not. */
  updated(channel: string, ts: string, body: Record<string, unknown>): boolean {
    const shown = this.byTs.get(`${channel}/${ts}`);
    if (!shown) return false;
    shown.text = String(body.text ?? "");
    shown.blocks = body.blocks;
    shown.history.push({ text: shown.text, at: Date.now() });
    return true;
  }

  /** chat.delete: the message is gone from its thread. */
  deleted(channel: string, ts: string): boolean {
    return this.byTs.delete(`${channel}/${ts}`);
  }

  /** chat.startStream: a new message whose text grows with each chat.appendStream until chat.stopStream. */
  started(channel: string, ts: string, body: Record<string, unknown>): void {
    const text = String(body.markdown_text ?? "");
    const recipient = typeof body.recipient_user_id === "string" ? { team: String(body.recipient_team_id), user: body.recipient_user_id } : undefined;
    this.byTs.set(`${channel}/${ts}`, { channel, ts, threadTs: String(body.thread_ts), text, blocks: undefined, history: [{ text, at: Date.now() }], streaming: true, ...(recipient ? { recipient } : {}) });
  }

  /** chat.appendStream / chat.stopStream; the Slack error code when the message is not an open stream. */
  appended(channel: string, ts: string, body: Record<string, unknown>, stop: boolean): string | undefined {
    const shown = this.byTs.get(`${channel}/${ts}`);
    if (!shown) return "message_not_found";
    if (!shown.streaming) return "message_not_in_streaming_state";
    if (typeof body.markdown_text === "string" && body.markdown_text) {
      shown.text += body.markdown_text;
      shown.history.push({ text: shown.text, at: Date.now() });
    }
    if (stop) shown.streaming = false;
    return undefined;
  }

  /** The replies in a thread (not its parent), oldest first. */
  inThread(channel: string, threadTs: string): ShownMessage[] {
    return [...this.byTs.values()].filter((message) => message.channel === channel && message.threadTs === threadTs && message.ts !== threadTs);
  }
}
