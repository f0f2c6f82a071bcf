import type { types } from "@slack/bolt";
import { ACTION_LABELS, plainText, type Action, type OutgoingMessage } from "../../src/messages/message.js";
import { splitText } from "../shared/split-text.js";

type KnownBlock = types.KnownBlock;

/** Block Kit's limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  fieldText: 2_000,
  fieldsPerSection: 10,
  headerText: 150,
  fallbackText: 3_000,
} as const;

export const ACTION_PREFIX = "mock_interview_";

export interface SlackMessage {
  /** Plain text for notifications and clients that cannot show blocks. */
  text: string;
  blocks: KnownBlock[];
}

/** A platform-neutral message as one or more Slack messages within Block Kit's limits. */
export function renderSlack(message: OutgoingMessage): SlackMessage[] {
  const blocks: KnownBlock[] = [];
  if (message.heading) blocks.push({ type: "header", text: { type: "plain_text", text: clip(message.heading, SLACK_LIMITS.headerText) } });
  for (const paragraph of message.paragraphs) {
    for (const piece of splitText(escape(paragraph), SLACK_LIMITS.sectionText)) blocks.push({ type: "section", text: { type: "mrkdwn", text: piece } });
  }
  if (message.fields?.length) {
    if (message.kind === "summary") {
      // The scorecard reads best as one row per dimension: rating in bold, evidence quoted below.
      for (const field of message.fields) {
        const row = `*${escape(field.label)}*\n${quote(field.value)}`;
        blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(row, SLACK_LIMITS.sectionText) } });
      }
    } else {
      const fields = message.fields.map((field) => ({ type: "mrkdwn" as const, text: clip(`*${escape(field.label)}*\n${escape(field.value)}`, SLACK_LIMITS.fieldText) }));
      for (let start = 0; start < fields.length; start += SLACK_LIMITS.fieldsPerSection) {
        blocks.push({ type: "section", fields: fields.slice(start, start + SLACK_LIMITS.fieldsPerSection) });
      }
    }
  }
  const actions = message.actions?.length ? actionsBlock(message.actions) : undefined;
  const text = clip(plainText(message), SLACK_LIMITS.fallbackText);
  // Long messages become several, the buttons riding on the last one.
  const room = SLACK_LIMITS.blocks - (actions ? 1 : 0);
  const messages: SlackMessage[] = [];
  for (let start = 0; start < blocks.length || messages.length === 0; start += room) {
    messages.push({ text: messages.length === 0 ? text : "(continued)", blocks: blocks.slice(start, start + room) });
  }
  const last = messages[messages.length - 1];
  if (actions && last) last.blocks.push(actions);
  return messages;
}

function actionsBlock(actions: readonly Action[]): KnownBlock {
  return {
    type: "actions",
    block_id: "mock_interview_actions",
    elements: actions.map((action) => ({
      type: "button" as const,
      action_id: `${ACTION_PREFIX}${action}`,
      text: { type: "plain_text" as const, text: ACTION_LABELS[action] },
      value: action,
      ...(action === "end" ? { style: "danger" as const } : action === "hint" ? { style: "primary" as const } : {}),
    })),
  };
}

/** Slack mrkdwn treats &, < and > as control characters. */
export function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function quote(text: string): string {
  return escape(text)
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
