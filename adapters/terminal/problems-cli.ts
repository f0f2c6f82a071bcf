import { loadConfig } from "../../src/config/env.js";
import { loadContent } from "../../src/engine/context.js";
import { isAppError } from "../../src/core/errors.js";

/** `npm run problems [-- --json]`: the problem bank at a glance. */
function main(argv: readonly string[]): number {
  const config = loadConfig();
  const { bank } = loadContent({ problems: config.PROBLEMS_DIR, rubric: config.RUBRIC_DIR });
  if (argv.includes("--json")) {
    const rows = bank.problems.map(({ id, title, levels, aliases }) => ({ id, title, levels, aliases }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...bank.ids.map((id) => id.length));
  for (const problem of bank.problems) {
    process.stdout.write(`${problem.id.padEnd(width)}  ${problem.title}  [${problem.levels.join(", ")}]  aliases: ${problem.aliases.join(", ")}\n`);
  }
  process.stdout.write(`\nStart one with: npm run practice -- --level senior --problem ${bank.ids[0] ?? "fraud"}\n`);
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`${isAppError(error) ? error.message : `Unexpected error: ${String(error)}`}\n`);
  process.exit(1);
}
