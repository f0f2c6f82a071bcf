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
