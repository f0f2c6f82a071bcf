/** The terminal's one thread per process, and its one user: keys in the same shape as the chat platforms'. */
export const TERMINAL_PLATFORM = "terminal";
export const TERMINAL_CANDIDATE = `${TERMINAL_PLATFORM}:candidate`;

export function terminalThreadKey(pid: number): string {
  return `${TERMINAL_PLATFORM}:${pid}`;
}

/** The process a terminal thread key names, or null for any other platform's key. */
export function parseTerminalThreadKey(threadKey: string): number | null {
  const match = /^terminal:(\d+)$/.exec(threadKey);
  return match ? Number(match[1]) : null;
}
