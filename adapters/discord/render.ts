// Type-only imports: discord-api-types' enums are checked at compile time and written as plain
// numbers, so the summary worker can render without loading discord.js at all.
import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIButtonComponentWithCustomId,
  APIEmbed,
  APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { ACTION_LABELS, ACTIONS, MENTION_TOKEN, TEAM_ACTIONS, type Action, type Button, type Field, type OutgoingMessage, type TeamAction } from "../../src/core/messages/message.js";
import { clip } from "../../src/core/text/clip.js";
import { safeText } from "../../src/core/text/safe.js";
import { splitText } from "../shared/split-text.js";
import { escapeMarkdown } from "./markdown.js";

/**
 * Discord's message limits (https://discord.com/developers/docs/resources/message#create-message and
 * #embed-object-embed-limits). `embedTotal` counts titles, descriptions, field names and values of
 * every embed in one message together.
 */
export const DISCORD_LIMITS = {
  content: 2_000,
  embedsPerMessage: 10,
  embedTotal: 6_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Buttons carry `mock_interview:<action>`; the prefix tells our clicks from other bots' components. */
export const CUSTOM_ID_PREFIX = "mock_interview:";
/** Team buttons carry `mock_team:<action>:<value>` (an interview id, a problem and level). */
export const TEAM_CUSTOM_ID_PREFIX = "mock_team:";

const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const PRIMARY: ButtonStyle.Primary = 1;
const SECONDARY: ButtonStyle.Secondary = 2;
const DANGER: ButtonStyle.Danger = 4;
const SCORECARD_COLOUR = 0x5865f2;
/** Embeds a scorecard's overview may fill, so a scorecard is a handful of messages at most. */
const SUMMARY_OVERVIEW_EMBEDS = 3;

/** One message body, valid for `POST /channels/:id/messages`, webhook follow-ups and reply edits alike. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /**
   * Nobody by default: quoted candidate text such as "@everyone" must never ping anyone. A message
   * with `mentions` pings exactly those users, and only from its first part.
   */
  allowed_mentions: APIAllowedMentions;
}

/**
 * A platform-neutral message as one or more Discord messages within the limits above: text as
 * markdown content split at paragraph breaks, the scorecard as embeds, buttons on the last message
 * (interview actions first, then team buttons), mentions leading the first. A message with nothing
 * in it renders as no message, since Discord rejects an empty one.
 */
export function renderDiscord(message: OutgoingMessage): DiscordMessage[] {
  const mentioned = [...new Set((message.mentions ?? []).map(mentionedId).filter((id): id is string => id !== undefined))];
  const lead = mentioned.map((id) => `<@${id}>`).join(" ");
  const messages = message.kind === "summary" ? summaryMessages(message) : textMessages(message, lead.length ? lead.length + 1 : 0);
  const rows = [...(message.actions?.length ? actionRows(message.actions) : []), ...(message.buttons?.length ? teamRows(message.buttons) : [])].slice(0, DISCORD_LIMITS.rowsPerMessage);
  if ((rows.length || lead) && messages.length === 0) messages.push({ allowed_mentions: noMentions() });
  const [first] = messages;
  if (first && lead) {
    first.content = first.content ? `${lead} ${first.content}` : lead;
    first.allowed_mentions = { parse: [], users: mentioned };
  }
  const last = messages[messages.length - 1];
  if (last && rows.length) last.components = rows;
  return messages;
}

export function customIdFor(action: Action): string {
  return `${CUSTOM_ID_PREFIX}${action}`;
}

/** The action a button's custom_id stands for, or undefined for anything that is not ours. */
export function actionFromCustomId(customId: string): Action | undefined {
  if (!customId.startsWith(CUSTOM_ID_PREFIX)) return undefined;
  const name = customId.slice(CUSTOM_ID_PREFIX.length);
  return ACTIONS.find((action) => action === name);
}

export function teamCustomId(button: Pick<Button, "action" | "value">): string {
  const id = `${TEAM_CUSTOM_ID_PREFIX}${button.action}:${button.value}`;
  if (id.length > DISCORD_LIMITS.customId) throw new RangeError(`a button value too long for Discord's 100-character custom_id: ${button.value}`);
  return id;
}

/** The team action and value a button's custom_id stands for, or undefined for anything else. */
export function teamButtonFromCustomId(customId: string): { action: TeamAction; value: string } | undefined {
  if (!customId.startsWith(TEAM_CUSTOM_ID_PREFIX)) return undefined;
  const rest = customId.slice(TEAM_CUSTOM_ID_PREFIX.length);
  const colon = rest.indexOf(":");
  const name = colon === -1 ? rest : rest.slice(0, colon);
  const action = TEAM_ACTIONS.find((candidate) => candidate === name);
  return action ? { action, value: colon === -1 ? "" : rest.slice(colon + 1) } : undefined;
}

/** The Discord user id in a user key (`discord:<id>`); keys of other platforms mention nobody here. */
function mentionedId(key: string): string | undefined {
  const match = /^discord:(\d{1,20})$/.exec(key);
  return match?.[1];
}

