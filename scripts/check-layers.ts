// The house's direction, checked: src/ is layered (each folder imports only from layers below it,
// or from itself), no folder at any depth is part of an import cycle, src/ never imports an
// adapter, and an adapter never imports another platform's. Run by `npm run lint` and the tests.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Lowest first. Folders on one line are one layer and may not import each other. */
export const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["config", "content"],
  ["domain"],
  ["engine"],
  ["voice"],
  ["ops"],
  ["ports"],
  ["pipeline"],
  ["features"],
  ["infra"],
  ["app"],
];

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

export interface LayerReport {
  violations: Violation[];
  /** Groups of folders (at any depth) importing each other in a ring. */
  cycles: string[][];
  files: number;
  folders: number;
}

export function checkLayers(root: string): LayerReport {
  const files = ["src", "adapters", "bin"].flatMap((dir) => walk(join(root, dir))).filter((file) => file.endsWith(".ts"));
  const layerOf = new Map(LAYERS.flatMap((folders, index) => folders.map((folder) => [folder, index] as const)));
  const violations: Violation[] = [];
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = relative(root, file).split(sep).join("/");
    for (const target of imports(file)) {
      const to = relative(root, target).split(sep).join("/");
      const [fromTop, fromFolder] = from.split("/");
      const [toTop, toFolder] = to.split("/");
      const fromDir = dirname(from);
      const toDir = dirname(to);
      if (fromDir !== toDir) edges.set(fromDir, (edges.get(fromDir) ?? new Set<string>()).add(toDir));
      if (fromTop === "src" && toTop === "adapters") violations.push({ file: from, imports: to, rule: "src/ never imports an adapter" });
      const platformFolder = (folder: string | undefined) => folder !== undefined && !folder.endsWith(".ts") && folder !== "shared";
      if (fromTop === "adapters" && toTop === "adapters" && fromFolder !== toFolder && platformFolder(fromFolder) && platformFolder(toFolder)) {
        violations.push({ file: from, imports: to, rule: "an adapter never imports another platform's code" });
      }
      if (fromTop !== "src" || toTop !== "src" || !fromFolder || !toFolder || fromFolder === toFolder) continue;
      if (fromFolder.endsWith(".ts") || toFolder.endsWith(".ts")) {
        violations.push({ file: from, imports: to, rule: "every file in src/ belongs to a layer folder" });
        continue;
      }
      const fromLayer = layerOf.get(fromFolder);
      const toLayer = layerOf.get(toFolder);
      if (fromLayer === undefined) violations.push({ file: from, imports: to, rule: `src/${fromFolder} is in no layer` });
      else if (toLayer === undefined) violations.push({ file: from, imports: to, rule: `src/${toFolder} is in no layer` });
      else if (toLayer >= fromLayer) violations.push({ file: from, imports: to, rule: `src/${fromFolder} may not import src/${toFolder} (${toLayer === fromLayer ? "same layer" : "a higher layer"})` });
    }
  }
  return { violations, cycles: cycles(edges), files: files.length, folders: new Set(files.map((file) => dirname(file))).size };
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function imports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)].map((match) => normalize(join(dirname(file), (match[1] ?? "").replace(/\.js$/, ".ts"))));
}

/** Strongly connected groups of more than one folder (Tarjan). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { violations, cycles: found, files, folders } = checkLayers(process.cwd());
  for (const violation of violations) console.error(`${violation.file} → ${violation.imports}: ${violation.rule}`);
  for (const group of found) console.error(`import cycle between folders: ${group.join(" ↔ ")}`);
  console.log(`layers: ${files} files in ${folders} folders, ${violations.length} layer violations, ${found.length} folder cycles`);
  process.exit(violations.length + found.length > 0 ? 1 : 0);
}
