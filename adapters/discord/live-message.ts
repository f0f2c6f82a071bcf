import type { LiveMessage } from "../../src/ports/live.js";
import { renderDiscord, type DiscordMessage } from "./render.js";

/**
 * Discord has no streaming API and rate-limits edits, so a reply being written is a message edited
 * at most this often.
 */
export const LIVE_EDIT_INTERVAL_MS = 1_000;

/** Separates the message ids in a live message's reference. */
const REF_SEPARATOR = ",";
const SNOWFLAKE = /^\d{1,20}$/;

/** The writes a live message makes: its `part`th message posted in the thread (resolving to its id), or an edit of one. */
export interface LiveWrites {
  post(body: DiscordMessage, part: number): Promise<string>;
  edit(messageId: string, body: DiscordMessage): Promise<void>;
}

/**
 * A reply shown as it is written: the first text is posted as a message, later text edits it (or,
 * given the messages of an earlier stream the thread still shows, it writes into those instead).
 * Text is rendered as the interviewer's reply would be (under its heading, escaped, mentions
 * inert), so when it grows past Discord's 2,000 characters it splits where the finished reply will
 * (a paragraph end, else a line end, a sentence end or a word): the full message keeps its part and
 * the rest continues in a new one. Only messages whose part changed are written.
 */
export class DiscordLiveMessage implements LiveMessage {
  readonly intervalMs = LIVE_EDIT_INTERVAL_MS;
  private readonly ids: string[];
  private readonly shown: string[] = [];
  private readonly heading: string | undefined;

  constructor(
    private readonly writes: LiveWrites,
    options: {
      /** The finished reply's heading, shown above the words from the start. */
      heading?: string | undefined;
      /** Messages already in the thread to write into, in order; the reply replacing this one deletes any left unused. */
      messageIds?: readonly string[];
    } = {},
  ) {
    this.heading = options.heading;
    this.ids = [...(options.messageIds ?? [])];
  }

  async show(text: string): Promise<void> {
    for (const [index, part] of liveParts(text, this.heading).entries()) {
      const content = part.content ?? "";
      if (content === this.shown[index]) continue;
      const id = this.ids[index];
      if (id === undefined) this.ids.push(await this.writes.post(part, index));
      else await this.writes.edit(id, part);
      this.shown[index] = content;
    }
  }

  ref(): string | undefined {
    return liveRef(this.ids);
  }

  async end(): Promise<string | undefined> {
    return liveRef(this.ids);
  }
}

/** The text so far as Discord messages, split as the interviewer's finished reply is. */
export function liveParts(text: string, heading?: string): DiscordMessage[] {
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.trim().length > 0);
  // A heading alone is not a reply yet: nothing shows until the first words do.
  if (paragraphs.length === 0) return [];
  return renderDiscord({ kind: "interviewer", ...(heading ? { heading } : {}), paragraphs });
}

/** A reference naming every message a live reply posted, in order; undefined when it posted none. */
export function liveRef(messageIds: readonly string[]): string | undefined {
  return messageIds.length ? messageIds.join(REF_SEPARATOR) : undefined;
}

/** The message ids a live reply's reference names; none for anything else (a reference is never trusted blindly). */
export function parseLiveRef(ref: string | undefined): string[] {
  if (!ref) return [];
  const ids = ref.split(REF_SEPARATOR);
  return ids.every((id) => SNOWFLAKE.test(id)) ? ids : [];
}
