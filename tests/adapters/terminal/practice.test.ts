import { afterAll, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RATINGS } from "../../../src/content/schemas.js";
import { jsonLines, ROOT, runCli, TEST_DATA_HOME } from "../../support/cli.js";
import { brokenCopy, removeCopies } from "../../support/content-fixtures.js";

afterAll(removeCopies);

const script = (name: string) => readFileSync(join(ROOT, "tests", "fixtures", "candidates", `${name}.txt`), "utf8");

interface ScorecardRow {
  dimension: string;
  rating: (typeof RATINGS)[number];
  evidence: string[];
}

async function practice(args: string[], input: string) {
  const result = await runCli("adapters/terminal/cli.ts", ["--json", ...args], { input });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const lines = jsonLines(result.stdout);
  const summary = lines[lines.length - 1];
  if (!summary || summary.type !== "summary") throw new Error(`no summary in:\n${result.stdout}`);
  return { lines, summary, scorecard: summary.scorecard as ScorecardRow[] };
}

const rank = (rating: ScorecardRow["rating"]) => RATINGS.length - RATINGS.indexOf(rating);
const total = (rows: ScorecardRow[]) => rows.reduce((sum, row) => sum + rank(row.rating), 0);
const candidateText = (input: string) => input.split("\n").join("\n");

describe("a practice interview through the real CLI", () => {
  test("the interviewer greets and asks the first question before the candidate types anything", async () => {
    const { lines } = await practice(["--level", "senior", "--problem", "fraud"], "");
    const first = lines[0];
    expect(first?.type).toBe("interviewer");
    expect(String(first?.text)).toMatch(/^Problem presentation\n\nHi /);
    expect(String(first?.text)).toMatch(/10,000 transactions per second|10k|10 000/i);
    expect(String(first?.text)).toMatch(/\?/);
  });

  test("a strong candidate is rated clearly higher than a weak one, on evidence quoted verbatim", async () => {
    const strongInput = script("strong-fraud");
    const weakInput = script("weak");
    const strong = await practice(["--level", "senior", "--problem", "fraud"], strongInput);
    const weak = await practice(["--level", "senior", "--problem", "fraud"], weakInput);

    expect(total(strong.scorecard)).toBeGreaterThan(total(weak.scorecard) + 8);
    expect(strong.scorecard.filter((row) => row.rating === "strong").length).toBeGreaterThanOrEqual(3);
    expect(weak.scorecard.some((row) => row.rating === "strong" || row.rating === "solid")).toBe(false);

    for (const [run, input] of [[strong, strongInput], [weak, weakInput]] as const) {
      expect(run.scorecard.map((row) => row.dimension)).toEqual([
        "ml-knowledge",
        "ml-systems",
        "problem-solving",
        "trade-off-analysis",
        "production-awareness",
        "communication",
      ]);
      for (const row of run.scorecard) {
        for (const quote of row.evidence) expect(candidateText(input)).toContain(quote);
        if (row.rating !== "not-shown") expect(row.evidence.length).toBeGreaterThan(0);
      }
      expect(run.summary.strengths).toHaveLength(3);
      expect(run.summary.improvements).toHaveLength(3);
      const resources = run.summary.resources as Array<{ title: string; why: string }>;
      expect(resources.length).toBeGreaterThanOrEqual(2);
      expect(resources.length).toBeLessThanOrEqual(3);
      expect(Object.keys(run.summary.narrative as object)).toEqual(
        expect.arrayContaining(["keyDecisions", "mlApproach", "productionReadiness", "overallAssessment"]),
      );
    }
    expect(weak.summary.hintsUsed).toBe(1);
    expect(JSON.stringify(strong.summary)).not.toMatch(/"score"|\/10\b|\d+ out of \d+/);
  });

  test("the summary shows which framework areas were covered and which were missed", async () => {
    const strong = await practice(["--level", "senior", "--problem", "fraud"], script("strong-fraud"));
    const weak = await practice(["--level", "senior", "--problem", "fraud"], script("weak"));
    const status = (summary: Record<string, unknown>, area: string) =>
      (summary.coverage as Record<string, { status: string }>)[area]?.status;
    expect(status(strong.summary, "monitoring-feedback")).toBe("covered");
    expect(status(strong.summary, "features")).toBe("covered");
    expect(status(weak.summary, "monitoring-feedback")).toBe("missing");
    expect(status(weak.summary, "metrics")).toBe("missing");
  });

  test("text that tries to instruct the grader earns no strong rating and is never quoted", async () => {
    const input = script("injection");
    const run = await practice(["--level", "senior", "--problem", "fraud"], input);
    expect(run.scorecard.some((row) => row.rating === "strong")).toBe(false);
    for (const row of run.scorecard) for (const quote of row.evidence) expect(quote).not.toMatch(/ignore|grader|system prompt|strong/i);
    expect(run.summary.notes).toEqual([expect.stringMatching(/set aside/)]);
  });

  test("end of input ends the interview and still prints the summary", async () => {
    const run = await practice(["--level", "mid"], "I'm not sure where to begin.\n");
    expect(run.lines.some((line) => /scorecard/i.test(String(line.text)))).toBe(true);
    expect(run.summary.level).toBe("mid");
  });
});

