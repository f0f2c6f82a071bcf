import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

/**
 * A payload from tests/fixtures/, with its `{{name}}` placeholders filled in: the ids a platform
 * hands out (workspace, channel, thread, user, message, token) belong to the test world replaying
 * it, so the recorded shape is kept and only those values change. A string that is one placeholder
 * alone takes the value as it is (an object, a number); inside a longer string it is written in.
 * A placeholder left without a value, or a value no placeholder asked for, fails the test.
 */
export function fixture<T = Record<string, unknown>>(path: string, values: Record<string, unknown>): T {
  const source = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", path), "utf8")) as unknown;
  const used = new Set<string>();
  const valueOf = (name: string): unknown => {
    if (!(name in values)) throw new Error(`${path}: no value for {{${name}}}`);
    used.add(name);
    return values[name];
  };
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") {
      const whole = /^\{\{([a-z_]+)\}\}$/.exec(node);
      if (whole?.[1]) return valueOf(whole[1]);
      return node.replace(PLACEHOLDER, (_, name: string) => String(valueOf(name)));
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    return node;
  };
  const filled = fill(source);
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length) throw new Error(`${path}: has no placeholder for ${unused.map((name) => `{{${name}}}`).join(", ")}`);
  return filled as T;
}
