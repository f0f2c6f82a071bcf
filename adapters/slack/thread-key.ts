/** Slack threads and users as platform-neutral keys: `slack:<team>:<channel>:<thread_ts>`, `slack:<team>:<user>`. */
export interface SlackThread {
  team: string;
  channel: string;
  threadTs: string;
}

export function threadKey(thread: SlackThread): string {
  return `slack:${thread.team}:${thread.channel}:${thread.threadTs}`;
}

export function parseThreadKey(key: string): SlackThread {
  const [platform, team, channel, threadTs, ...rest] = key.split(":");
  if (platform !== "slack" || !team || !channel || !threadTs || rest.length > 0) throw new RangeError(`not a Slack thread key: ${key}`);
  return { team, channel, threadTs };
}

export function userKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** The raw Slack user id inside a user key (or the id itself when it is already raw). */
export function slackUserId(key: string): string {
  return key.split(":").at(-1) ?? key;
}