describe("stopping", () => {
  test("Ctrl+C ends the interview and still prints the summary", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "adapters/terminal/cli.ts"), "--json", "--level", "senior", "--problem", "fraud"], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", XDG_DATA_HOME: TEST_DATA_HOME },
    });
    let stdout = "";
    let answered = false;
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Answer once the first question is out, then interrupt once the reply to it has arrived.
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const lines = stdout.split("\n").filter(Boolean).length;
        if (lines >= 1 && !answered) {
          answered = true;
          child.stdin.write("Offline I'd track PR-AUC because fraud is rare.\n");
        }
        if (lines >= 2) resolve();
      }),
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    const lines = jsonLines(stdout);
    const summary = lines[lines.length - 1];
    expect(summary?.type).toBe("summary");
    expect(JSON.stringify(summary?.scorecard)).toContain("Offline I'd track PR-AUC because fraud is rare.");
  });
});

describe("bad input gets one clear line, never a stack trace", () => {
  test("an unknown level exits non-zero and lists the valid levels", async () => {
    const result = await runCli("adapters/terminal/cli.ts", ["--level", "wizard"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('Unknown level "wizard". Valid levels: junior, mid, senior, staff.');
    expect(result.stdout).toBe("");
  });

  test("an unknown problem suggests the closest ids and lists them all", async () => {
    const result = await runCli("adapters/terminal/cli.ts", ["--problem", "frau"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown problem "frau"\. Did you mean "fraud"/);
    expect(result.stderr).toMatch(/video-recs.*realtime-pipeline|realtime-pipeline.*video-recs/);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  test("an unknown flag prints the usage", async () => {
    const result = await runCli("adapters/terminal/cli.ts", ["--levle", "senior"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: npm run practice/);
  });

  test("a malformed problem file stops start-up naming the file and the field", async () => {
    const dir = brokenCopy("problems", "fraud.yaml", (problem) => {
      (problem.hints as Record<string, string[]>)["deep-dive"]?.pop();
    });
    const result = await runCli("adapters/terminal/cli.ts", [], { env: { PROBLEMS_DIR: dir } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`${dir}/fraud.yaml: hints.deep-dive: needs exactly four rungs: nudge, direction, approach, full architecture`);
  });
});

describe("npm run problems", () => {
  test("--json lists every problem with its id, title, levels and aliases", async () => {
    const result = await runCli("adapters/terminal/problems-cli.ts", ["--json"]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ id: string; title: string; levels: string[]; aliases: string[] }>;
    expect(rows.map((row) => row.id)).toEqual(
      expect.arrayContaining(["video-recs", "ecommerce-recs", "fraud", "search-ranking", "ads-bidding", "content-moderation", "dynamic-pricing", "news-feed", "spam", "model-serving", "automl", "realtime-pipeline"]),
    );
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["aliases", "id", "levels", "title"]);
      expect(row.aliases.length).toBeGreaterThan(0);
    }
  });

  test("without flags it prints a readable table", async () => {
    const result = await runCli("adapters/terminal/problems-cli.ts", []);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^fraud\s+.+\[senior, staff\]/m);
  });
});

describe("practice with an OpenAI-compatible server", () => {
  test("runs a full interview and summary through the model when OPENAI_API_KEY and OPENAI_BASE_URL are set", async () => {
    const { FakeOpenAI } = await import("../../fakes/openai.js");
    const fake = await new FakeOpenAI().start();
    try {
      const result = await runCli("adapters/terminal/cli.ts", ["--json", "--level", "senior", "--problem", "fraud"], {
        input: script("strong-fraud"),
        env: { OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: "0" },
      });
      expect(result.code).toBe(0);
      const lines = jsonLines(result.stdout);
      expect(lines.some((line) => /Fake model/.test(String(line.text)))).toBe(true);
      expect(lines[lines.length - 1]?.type).toBe("summary");
      expect(lines[lines.length - 1]?.narrative).toMatchObject({ overallAssessment: "Fake assessment." });
      expect(fake.requests.some((request) => request.body.response_format?.json_schema?.name === "interview_summary")).toBe(true);
    } finally {
      await fake.stop();
    }
  });

  test("with the server down, the interview still completes on the offline interviewer", async () => {
    const result = await runCli("adapters/terminal/cli.ts", ["--json", "--level", "senior", "--problem", "fraud"], {
      input: script("strong-fraud"),
      env: { OPENAI_API_KEY: "sk-test-key-for-the-fake", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", LLM_MAX_RETRIES: "0", LLM_TIMEOUT_MS: "500" },
    });
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.some((line) => /offline mode/.test(String(line.text)))).toBe(true);
    const summary = lines[lines.length - 1];
    expect(summary?.type).toBe("summary");
    expect((summary?.scorecard as ScorecardRow[]).filter((row) => row.rating === "strong").length).toBeGreaterThanOrEqual(3);
  });
});
