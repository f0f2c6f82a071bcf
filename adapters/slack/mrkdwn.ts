import { safeText } from "../../src/core/text/safe.js";

/**
 * The one escaping every string the bot sends Slack as mrkdwn goes through: blocks, the top-level
 * `text` (what notifications and clients without blocks show), a file's comment. Slack reads
 * `<!channel>`, `<@U…>` and `<url|words>` in any of them, whoever wrote the words (a candidate, the
 * model, a reviewer's modal input, which Slack does not encode), so &, < and > are always encoded,
 * and the text is made safe to show first (no half emoji, no direction controls).
 */
export function escapeMrkdwn(text: string): string {
  return safeText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** For plain_text objects (headers, button and modal labels), which Slack shows literally: made safe to show, nothing encoded. */
export function plainSlackText(text: string): string {
  return safeText(text);
}
