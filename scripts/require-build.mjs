// `npm start`, `npm run bot` and `npm run worker` run the compiled service in dist/: without it
// they stop here with one line saying what to run, instead of a stack trace from node.
// Plain JavaScript, so it runs where only production dependencies are installed.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "bin", "mock-interview.js");

if (!existsSync(entry)) {
  process.stderr.write("dist/bin/mock-interview.js is missing: run `npm run build` first (it compiles src/, adapters/ and bin/ to dist/).\n");
  process.exit(1);
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// Where the sources ship too (a checkout, not the image), say when the build is older than they are.
const sources = ["src", "adapters", "bin"].map((folder) => join(root, folder)).filter(existsSync);
if (sources.length && Math.max(...sources.map(newest)) > statSync(entry).mtimeMs) {
  process.stderr.write("warning: dist/ is older than the sources: run `npm run build` to run the code as it is now.\n");
}
