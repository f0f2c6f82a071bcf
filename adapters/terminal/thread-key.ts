/**
 * The terminal's one thread as a platform-neutral key: `terminal:<session>`, a session being one
 * run of the practice command (its process id today). It has no channels and one user.
 */
export const PLATFORM = "terminal";

export interface TerminalThread {
  session: string;
}

export function threadKey(thread: TerminalThread): string {
  return `${PLATFORM}:${thread.session}`;
}

export function parseThreadKey(key: string): TerminalThread {
  const [platform, session, ...rest] = key.split(":");
  if (platform !== PLATFORM || !session || rest.length > 0) throw new RangeError(`not a terminal thread key: ${key}`);
  return { session };
}
