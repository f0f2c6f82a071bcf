/**
 * A message event's text as the user typed it. Slack sends it in its markup: &, < and > encoded as
 * entities, and mentions, channels, special mentions and links as `<…>` tokens (a literal `<` is
 * always `&lt;`, so every real `<` opens one). Decoded once here, at intake, what is stored and
 * quoted back is the user's words; the renderer escapes them once on the way out.
 */
export function fromSlackMarkup(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, token: string) => readToken(token))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** `@U1|ada` → `@ada`, `#C1|general` → `#general`, `!here` → `@here`, `url|words` → `words (url)`. */
function readToken(token: string): string {
  const bar = token.indexOf("|");
  const target = bar === -1 ? token : token.slice(0, bar);
  const label = bar === -1 ? undefined : token.slice(bar + 1);
  if (target.startsWith("@")) return label ? `@${label.replace(/^@/, "")}` : target;
  if (target.startsWith("#")) return label ? `#${label}` : target;
  if (target.startsWith("!")) return label ?? `@${target.slice(1).split("^")[0] ?? ""}`;
  if (!label || label === target || label === target.replace(/^(?:https?:\/\/|mailto:)/, "")) return label ?? target;
  // Words over a link: both shown, so a quote never hides where a link went.
  return `${label} (${target})`;
}
