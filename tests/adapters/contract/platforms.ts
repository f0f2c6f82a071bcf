import type { APIEmbed } from "discord.js";
import { renderDiscord, type DiscordMessage } from "../../../adapters/discord/render.js";
import { reviewModal as discordReviewModal, reviewParts } from "../../../adapters/discord/review-modal.js";
import * as discordKeys from "../../../adapters/discord/thread-key.js";
import { renderSlack, type SlackMessage } from "../../../adapters/slack/render.js";
import { reviewModal as slackReviewModal } from "../../../adapters/slack/review-modal.js";
import * as slackKeys from "../../../adapters/slack/thread-key.js";
import { renderMessage } from "../../../adapters/terminal/render.js";
import * as terminalKeys from "../../../adapters/terminal/thread-key.js";
import type { OutgoingMessage } from "../../../src/core/messages/message.js";
import type { ReviewForm } from "../../../src/features/team/port.js";

/**
 * What the contract suite needs of one adapter: its thread-key codec with keys it made, and its
 * renderer with a check of the platform's limits. Each check returns the broken limits, as text,
 * so a failure says which one.
 */
export interface AdapterUnderContract {
  name: string;
  /** Thread keys this adapter encodes, each with the decoded value it should read back. */
  keys: ReadonlyArray<{ key: string; decoded: unknown }>;
  encode(decoded: unknown): string;
  decode(key: string): unknown;
  /** The broken limits of `message` as rendered. */
  renderingViolations(message: OutgoingMessage): string[];
  /** The broken limits of the review form drawn for `form` (every part of it). */
  formViolations?(form: ReviewForm): string[];
}

const over = (what: string, length: number, limit: number) => (length > limit ? [`${what}: ${length} > ${limit}`] : []);

function slackViolations(parts: readonly SlackMessage[]): string[] {
  const problems: string[] = parts.length === 0 ? ["no message at all"] : [];
  parts.forEach((part, index) => {
    const at = `message ${index + 1}`;
    problems.push(...over(`${at} blocks`, part.blocks.length, 50), ...over(`${at} text`, part.text.length, 40_000));
    for (const block of part.blocks) {
      if (block.type === "section") {
        if (block.text) problems.push(...over(`${at} section text`, block.text.text.length, 3_000));
        problems.push(...over(`${at} section fields`, block.fields?.length ?? 0, 10));
        for (const field of block.fields ?? []) problems.push(...over(`${at} field text`, field.text.length, 2_000));
      }
      if (block.type === "header") problems.push(...over(`${at} header`, block.text.text.length, 150));
      if (block.type === "actions") {
        problems.push(...over(`${at} actions elements`, block.elements.length, 25));
        for (const element of block.elements) if (element.type === "button") problems.push(...over(`${at} button text`, element.text.text.length, 75), ...over(`${at} button value`, element.value?.length ?? 0, 2_000));
      }
    }
    const ids = part.blocks.flatMap((block) => (block.type === "actions" ? block.elements.flatMap((element) => ("action_id" in element && element.action_id ? [element.action_id] : [])) : []));
    if (new Set(ids).size !== ids.length) problems.push(`${at} repeats an action id`);
  });
  return problems;
}

function embedTotal(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
}

function discordViolations(parts: readonly DiscordMessage[], message: OutgoingMessage): string[] {
  const empty = message.paragraphs.length === 0 && !message.fields?.length && !message.heading && !message.actions?.length && !message.buttons?.length && !message.mentions?.length;
  const problems: string[] = parts.length === 0 && !empty ? ["no message at all"] : [];
  parts.forEach((part, index) => {
    const at = `message ${index + 1}`;
    if (!part.content && !part.embeds?.length && !part.components?.length) problems.push(`${at} is empty`);
    problems.push(...over(`${at} content`, [...(part.content ?? "")].length, 2_000), ...over(`${at} embeds`, part.embeds?.length ?? 0, 10));
    problems.push(...over(`${at} embeds total`, (part.embeds ?? []).reduce((sum, embed) => sum + embedTotal(embed), 0), 6_000));
    for (const embed of part.embeds ?? []) {
      problems.push(...over(`${at} embed title`, embed.title?.length ?? 0, 256), ...over(`${at} embed description`, embed.description?.length ?? 0, 4_096), ...over(`${at} embed fields`, embed.fields?.length ?? 0, 25), ...over(`${at} footer`, embed.footer?.text.length ?? 0, 2_048));
      for (const field of embed.fields ?? []) problems.push(...over(`${at} field name`, field.name.length, 256), ...over(`${at} field value`, field.value.length, 1_024));
    }
    problems.push(...over(`${at} action rows`, part.components?.length ?? 0, 5));
    const ids: string[] = [];
    for (const row of part.components ?? []) {
      problems.push(...over(`${at} buttons in a row`, row.components.length, 5));
      for (const button of row.components) {
        problems.push(...over(`${at} button label`, button.label?.length ?? 0, 80), ...over(`${at} custom id`, button.custom_id.length, 100));
        ids.push(button.custom_id);
      }
    }
    if (new Set(ids).size !== ids.length) problems.push(`${at} repeats a custom id`);
    // Quoted text never pings: only the users the message names in `mentions` may be notified.
    if (part.allowed_mentions.parse?.length) problems.push(`${at} lets Discord parse mentions`);
  });
  return problems;
}

