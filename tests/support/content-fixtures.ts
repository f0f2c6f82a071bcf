import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { DEFAULT_PROBLEMS_DIR, DEFAULT_RUBRIC_DIR } from "../../src/content/load.js";

const made: string[] = [];

/** Removes every copy made so far; call from afterAll. */
export function removeCopies(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function copyOf(which: "problems" | "rubric"): string {
  const source = which === "problems" ? DEFAULT_PROBLEMS_DIR : DEFAULT_RUBRIC_DIR;
  const dir = mkdtempSync(join(tmpdir(), `mock-interview-${which}-`));
  cpSync(source, dir, { recursive: true });
  made.push(dir);
  return dir;
}

/** A temporary copy of the bundled problems/ or rubric/, with one file changed by `mutate`. */
export function brokenCopy(which: "problems" | "rubric", file: string, mutate: (data: Record<string, unknown>) => void): string {
  const dir = copyOf(which);
  const data = parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
  mutate(data);
  writeFileSync(join(dir, file), stringify(data));
  return dir;
}

/** A temporary copy with one file's text replaced outright (for syntax errors). */
export function copyWithText(which: "problems" | "rubric", file: string, text: string): string {
  const dir = copyOf(which);
  writeFileSync(join(dir, file), text);
  return dir;
}
