/**
 * Discord threads and users as platform-neutral keys: `discord:<guild>:<thread>`, `discord:<user>`.
 * A thread is a channel with its own snowflake, so the guild and the thread id name it; user ids are
 * global on Discord, so unlike Slack's they need no guild.
 */
export interface DiscordThread {
  guild: string;
  thread: string;
}

export const PLATFORM = "discord";

export function threadKey(thread: DiscordThread): string {
  return `${PLATFORM}:${thread.guild}:${thread.thread}`;
}

export function parseThreadKey(key: string): DiscordThread {
  const [platform, guild, thread, ...rest] = key.split(":");
  if (platform !== PLATFORM || !guild || !thread || rest.length > 0) throw new RangeError(`not a Discord thread key: ${key}`);
  return { guild, thread };
}

export function userKey(user: string): string {
  return `${PLATFORM}:${user}`;
}

/** The raw Discord user id inside a user key (or the id itself when it is already raw). */
export function discordUserId(key: string): string {
  return key.split(":").at(-1) ?? key;
}

/** A channel as the team features name it (`discord:<guild>:<channel>`): the same shape as a thread key. */
export function channelKey(channel: { guild: string; channel: string }): string {
  return threadKey({ guild: channel.guild, thread: channel.channel });
}

/**
 * The thread a link names: `https://discord.com/channels/<guild>/<thread>` as "Copy Link" gives it
 * (also ptb., canary., discordapp.com, with a message id after it, or in <angle brackets>), or a
 * channel mention `<#thread>` in the guild the command ran in. Undefined for anything else.
 */
export function threadFromLink(link: string, guild: string): DiscordThread | undefined {
  const text = link.trim().replace(/^<(.*)>$/s, "$1");
  const url = /^https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(\d{17,20})\/(\d{17,20})(?:\/\d{17,20})?\/?$/.exec(text);
  if (url?.[1] && url[2]) return { guild: url[1], thread: url[2] };
  const mention = /^#?(\d{17,20})$/.exec(text);
  return mention?.[1] ? { guild, thread: mention[1] } : undefined;
}