/** Raw control characters the terminal would act on; with colour on, only our own SGR colour codes may appear. */
function terminalViolations(message: OutgoingMessage): string[] {
  const problems: string[] = [];
  for (const color of [false, true]) {
    const text = renderMessage(message, { color });
    // eslint-disable-next-line no-control-regex -- our own colour codes are the one escape allowed
    const withoutOurs = color ? text.replace(/\u001b\[(?:0|1|2|3[0-7])m/g, "") : text;
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.exec(withoutOurs);
    if (control) problems.push(`${color ? "coloured" : "plain"} output holds U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")}`);
    if (/[\u202A-\u202E\u2066-\u2069]/.test(text)) problems.push("output holds a direction override");
  }
  return problems;
}

const SLACK_THREAD = { team: "T0FAKE", channel: "C0GENERAL", threadTs: "1732291201.000100" };
const DISCORD_THREAD = { guild: "1304556000000000000", thread: "1304556123456789012" };

export const ADAPTERS: readonly AdapterUnderContract[] = [
  {
    name: "slack",
    keys: [{ key: slackKeys.threadKey(SLACK_THREAD), decoded: SLACK_THREAD }, { key: slackKeys.threadKey({ team: "E0GRID", channel: "G0PRIVATE", threadTs: "1.000001" }), decoded: { team: "E0GRID", channel: "G0PRIVATE", threadTs: "1.000001" } }],
    encode: (decoded) => slackKeys.threadKey(decoded as slackKeys.SlackThread),
    decode: (key) => slackKeys.parseThreadKey(key),
    renderingViolations: (message) => slackViolations(renderSlack(message)),
    formViolations(form) {
      const view = slackReviewModal(form);
      return [...over("modal blocks", view.blocks.length, 100), ...over("private metadata", view.private_metadata?.length ?? 0, 3_000), ...over("title", view.title.text.length, 24)];
    },
  },
  {
    name: "discord",
    keys: [{ key: discordKeys.threadKey(DISCORD_THREAD), decoded: DISCORD_THREAD }],
    encode: (decoded) => discordKeys.threadKey(decoded as discordKeys.DiscordThread),
    decode: (key) => discordKeys.parseThreadKey(key),
    renderingViolations: (message) => discordViolations(renderDiscord(message), message),
    formViolations(form) {
      return reviewParts(form).flatMap((_, part) => {
        const modal = discordReviewModal(form, DISCORD_THREAD.thread, undefined, part);
        const selects = modal.components.flatMap((component) => ("component" in component && component.component.type === 3 ? [component.component] : []));
        return [
          ...over(`part ${part + 1} components`, modal.components.length, 5),
          ...over(`part ${part + 1} custom id`, modal.custom_id.length, 100),
          ...over(`part ${part + 1} title`, modal.title.length, 45),
          ...selects.flatMap((select) => over(`part ${part + 1} select options`, select.options.length, 25)),
        ];
      });
    },
  },
  {
    name: "terminal",
    keys: [{ key: terminalKeys.terminalThreadKey("1732291201000-4242"), decoded: "1732291201000-4242" }],
    encode: (decoded) => terminalKeys.terminalThreadKey(String(decoded)),
    // The terminal's codec answers null for a key it does not own; the contract reads that as a refusal.
    decode: (key) => {
      const run = terminalKeys.parseTerminalThreadKey(key);
      if (run === null) throw new RangeError(`not a terminal thread key: ${key}`);
      return run;
    },
    renderingViolations: terminalViolations,
  },
];
