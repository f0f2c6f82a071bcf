import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RATINGS } from "../../../src/content/schemas.js";
import { jsonLines, ROOT, runCli } from "../../support/cli.js";

const script = (name: string) => readFileSync(join(ROOT, "tests", "fixtures", "candidates", `${name}.txt`), "utf8");

interface Row {
  dimension: string;
  rating: (typeof RATINGS)[number];
  evidence: string[];
}
interface Claim {
  id: string;
  quote: string;
  status: string;
  correction: string;
}

async function practice(input: string) {
  const result = await runCli("adapters/terminal/cli.ts", ["--json", "--level", "senior", "--problem", "fraud"], { input });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const lines = jsonLines(result.stdout);
  const summary = lines[lines.length - 1];
  if (!summary || summary.type !== "summary") throw new Error(`no summary in:\n${result.stdout}`);
  const replies = lines.filter((line) => line.type === "interviewer").map((line) => String(line.text));
  return { replies, summary, scorecard: summary.scorecard as Row[], claims: summary.claimsToRevisit as Claim[] };
}

const aboveDeveloping = (row: Row) => row.rating === "strong" || row.rating === "solid";

describe("the terminal interviewer judges what the candidate claims", () => {
  test("a confidently wrong candidate is challenged on each claim in the very next reply, and every claim is flagged", async () => {
    const input = script("confidently-wrong-fraud");
    const said = input.trim().split("\n");
    const run = await practice(input);
    // replies[0] opens the interview; replies[i + 1] answers the candidate's line i.
    said.forEach((line, index) => {
      const reply = run.replies[index + 1] ?? "";
      expect(reply).toContain("push back");
      expect(reply).toContain(line.slice(0, 40));
    });
    expect(run.claims.map((claim) => claim.id)).toEqual(
      expect.arrayContaining([
        "accuracy-on-rare-class",
        "declines-as-fraud-labels",
        "deep-learning-always-better",
        "random-split-on-time-data",
        "batch-only-fresh-features",
        "no-monitoring",
      ]),
    );
    for (const claim of run.claims) expect(input).toContain(claim.quote);
    const flagged = (run.summary.redFlags as Array<{ id: string }>).map((flag) => flag.id);
    expect(flagged).toEqual(expect.arrayContaining(["accuracy-on-rare-class", "no-monitoring"]));
    // Nothing said wrongly is a strength or evidence for a good rating.
    const strengths = (run.summary.strengths as string[]).join("\n");
    for (const line of said) expect(strengths).not.toContain(line.slice(0, 40));
    for (const row of run.scorecard.filter(aboveDeveloping)) for (const quote of row.evidence) expect(said.some((line) => line.includes(quote))).toBe(false);
    expect(run.scorecard.find((row) => row.dimension === "ml-knowledge")?.rating).not.toMatch(/strong|solid/);
  });

  test("a list of terms earns at most developing on every dimension", async () => {
    const run = await practice(script("term-list"));
    expect(run.scorecard).toHaveLength(6);
    for (const row of run.scorecard) expect(aboveDeveloping(row)).toBe(false);
    expect(run.replies.some((reply) => /list of components rather than a design/.test(reply))).toBe(true);
  });

  test("concepts the candidate rejects earn nothing, and rejecting essential practices is held against them", async () => {
    const run = await practice(script("negation"));
    const credited = Object.values(run.summary.coverage as Record<string, { concepts: string[] }>).flatMap((area) => area.concepts);
    expect(credited).not.toEqual(expect.arrayContaining(["serves features from a feature store"]));
    expect(credited).not.toContain("monitors the model in production");
    expect(credited).not.toContain("starts from a simple baseline");
    expect(credited).toContain("considers gradient-boosted trees");
    // Rejecting monitoring and a baseline is held against them; rejecting a feature store is a choice, and costs nothing.
    expect(run.claims.map((claim) => claim.id).sort()).toEqual(["no-baseline", "no-monitoring"]);
  });

  test("a claim revised when challenged is shown as corrected, in the candidate's favour", async () => {
    const run = await practice(script("revised-accuracy"));
    expect(run.replies[1]).toContain("push back");
    expect(run.replies[2]).toMatch(/correction I was looking for/);
    expect(run.claims).toEqual([expect.objectContaining({ id: "accuracy-on-rare-class", status: "corrected" })]);
    expect((run.summary.redFlags as Array<{ id: string }>).map((flag) => flag.id)).not.toContain("accuracy-on-rare-class");
    const rendered = await runCli("adapters/terminal/cli.ts", ["--level", "senior", "--problem", "fraud"], { input: script("revised-accuracy") });
    expect(rendered.stdout).toMatch(/Claims to revisit:\n• "I would use accuracy as the main metric and aim for 99\.9%\." \(corrected when challenged\)/);
  });
});
