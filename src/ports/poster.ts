import type { OutgoingMessage } from "../core/messages/message.js";
import type { LiveMessage, LiveOptions } from "./live.js";

export interface PostOptions {
  /**
   * Stable across retries of the same post (e.g. `summary-<interview id>`). A platform whose API
   * deduplicates (Discord's `nonce` with `enforce_nonce`) passes it on; others may ignore it.
   */
  idempotencyKey?: string;
  /** Show the message to this user only, where the platform can (Slack ephemeral); otherwise post it normally. */
  visibleTo?: string;
  /** A placeholder (from `placeholder`) that this message replaces instead of appearing as a new one. */
  replaces?: string;
}

/** A rendered picture (the progress chart) with the text that goes with it. */
export interface Image {
  png: Buffer;
  /** File name shown by the platform, e.g. `progress.png`. */
  filename: string;
  /** Alt text / title for screen readers and notifications. */
  alt: string;
  /** What the picture is, for hosts that label it (the terminal's JSON lines). */
  kind?: "chart" | "diagram" | "design";
}

/**
 * Delivers a platform-neutral message into the thread a key names, or top-level into a channel when
 * given a channel key (`slack:<team>:<channel>`, `discord:<guild>:<channel>`). Each adapter implements it with
 * its REST client only, so the summary worker can post without a gateway connection. Failures
 * reject; the caller decides whether to retry.
 */
export interface Poster {
  post(threadKey: string, message: OutgoingMessage, options?: PostOptions): Promise<void>;
  /**
   * Shows at once that a reply is on its way: a "thinking…" message whose reference a later post
   * replaces (Slack), or a typing indicator with no reference (Discord). Optional per platform.
   */
  placeholder?(threadKey: string): Promise<string | undefined>;
  /** Sends a direct message to one user (a user key), e.g. a request to review a teammate's interview. */
  direct?(userKey: string, message: OutgoingMessage): Promise<void>;
  /** Posts a PNG into a channel or thread, with `message` as its caption. */
  postImage?(key: string, image: Image, message: OutgoingMessage): Promise<void>;
  /**
   * A message in the thread that shows a reply as it is written; undefined when this thread's
   * platform cannot (the reply is then posted whole, as always).
   */
  live?(threadKey: string, options: LiveOptions): LiveMessage | undefined;
  /** Whether `placeholder` does anything for this thread (a router answers per platform). */
  showsPlaceholder?(threadKey: string): boolean;
}

/** True when the poster can show a placeholder in this thread, so no Redis work is spent otherwise. */
export function showsPlaceholder(poster: Poster, threadKey: string): boolean {
  return poster.showsPlaceholder ? poster.showsPlaceholder(threadKey) : poster.placeholder !== undefined;
}
