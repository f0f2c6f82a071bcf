import { DIAGRAM_LIMITS } from "./model.js";

/**
 * A label as plain text: HTML tags (an `<img>`, a link) and Markdown images or links are reduced to
 * their words, entities spelled out, whitespace collapsed, long text cut. Labels are never markup.
 */
export function plainLabel(text: string): string {
  const plain = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/#quot;/g, '"')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...plain].slice(0, DIAGRAM_LIMITS.maxLabel).join("");
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** Whether the raw text tried to bring in something from outside: a link or an image. */
export function reachesOut(text: string): boolean {
  return /<\s*(?:img|a|script|iframe|image)\b|!\[[^\]]*\]\(|\b(?:https?|ftp|file|data|javascript):/i.test(text);
}
