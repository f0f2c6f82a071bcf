import type { OutgoingMessage } from "../../src/core/messages/message.js";
import { safeText } from "../../src/core/text/safe.js";

const ANSI = { bold: "\x1b[1m", dim: "\x1b[2m", cyan: "\x1b[36m", yellow: "\x1b[33m", green: "\x1b[32m", reset: "\x1b[0m" } as const;

export interface RenderOptions {
  color: boolean;
}

/** A message as terminal text, made safe to show (see safeText); colour only when writing to a TTY that accepts it. */
export function renderMessage(message: OutgoingMessage, options: RenderOptions): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  const tone = message.kind === "summary" ? "green" : message.kind === "interviewer" ? "cyan" : "yellow";
  if (message.heading) lines.push(paint("bold", paint(tone, `── ${safeText(message.heading)} ──`)));
  for (const paragraph of message.paragraphs) lines.push(safeText(paragraph), "");
  for (const field of message.fields ?? []) {
    lines.push(paint("bold", safeText(field.label)));
    lines.push(...safeText(field.value).split("\n").map((line) => `  ${line}`), "");
  }
  if (message.actions?.length) lines.push(paint("dim", `(${message.actions.join(" · ")} · help)`), "");
  return lines.join("\n");
}

export function colorWanted(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}
