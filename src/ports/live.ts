/**
 * A reply shown while it is being written (an LLM turn's words as they stream). The pipeline paces
 * the calls (see src/pipeline/live-reply.ts); a platform only shows text and says which message
 * holds it, so the reply the turn commits can take that message's place.
 */
export interface LiveMessage {
  /** Shortest gap between two `show` calls this platform takes (its edit rate limit). */
  readonly intervalMs: number;
  /** Shows the whole text so far. Each call's text begins with the previous call's. */
  show(text: string): Promise<void>;
  /** The reference of the message(s) holding the text so far; undefined until a show succeeded. */
  ref(): string | undefined;
  /**
   * Stops showing (closes a stream). Resolves to the reference of the message that holds the text,
   * which the turn's reply replaces, or undefined when nothing was shown. It resolves with the
   * reference even when closing fails: the reply must still find the message to replace.
   */
  end(): Promise<string | undefined>;
}

export interface LiveOptions {
  /** A placeholder already in the thread (its reference), to write into rather than beside. */
  replaces?: string | undefined;
  /** The reply's heading (the interview's phase), for hosts that show it above the streamed words. */
  heading?: string | undefined;
  /** The user the reply answers (a user key): platforms that stream to one reader (Slack) need it. */
  recipient?: string | undefined;
}
