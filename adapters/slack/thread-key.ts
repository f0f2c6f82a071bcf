/**
 * Slack threads, channels and users as platform-neutral keys: `slack:<team>:<channel>:<thread_ts>`,
 * `slack:<team>:<channel>`, `slack:<team>:<user>`.
 */
export interface SlackThread {
  team: string;
  channel: string;
  threadTs: string;
}

/** Where a post goes: a thread, or the channel itself (top level) when `threadTs` is absent. */
export interface SlackDestination {
  team: string;
  channel: string;
  threadTs?: string;
}

export function threadKey(thread: SlackThread): string {
  return `slack:${thread.team}:${thread.channel}:${thread.threadTs}`;
}

export function parseThreadKey(key: string): SlackThread {
  const [platform, team, channel, threadTs, ...rest] = key.split(":");
  if (platform !== "slack" || !team || !channel || !threadTs || rest.length > 0) throw new RangeError(`not a Slack thread key: ${key}`);
  return { team, channel, threadTs };
}

export function channelKey(team: string, channel: string): string {
  return `slack:${team}:${channel}`;
}

/** A thread key or a channel key. */
export function parseDestination(key: string): SlackDestination {
  const [platform, team, channel, threadTs, ...rest] = key.split(":");
  if (platform !== "slack" || !team || !channel || rest.length > 0 || threadTs === "") throw new RangeError(`not a Slack thread or channel key: ${key}`);
  return threadTs ? { team, channel, threadTs } : { team, channel };
}

export function userKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** The raw Slack user id inside a user key (or the id itself when it is already raw). */
export function slackUserId(key: string): string {
  return key.split(":").at(-1) ?? key;
}

/**
 * The thread a Slack message link points at, as a thread key in `team`'s workspace; undefined when
 * the text is not such a link. Accepts the link as copied
 * (`https://acme.slack.com/archives/C123/p1732291201000100`), a reply's link (its `thread_ts` names
 * the thread), and the `<…>` / `<…|label>` / `&amp;` forms Slack escapes links into.
 */
export function threadFromPermalink(text: string, team: string): string | undefined {
  const unwrapped = text.trim().replace(/^<([^|>]+)(?:\|[^>]*)?>$/, "$1").replace(/&amp;/g, "&");
  let url: URL;
  try {
    url = new URL(unwrapped);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || !/(^|\.)slack\.com$/.test(url.hostname)) return undefined;
  const match = /^\/archives\/([CGD][A-Z0-9]+)\/p(\d{10})(\d{6})\/?$/.exec(url.pathname);
  if (!match) return undefined;
  const [, channel = "", seconds = "", micros = ""] = match;
  const replyOf = url.searchParams.get("thread_ts");
  if (replyOf !== null && !/^\d{10}\.\d{6}$/.test(replyOf)) return undefined;
  return threadKey({ team, channel, threadTs: replyOf ?? `${seconds}.${micros}` });
}

/** A user mention as a slash command with escaping on delivers it (`<@U123|ada>`, `<@U123>`), as a user key. */
export function userFromMention(token: string, team: string): string | undefined {
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token.trim());
  return match?.[1] ? userKey(team, match[1]) : undefined;
}
