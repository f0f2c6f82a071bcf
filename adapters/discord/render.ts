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
import { ACTION_LABELS, ACTIONS, type Action, type Field, type OutgoingMessage } from "../../src/messages/message.js";
import { splitText } from "../shared/split-text.js";

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

const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const PRIMARY: ButtonStyle.Primary = 1;
const SECONDARY: ButtonStyle.Secondary = 2;
const DANGER: ButtonStyle.Danger = 4;
const SCORECARD_COLOUR = 0x5865f2;

/** One message body, valid for `POST /channels/:id/messages`, webhook follow-ups and reply edits alike. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Always empty: quoted candidate text such as "@everyone" must never ping anyone. */
  allowed_mentions: APIAllowedMentions;
}

/**
 * A platform-neutral message as one or more Discord messages within the limits above: text as
 * markdown content split at paragraph breaks, the scorecard as embeds, buttons on the last message.
 * A message with nothing in it renders as no message, since Discord rejects an empty one.
 */
export function renderDiscord(message: OutgoingMessage): DiscordMessage[] {
  const messages = message.kind === "summary" ? summaryMessages(message) : textMessages(message);
  const rows = message.actions?.length ? actionRows(message.actions) : [];
  if (rows.length && messages.length === 0) messages.push({ allowed_mentions: noMentions() });
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

function textMessages(message: OutgoingMessage): DiscordMessage[] {
  const blocks: string[] = [];
  if (message.heading) blocks.push(`**${escapeMarkdown(message.heading)}**`);
  blocks.push(...message.paragraphs.map(escapeMarkdown));
  if (message.fields?.length) blocks.push(message.fields.map((field) => `**${escapeMarkdown(field.label)}:** ${escapeMarkdown(field.value)}`).join("\n"));
  const text = blocks.filter((block) => block.trim()).join("\n\n");
  return splitText(text, DISCORD_LIMITS.content).map((content) => ({ content, allowed_mentions: noMentions() }));
}

/**
 * The scorecard: title and description (the overview and the lists), then one field per dimension
 * with the rating in its name and the quoted evidence as its value, as Slack shows it. Text too long
 * for one embed continues in further embeds, and embeds over a message's budget in further messages.
 */
function summaryMessages(message: OutgoingMessage): DiscordMessage[] {
  const embeds: APIEmbed[] = splitText(message.paragraphs.map(escapeMarkdown).join("\n\n"), DISCORD_LIMITS.embedDescription).map((description) => ({
    color: SCORECARD_COLOUR,
    description,
  }));
  const first = embeds[0] ?? { color: SCORECARD_COLOUR };
  if (embeds.length === 0) embeds.push(first);
  if (message.heading) first.title = clip(escapeMarkdown(message.heading), DISCORD_LIMITS.embedTitle);
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

function scorecardField(field: Field): APIEmbedField {
  // Discord rejects an empty field name or value, so a blank one shows a dash.
  const value = field.value.trim() ? quote(escapeMarkdown(field.value)) : "—";
  return { name: clip(escapeMarkdown(field.label), DISCORD_LIMITS.fieldName) || "—", value: clip(value, DISCORD_LIMITS.fieldValue), inline: false };
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
 * Escapes Discord markdown so text (quoted candidate answers above all) cannot restyle or break a
 * message: emphasis, code, spoilers and strike-through anywhere; quotes, headings and list markers at
 * the start of a line. Links are left whole, since an escaped underscore would change the URL.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>]+)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(/[\\*_~`|]/g, "\\$&").replace(/^([ \t]*)(>|#{1,3}|-#?)(?=[ \t])/gm, (_, indent: string, marker: string) => `${indent}\\${marker}`),
    )
    .join("");
}

function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
