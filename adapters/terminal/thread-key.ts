/** The terminal's keys, in the same shape as the chat platforms': one thread per interview, one user per OS account. */
export const TERMINAL_PLATFORM = "terminal";

/** A thread for one interview run; unique across runs, since scorecards outlive the process. */
export function terminalThreadKey(run: string): string {
  return `${TERMINAL_PLATFORM}:${run}`;
}

/** The practitioner: the same key on every run, so history and focus find earlier interviews. */
export function terminalUserKey(user: string): string {
  return `${TERMINAL_PLATFORM}:${user}`;
}

/** The run a terminal thread key names, or null for any other platform's key. */
export function parseTerminalThreadKey(threadKey: string): string | null {
  const match = /^terminal:([A-Za-z0-9._-]+)$/.exec(threadKey);
  return match?.[1] ?? null;
}
