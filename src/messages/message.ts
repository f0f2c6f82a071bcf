/**
 * Platform-neutral messages. The engine and the summary speak these; each adapter renders them
 * (Block Kit, Discord embeds, ANSI) and handles its platform's limits.
 */

/** Buttons an interviewer message can carry; each maps to the in-interview command of the same name. */
export const ACTIONS = ["hint", "harder", "easier", "next", "end"] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS = {
  hint: "Hint",
  harder: "Harder",
  easier: "Easier",
  next: "Next phase",
  end: "End interview",
} as const satisfies Record<Action, string>;

export type MessageKind = "interviewer" | "notice" | "summary" | "error";

export interface Field {
  label: string;
  value: string;
}

export interface OutgoingMessage {
  kind: MessageKind;
  heading?: string;
  paragraphs: string[];
  fields?: Field[];
  actions?: Action[];
}

/** The message as plain text: notification fallbacks, logs at debug level, the JSON terminal mode. */
export function plainText(message: OutgoingMessage): string {
  const parts: string[] = [];
  if (message.heading) parts.push(message.heading);
  parts.push(...message.paragraphs);
  for (const field of message.fields ?? []) parts.push(`${field.label}: ${field.value}`);
  return parts.join("\n\n");
}
