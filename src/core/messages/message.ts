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

/**
 * Buttons that act outside an interview's turns: review a finished interview, start this week's
 * practice problem, confirm or cancel forget-me. Each adapter encodes `action` and `value` in its
 * platform's button id and hands presses to the team features in src/features/team.
 */
export const TEAM_ACTIONS = ["review", "practice-start", "forget-confirm", "forget-cancel"] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

export interface Button {
  action: TeamAction;
  label: string;
  /** What the press is about (an interview id, a problem id and level); at most 64 characters. */
  value: string;
  style?: "primary" | "danger";
}

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
  /** Team buttons, rendered after any interview actions. */
  buttons?: Button[];
  /** Platform user keys to notify: rendered as a leading mention that pings exactly these users. */
  mentions?: string[];
}

/**
 * A user named inside text, e.g. who wrote a review comment: `<@slack:T1:U1>`. Adapters render it
 * as the platform's mention of that user without pinging them; only `mentions` ping.
 */
export function mentionOf(userKey: string): string {
  return `<@${userKey}>`;
}

/** Finds `mentionOf` tokens in text; the first group is the user key. */
export const MENTION_TOKEN = /<@([a-z]+:[^<>\s]+)>/g;

/** The message as plain text: notification fallbacks, logs at debug level, the JSON terminal mode. */
export function plainText(message: OutgoingMessage): string {
  const parts: string[] = [];
  if (message.heading) parts.push(message.heading);
  parts.push(...message.paragraphs);
  for (const field of message.fields ?? []) parts.push(`${field.label}: ${field.value}`);
  return parts.join("\n\n");
}
