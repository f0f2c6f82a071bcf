import type { OutgoingMessage } from "../../src/core/messages/message.js";
import { safeText } from "../../src/core/text/safe.js";

const ANSI = { bold: "\x1b[1m", dim: "\x1b[2m", cyan: "\x1b[36m", yellow: "\x1b[33m", green: "\x1b[32m", reset: "\x1b[0m" } as const;

export interface RenderOptions {
  color: boolean;
}

/**
 * C0 and C1 control characters but newline and tab, and DEL: a candidate's text (or a model's
 * echo of it) holding ESC sequences could clear the screen, move the cursor or set the title.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text made safe to show (see safeText) and stripped of terminal controls; our own colours are added after. */
export function shownText(text: string): string {
  return safeText(text).replace(/\r\n?/g, "\n").replace(CONTROLS, "");
}

/** A message as terminal text, made safe to show; colour only when writing to a TTY that accepts it. */
export function renderMessage(message: OutgoingMessage, options: RenderOptions): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  const tone = message.kind === "summary" ? "green" : message.kind === "interviewer" ? "cyan" : "yellow";
  if (message.heading) lines.push(paint("bold", paint(tone, `── ${shownText(message.heading)} ──`)));
  for (const paragraph of message.paragraphs) lines.push(shownText(paragraph), "");
  for (const field of message.fields ?? []) {
    lines.push(paint("bold", shownText(field.label)));
    lines.push(...shownText(field.value).split("\n").map((line) => `  ${line}`), "");
  }
  if (message.actions?.length) lines.push(paint("dim", `(${message.actions.join(" · ")} · help)`), "");
  return lines.join("\n");
}

export function colorWanted(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}
