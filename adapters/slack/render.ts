import { CONTINUED } from "../../src/features/copy.js";
import type { types } from "@slack/bolt";
import { ACTION_LABELS, MENTION_TOKEN, plainText, TEAM_ACTIONS, type Action, type Button, type OutgoingMessage, type TeamAction } from "../../src/core/messages/message.js";
import { clip, graphemePrefix } from "../../src/core/text/clip.js";
import { splitText } from "../shared/split-text.js";
import { escapeMrkdwn, plainSlackText } from "./mrkdwn.js";
import type { UserNames } from "./names.js";
import { slackUserId } from "./thread-key.js";

type KnownBlock = types.KnownBlock;

/** Block Kit's limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  fieldText: 2_000,
  fieldsPerSection: 10,
  headerText: 150,
  fallbackText: 3_000,
  buttonText: 75,
  buttonValue: 2_000,
  elementsPerActions: 25,
} as const;

export const ACTION_PREFIX = "mock_interview_";
/** Team buttons: `mock_team:<action>` (`:<n>` on a repeat within one message, as action ids must be unique). */
export const TEAM_ACTION_PREFIX = "mock_team:";

export interface SlackMessage {
  /** Plain text for notifications and clients that cannot show blocks. */
  text: string;
  blocks: KnownBlock[];
}

const NO_NAMES: UserNames = new Map();

/**
 * A platform-neutral message as one or more Slack messages within Block Kit's limits. Users named
 * in the text (`mentionOf`) show as `@name` from `names` (see SlackNames), so they are not pinged;
 * only `mentions` ping.
 */
export function renderSlack(message: OutgoingMessage, names: UserNames = NO_NAMES): SlackMessage[] {
  const markup = (text: string) => mrkdwn(text, names);
  const quote = (text: string) =>
    markup(text)
      .split("\n")
      .map((line) => `>${line}`)
      .join("\n");
  const blocks: KnownBlock[] = [];
  const mentions = mentionLine(message.mentions);
  // The mention leads, so exactly these users are notified and see why at a glance.
  if (mentions) blocks.push({ type: "section", text: { type: "mrkdwn", text: mentions } });
  if (message.heading) blocks.push({ type: "header", text: { type: "plain_text", text: clip(plainSlackText(named(message.heading, names)), SLACK_LIMITS.headerText) } });
  for (const paragraph of message.paragraphs) {
    // A scorecard stays one message however long its prose: one section per paragraph, clipped.
    const pieces = message.kind === "summary" ? [clip(markup(paragraph), SLACK_LIMITS.sectionText)] : splitText(markup(paragraph), SLACK_LIMITS.sectionText);
    for (const piece of pieces) blocks.push({ type: "section", text: { type: "mrkdwn", text: piece } });
  }
  if (message.fields?.length) {
    if (message.kind === "summary") {
      // The scorecard reads best as one row per dimension: rating in bold, evidence quoted below.
      for (const field of message.fields) {
        const row = `*${markup(field.label)}*\n${quote(field.value)}`;
        blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(row, SLACK_LIMITS.sectionText) } });
      }
    } else {
      const fields = message.fields.map((field) => ({ type: "mrkdwn" as const, text: clip(`*${markup(field.label)}*\n${markup(field.value)}`, SLACK_LIMITS.fieldText) }));
      for (let start = 0; start < fields.length; start += SLACK_LIMITS.fieldsPerSection) {
        blocks.push({ type: "section", fields: fields.slice(start, start + SLACK_LIMITS.fieldsPerSection) });
      }
    }
  }
  const controls = [
    ...(message.actions?.length ? [actionsBlock(message.actions)] : []),
    ...(message.buttons?.length ? buttonsBlocks(message.buttons) : []),
  ];
  const text = captionText(message, names);
  // Long messages become several, the buttons riding on the last one.
  const room = SLACK_LIMITS.blocks - controls.length;
  const messages: SlackMessage[] = [];
  for (let start = 0; start < blocks.length || messages.length === 0; start += room) {
    messages.push({ text: messages.length === 0 ? text : CONTINUED, blocks: blocks.slice(start, start + room) });
  }
  const last = messages[messages.length - 1];
  if (last) last.blocks.push(...controls);
  return messages;
}

/**
 * The message as one mrkdwn text, escaped like the blocks: the top-level `text` that notifications
 * and clients without blocks show, and the comment of a file (which takes no blocks).
 */
export function captionText(message: OutgoingMessage, names: UserNames = NO_NAMES): string {
  const mentions = mentionLine(message.mentions);
  return clip(`${mentions ? `${mentions} ` : ""}${mrkdwn(plainText(message), names)}`, SLACK_LIMITS.fallbackText);
}

/** Text with each named user (`<@slack:T:U>`) as `@name`, for plain_text places. */
function named(text: string, names: UserNames): string {
  return text.replace(MENTION_TOKEN, (_, key: string) => `@${nameOf(key, names)}`);
}

/** Text as mrkdwn: escaped, with each named user as an escaped `@name`. */
function mrkdwn(text: string, names: UserNames): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(MENTION_TOKEN)) {
    out += escapeMrkdwn(text.slice(last, match.index)) + escapeMrkdwn(`@${nameOf(match[1] ?? "", names)}`);
    last = match.index + match[0].length;
  }
  return out + escapeMrkdwn(text.slice(last));
}

function nameOf(key: string, names: UserNames): string {
  return names.get(key) ?? (key.startsWith("slack:") ? slackUserId(key) : "someone");
}

/** The team action a button's action id names, if it is one of ours. */
export function teamActionOf(actionId: string): TeamAction | undefined {
  if (!actionId.startsWith(TEAM_ACTION_PREFIX)) return undefined;
  const name = actionId.slice(TEAM_ACTION_PREFIX.length).split(":")[0];
  return TEAM_ACTIONS.find((action) => action === name);
}

/** `<@U1> <@U2>` for the Slack users among the keys; other platforms' users cannot be pinged here. */
function mentionLine(mentions: readonly string[] | undefined): string {
  const users = [...new Set((mentions ?? []).filter((key) => key.startsWith("slack:")).map(slackUserId))];
  return users.map((user) => `<@${user}>`).join(" ");
}

function buttonsBlocks(buttons: readonly Button[]): KnownBlock[] {
  const used = new Map<string, number>();
  const elements = buttons.map((button) => {
    const seen = used.get(button.action) ?? 0;
    used.set(button.action, seen + 1);
    return {
      type: "button" as const,
      action_id: `${TEAM_ACTION_PREFIX}${button.action}${seen ? `:${seen}` : ""}`,
      text: { type: "plain_text" as const, text: clip(plainSlackText(button.label), SLACK_LIMITS.buttonText) },
      value: graphemePrefix(button.value, SLACK_LIMITS.buttonValue),
      ...(button.style ? { style: button.style } : {}),
    };
  });
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < elements.length; start += SLACK_LIMITS.elementsPerActions) {
    blocks.push({ type: "actions", block_id: `mock_team_buttons${start ? `_${start}` : ""}`, elements: elements.slice(start, start + SLACK_LIMITS.elementsPerActions) });
  }
  return blocks;
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
