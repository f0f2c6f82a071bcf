import { safeText } from "../../src/core/text/safe.js";

/** A web address, left whole by the escaping: an escaped underscore would change it. */
const WEB_ADDRESS = /(https?:\/\/[^\s<>]+)/;

/**
 * The one escaping every string the bot sends Discord as markdown goes through (message content,
 * embed titles, descriptions and fields, modal text), so words that are not the bot's (quoted
 * answers, the model's replies, display names, review comments) cannot restyle or break a message
 * nor pass for the bot's own links:
 * - emphasis, code, spoilers and strike-through are escaped anywhere; quotes, headings and list
 *   markers at the start of a line;
 * - brackets are escaped, so `[words](https://…)` shows as those characters rather than as the
 *   words over a hidden address;
 * - a web address is left as it is, so it shows as itself: a link whose text is the address.
 * The text is made safe to show first (no half emoji, no direction controls). Mentions are not
 * escaped: allowed_mentions keeps them from pinging anyone.
 */
export function escapeMarkdown(text: string): string {
  return safeText(text)
    .split(WEB_ADDRESS)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(/[\\*_~`|[\]]/g, "\\$&").replace(/^([ \t]*)(>|#{1,3}|-#?)(?=[ \t])/gm, (_, indent: string, marker: string) => `${indent}\\${marker}`),
    )
    .join("");
}
