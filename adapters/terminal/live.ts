import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { LiveMessage, LiveOptions } from "../../src/ports/live.js";
import { renderMessage, shownText } from "./render.js";

/** The terminal has no rate limit: this only gathers tokens into readable runs. */
const PRINT_INTERVAL_MS = 50;

export interface TerminalOut {
  write(text: string): void;
  /** Columns of a TTY, to count the rows a streamed reply took; undefined when not a TTY (nothing can be erased). */
  columns(): number | undefined;
  color: boolean;
  json: boolean;
}

/**
 * The interviewer's words printed as the model writes them. When the reply the turn committed
 * arrives (a post that replaces the live message), a TTY erases the streamed text and prints the
 * reply formatted; a pipe cannot erase, so it prints what the reply adds to the streamed text, or
 * the whole reply on a line of its own when it differs (a model that failed part way). `--json`
 * prints each piece as a `partial` line before the reply's usual `interviewer` line.
 */
export class TerminalLive {
  /** Per streamed reply: its words so far, and everything printed for it (the heading too), to erase. */
  private readonly printed = new Map<string, { text: string; output: string }>();
  private count = 0;

  constructor(private readonly out: TerminalOut) {}

  open(options: LiveOptions): LiveMessage {
    const ref = `live-${++this.count}`;
    return {
      intervalMs: PRINT_INTERVAL_MS,
      show: async (text) => this.show(ref, text, options.heading),
      ref: () => (this.printed.has(ref) ? ref : undefined),
      end: async () => (this.printed.has(ref) ? ref : undefined),
    };
  }

  /** Finishes a streamed reply with the committed one; false when `ref` is not a streamed reply of this run. */
  replace(ref: string, message: OutgoingMessage): boolean {
    const streamed = this.printed.get(ref);
    if (streamed === undefined) return false;
    this.printed.delete(ref);
    const printed = streamed.text;
    const { out } = this;
    if (out.json) return false;
    const columns = out.columns();
    if (columns !== undefined) {
      // Back to where the stream began, then clear below: the reply is printed in its place.
      const up = rowsOf(streamed.output, columns) - 1;
      out.write(up > 0 ? `\r\x1b[${up}F\x1b[J` : "\r\x1b[J");
      return false;
    }
    const whole = message.paragraphs.map(shownText).join("\n\n");
    if (whole.startsWith(printed)) {
      out.write(`${whole.slice(printed.length)}\n\n`);
      // What follows the words (the problem's fields, the actions), without the heading already printed.
      const { kind, fields, actions } = message;
      out.write(renderMessage({ kind, paragraphs: [], ...(fields ? { fields } : {}), ...(actions ? { actions } : {}) }, { color: out.color }));
      out.write("\n");
      return true;
    }
    out.write("\n\n");
    return false;
  }

  private show(ref: string, text: string, heading: string | undefined): void {
    const safe = shownText(text);
    const streamed = this.printed.get(ref);
    let added: string;
    if (this.out.json) added = `${JSON.stringify({ type: "partial", text: safe })}\n`;
    // The heading is printed as a reply's always is; only the words stream.
    else if (streamed === undefined) added = (heading ? `${renderMessage({ kind: "interviewer", heading, paragraphs: [] }, { color: this.out.color })}\n` : "") + safe;
    else added = safe.slice(streamed.text.length);
    this.out.write(added);
    this.printed.set(ref, { text: safe, output: (streamed?.output ?? "") + added });
  }
}

/** The rows `text` took on a terminal `columns` wide, counting wrapped lines. */
function rowsOf(text: string, columns: number): number {
  return text.split("\n").reduce((rows, line) => rows + Math.max(1, Math.ceil([...line].length / Math.max(1, columns))), 0);
}
