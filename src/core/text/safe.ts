import { stripBidiControls } from "./bidi.js";

/** Half of a surrogate pair without its other half: what a cut by code unit leaves of an emoji. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text any platform can show as it is, without it changing what is around it: no lone surrogates
 * (Discord rejects a body holding one, Slack shows U+FFFD; half an emoji says nothing) and no
 * explicit direction controls (see stripBidiControls). Each platform's escaping starts here, so
 * every outgoing string, whoever wrote it, passes through it once.
 */
export function safeText(text: string): string {
  return stripBidiControls(text.replace(LONE_SURROGATE, ""));
}