/** `reserve`: room kept in the first message for the mentions that lead it. */
function textMessages(message: OutgoingMessage, reserve = 0): DiscordMessage[] {
  const blocks: string[] = [];
  if (message.heading) blocks.push(`**${markdown(message.heading)}**`);
  blocks.push(...message.paragraphs.map(markdown));
  if (message.fields?.length) blocks.push(message.fields.map((field) => `**${markdown(field.label)}:** ${markdown(field.value)}`).join("\n"));
  const text = blocks.filter((block) => block.trim()).join("\n\n");
  // Every part leaves room for the mentions, which lead the first.
  return splitText(text, DISCORD_LIMITS.content - reserve).map((content) => ({ content, allowed_mentions: noMentions() }));
}

/**
 * The scorecard: title and description (the overview and the lists), then one field per dimension
 * with the rating in its name and the quoted evidence as its value, as Slack shows it. Text too long
 * for one embed continues in further embeds (see overview), and embeds over a message's budget in
 * further messages.
 */
function summaryMessages(message: OutgoingMessage): DiscordMessage[] {
  const embeds: APIEmbed[] = overview(message.paragraphs.map(markdown).join("\n\n")).map((description) => ({
    color: SCORECARD_COLOUR,
    description,
  }));
  const first = embeds[0] ?? { color: SCORECARD_COLOUR };
  if (embeds.length === 0) embeds.push(first);
  if (message.heading) first.title = clip(markdown(message.heading), DISCORD_LIMITS.embedTitle);
  for (const field of (message.fields ?? []).map(scorecardField)) {
    let target = embeds[embeds.length - 1] ?? first;
    const full = (target.fields?.length ?? 0) >= DISCORD_LIMITS.embedFields || embedSize(target) + fieldSize(field) > DISCORD_LIMITS.embedTotal;
    if (full) embeds.push((target = { color: SCORECARD_COLOUR }));
    (target.fields ??= []).push(field);
  }
  const messages: DiscordMessage[] = [];
  let batch: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    if (batch.length && (batch.length >= DISCORD_LIMITS.embedsPerMessage || size + embedSize(embed) > DISCORD_LIMITS.embedTotal)) {
      messages.push({ embeds: batch, allowed_mentions: noMentions() });
      batch = [];
      size = 0;
    }
    batch.push(embed);
    size += embedSize(embed);
  }
  if (batch.length) messages.push({ embeds: batch, allowed_mentions: noMentions() });
  return messages;
}

/**
 * The scorecard's overview as embed descriptions, at most SUMMARY_OVERVIEW_EMBEDS of them however
 * long its prose (src/voice/summary/bounds.ts keeps it within two), the last marked where it was cut.
 */
function overview(text: string): string[] {
  const pieces = splitText(text, DISCORD_LIMITS.embedDescription);
  const kept = pieces.slice(0, SUMMARY_OVERVIEW_EMBEDS);
  const last = kept.length - 1;
  if (pieces.length > kept.length && last >= 0) kept[last] = clip(`${kept[last] ?? ""} …`, DISCORD_LIMITS.embedDescription);
  return kept;
}

function scorecardField(field: Field): APIEmbedField {
  // Discord rejects an empty field name or value, so a blank one shows a dash.
  const value = field.value.trim() ? quote(markdown(field.value)) : "—";
  return { name: clip(markdown(field.label), DISCORD_LIMITS.fieldName) || "—", value: clip(value, DISCORD_LIMITS.fieldValue), inline: false };
}

function actionRows(actions: readonly Action[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons = [...new Set(actions)].map(
    (action): APIButtonComponentWithCustomId => ({
      type: BUTTON,
      custom_id: customIdFor(action),
      label: ACTION_LABELS[action],
      style: action === "end" ? DANGER : action === "hint" ? PRIMARY : SECONDARY,
    }),
  );
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let start = 0; start < buttons.length && rows.length < DISCORD_LIMITS.rowsPerMessage; start += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ACTION_ROW, components: buttons.slice(start, start + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}

function teamRows(buttons: readonly Button[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const components = buttons.map(
    (button): APIButtonComponentWithCustomId => ({
      type: BUTTON,
      custom_id: teamCustomId(button),
      label: clip(safeText(button.label), DISCORD_LIMITS.buttonLabel),
      style: button.style === "danger" ? DANGER : button.style === "primary" ? PRIMARY : SECONDARY,
    }),
  );
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let start = 0; start < components.length; start += DISCORD_LIMITS.buttonsPerRow) rows.push({ type: ACTION_ROW, components: components.slice(start, start + DISCORD_LIMITS.buttonsPerRow) });
  return rows;
}

/** The characters Discord counts towards an embed's 6,000. */
export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + fieldSize(field), 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + fields;
}

function fieldSize(field: APIEmbedField): number {
  return field.name.length + field.value.length;
}

function noMentions(): APIAllowedMentions {
  return { parse: [] };
}

/**
 * Text as Discord markdown: escaped, then each user named in it (`<@discord:42>`, see mentionOf)
 * as Discord's `<@42>`, which shows their current name and, with no allowed mentions, pings no one.
 * A user of another platform cannot be named here, so they read as "a teammate".
 */
function markdown(text: string): string {
  return escapeMarkdown(text).replace(MENTION_TOKEN, (_, key: string) => {
    const id = mentionedId(key);
    return id ? `<@${id}>` : "a teammate";
  });
}

function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}
