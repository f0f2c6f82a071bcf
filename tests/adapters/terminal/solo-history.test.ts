import { describe, expect, test } from "@jest/globals";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { jsonLines, runCli } from "../../support/cli.js";

/**
 * A solo practitioner's terminal keeps their interviews between runs (in --data DIR): history
 * lists them, focus aims the next one at the weakest areas, progress draws the chart, forget-me
 * deletes them. Each step is a separate run of the real CLI, as a person would use it days apart.
 */
const practice = (args: string[], input = "") => runCli("adapters/terminal/cli.ts", args, { input });

const STRONG = [
  "Fraud is rare, under 0.1% of transactions, so I'd frame it as binary classification and judge it by precision-recall AUC, because accuracy would look perfect on a model that approves everything.",
  "Labels come from chargebacks, which arrive weeks late, so I'd train on a window that ends 60 days ago to let labels settle, with a time-based split.",
  "end",
].join("\n");
const WEAK = ["I would use a model.", "end"].join("\n");

describe("the terminal remembers a solo practitioner's interviews", () => {
  const data = mkdtempSync(join(tmpdir(), "mock-interview-solo-"));

  test("history lists earlier runs' interviews, newest first, with their ratings", async () => {
    expect((await practice(["--data", data, "--level", "senior", "--problem", "fraud"], STRONG)).code).toBe(0);
    expect((await practice(["--data", data, "--level", "mid", "--problem", "spam"], WEAK)).code).toBe(0);
    const history = await practice(["history", "--data", data]);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/Your 2 interviews, newest first/);
    const spam = history.stdout.search(/spam/i);
    const fraud = history.stdout.search(/fraud detection/i);
    expect(spam).toBeGreaterThan(-1);
    expect(fraud).toBeGreaterThan(spam);
    expect(history.stdout).toMatch(/ML knowledge: (Solid|Strong|Developing)/);
  });

  test("focus opens an interview that names the weakest areas it leans on", async () => {
    const focused = await practice(["focus", "--data", data, "--json"], "end\n");
    expect(focused.code).toBe(0);
    const lines = jsonLines(focused.stdout);
    expect(String(lines[0]?.text)).toMatch(/lowest|weakest/);
    expect(lines.some((line) => line.type === "interviewer" && /leans on/.test(String(line.text)))).toBe(true);
    expect(lines.at(-1)?.type).toBe("summary");
  });

  test("progress writes a chart of the ratings as a PNG, at phone-readable size", async () => {
    const images = mkdtempSync(join(tmpdir(), "mock-interview-images-"));
    const progress = await practice(["progress", "--data", data, "--images", images]);
    expect(progress.code).toBe(0);
    expect(readdirSync(images)).toEqual(["progress.png"]);
    expect(progress.stdout).toContain(join(images, "progress.png"));
    const png = PNG.sync.read(readFileSync(join(images, "progress.png")));
    expect(png.width).toBeGreaterThanOrEqual(600);
    expect(png.height).toBeGreaterThanOrEqual(300);
  });

  test("forget-me asks first, and deletes everything only when told yes", async () => {
    const declined = await practice(["forget-me", "--data", data], "n\n");
    expect(declined.stdout).toMatch(/This deletes 3 interviews/);
    expect(declined.stdout).toMatch(/Nothing was deleted/);
    expect((await practice(["history", "--data", data])).stdout).toMatch(/Your 3 interviews/);

    const confirmed = await practice(["forget-me", "--data", data, "--yes"]);
    expect(confirmed.stdout).toMatch(/Deleted 3 interviews/);
    const after = await practice(["history", "--data", data]);
    expect(after.stdout).not.toMatch(/Your \d+ interviews/);
    for (const file of readdirSync(data)) expect(readFileSync(join(data, file), "utf8")).not.toContain("terminal:");
  });
});
