// `npm run build`, after tsc: copies the plain JavaScript that compiled code loads by path (the
// drawing worker, started with `new URL("./render-worker.mjs", import.meta.url)`) beside it in dist/.
// Plain JavaScript itself, so it runs with node alone.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith(".mjs")) yield path;
  }
}

for (const folder of ["src", "adapters"]) {
  for (const file of files(join(root, folder))) {
    const target = join(root, "dist", relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}
