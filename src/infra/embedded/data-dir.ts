import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/**
 * Where the terminal keeps its data when no `--data DIR` is given: `$XDG_DATA_HOME/mock-interview`,
 * else `~/.local/share/mock-interview`, as the XDG base directory spec says. A relative
 * XDG_DATA_HOME is ignored, as the spec requires.
 */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, "mock-interview");
  return join(env.HOME?.trim() || homedir(), ".local", "share", "mock-interview");
}

/** `--data DIR` beats the default; a relative DIR is taken from the current directory. */
export function resolveDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return flag?.trim() ? resolve(flag.trim()) : defaultDataDir(env);
}
