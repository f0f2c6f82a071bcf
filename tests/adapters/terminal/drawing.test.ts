import { describe, expect, test } from "@jest/globals";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { jsonLines, runCli } from "../../support/cli.js";

const FENCED = ["```mermaid", "flowchart LR", "  events([Card events]) --> kafka[(Kafka)]", "  kafka --> flink[Flink] --> scorer(Scorer)", "  chargebacks --> labels --> retraining --> scorer", "```"];

async function practice(input: string[]) {
  const images = mkdtempSync(join(tmpdir(), "mock-interview-drawing-"));
  const data = mkdtempSync(join(tmpdir(), "mock-interview-drawing-data-"));
  const result = await runCli("adapters/terminal/cli.ts", ["--json", "--level", "senior", "--problem", "fraud", "--images", images, "--data", data], { input: `${input.join("\n")}\n` });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return { lines: jsonLines(result.stdout), images };
}

/** The lines printed after the answer at `index` among the interviewer's replies (the opening is reply 0). */
function afterAnswer(lines: Array<Record<string, unknown>>, answer: number): Array<Record<string, unknown>> {
  const starts = lines.flatMap((line, index) => (line.type === "interviewer" ? [index] : []));
  return lines.slice(starts[answer] ?? lines.length, starts[answer + 1] ?? lines.length);
}

describe("drawing in the terminal", () => {
  test("a pasted fenced Mermaid block is one message: one reply, then one PNG written and its path printed", async () => {
    const { lines, images } = await practice(["next", "next", ...FENCED, "end"]);
    const turn = afterAnswer(lines, 3);
    expect(turn.map((line) => line.type)).toEqual(["interviewer", "image"]);
    expect(String(turn[0]?.text)).toMatch(/Here's your drawing: 7 components and 6 arrows/);
    const image = turn[1];
    expect(image).toMatchObject({ type: "image", kind: "diagram", alt: expect.stringMatching(/^Diagram of 7 components and 6 arrows; main flow: Card events → Kafka → Flink → Scorer/) });
    const path = String(image?.path);
    expect(path.startsWith(images)).toBe(true);
    expect(readdirSync(images).filter((file) => file.startsWith("diagram-"))).toHaveLength(1);
    const png = PNG.sync.read(readFileSync(path));
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(100);
    // The drawn loop from chargebacks to retraining is in coverage.
    const summary = lines.at(-1);
    const coverage = summary?.coverage as Record<string, { concepts: string[] }>;
    expect(coverage["monitoring-feedback"]?.concepts).toContain("closes the feedback loop");
  });

  test("the picture of the design comes with the scorecard, parts never covered named in its alt text", async () => {
    const { lines, images } = await practice(["next", "next", ...FENCED, "end"]);
    const design = lines.find((line) => line.type === "image" && line.kind === "design");
    expect(lines.at(-1)?.type).toBe("summary");
    expect(design?.alt).toMatch(/^Your design as drawn: Card events → Kafka → Flink → chargebacks → labels → retraining → Scorer\. Not covered, drawn faded: .*Serving and deployment/);
    const path = String(design?.path);
    expect(path.startsWith(images)).toBe(true);
    const png = PNG.sync.read(readFileSync(path));
    expect(png.width).toBeGreaterThan(400);
    expect(readdirSync(images).sort()).toEqual([expect.stringMatching(/^design-.*\.png$/), expect.stringMatching(/^diagram-.*\.png$/)]);
  });

  test("arrow lines render", async () => {
    const { lines } = await practice(["next", "next", "events -> kafka -> flink -> redis -> scorer", "end"]);
    const turn = afterAnswer(lines, 3);
    expect(turn.map((line) => line.type)).toEqual(["interviewer", "image"]);
    expect(existsSync(String(turn[1]?.path))).toBe(true);
  });

  test("a malformed block gets the reply naming the line and no image", async () => {
    const { lines, images } = await practice(["next", "next", "```mermaid", "flowchart LR", "  kafka --> flink", "  flink -->", "```", "end"]);
    const turn = afterAnswer(lines, 3);
    expect(turn.map((line) => line.type)).toEqual(["interviewer"]);
    expect(String(turn[0]?.text)).toMatch(/I couldn't draw that diagram\. Line 3 \("flink -->"\): the arrow `-->` needs a node after it/);
    expect(readdirSync(images).filter((file) => file.startsWith("diagram-"))).toEqual([]);
  });

  test("an oversize drawing is refused with the reason, and nothing is drawn", async () => {
    const chain = Array.from({ length: 61 }, (_, index) => `n${index}`).join(" --> ");
    const { lines, images } = await practice(["next", "next", "```mermaid", "flowchart LR", chain, "```", "end"]);
    expect(String(afterAnswer(lines, 3)[0]?.text)).toMatch(/That drawing has 61 boxes and I draw at most 60/);
    expect(readdirSync(images).filter((file) => file.startsWith("diagram-"))).toEqual([]);
  });
});
