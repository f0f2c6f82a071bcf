// `npm run eval`: the labelled transcripts through the real interview path, and how far the tool agrees.
// With OPENAI_API_KEY (and OPENAI_BASE_URL) set, the same set runs against that model.
import { existsSync } from "node:fs";
import { RATINGS } from "../src/content/schemas.js";
import { LABELLED_DIMENSIONS } from "./cases.js";
import { EVAL_SETS, loadCases } from "./cases.js";
import { figures, ladder, runCases, type CaseResult, type Figures } from "./harness.js";

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(0)}%` : "n/a");

function report(name: string, results: readonly CaseResult[], figure: Figures, verbose: boolean): string[] {
  const lines = [`== ${name}: ${figure.cases} transcripts, ${figure.ratings} dimension ratings`];
  if (verbose) {
    for (const result of results) {
      const gaps = LABELLED_DIMENSIONS.map((id) => `${ladder(result.ratings[id])}/${ladder(result.case.expected.ratings[id])}`).join(" ");
      lines.push(`  ${result.case.id.padEnd(38)} tool/label ${gaps}  unplanted: ${result.unplanted.join(",") || "-"}`);
    }
  }
  for (const id of LABELLED_DIMENSIONS) {
    const entry = figure.perDimension[id];
    lines.push(`  ${id.padEnd(22)} exact ${percent(entry.exact, figure.cases).padStart(4)}  within one ${percent(entry.withinOne, figure.cases).padStart(4)}`);
  }
  lines.push(
    `  ratings exact ${percent(figure.exact, figure.ratings)}, within one ${percent(figure.withinOne, figure.ratings)}`,
    `  planted misconceptions ${figure.planted}: challenged in the next reply ${percent(figure.challengedNext, figure.planted)}, flagged on the scorecard ${percent(figure.flagged, figure.planted)}; not planted but listed ${figure.unplanted}`,
    `  pairs ranked the wrong way round ${figure.pairsReversed} of ${figure.pairs}`,
    `  term lists above developing ${figure.termListAboveDeveloping}; terse-right total ${figure.terseRightTotal?.toFixed(1) ?? "n/a"} vs term list ${figure.termListTotal?.toFixed(1) ?? "n/a"} (0-${6 * (RATINGS.length - 1)}); negated concepts credited ${figure.negatedCredited}`,
  );
  return lines;
}

async function main(): Promise<void> {
  const verbose = process.argv.includes("--cases");
  // --only id,id runs just those transcripts (e.g. against a slow or costly model).
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? "").split(",")) : undefined;
  const mode = process.env.OPENAI_API_KEY ? `model ${process.env.OPENAI_MODEL ?? "(default)"} at ${process.env.OPENAI_BASE_URL ?? "OpenAI"}` : "offline interviewer";
  const out = [`Mock Interview judgement eval (${mode})`];
  for (const [name, dir] of Object.entries(EVAL_SETS)) {
    if (!existsSync(dir)) continue;
    const cases = loadCases(dir).filter((testCase) => !only || only.has(testCase.id));
    if (cases.length === 0) continue;
    const results = await runCases(cases);
    out.push(...report(name, results, figures(results), verbose));
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
