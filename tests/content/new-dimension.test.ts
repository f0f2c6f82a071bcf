import { afterAll, describe, expect, test } from "@jest/globals";
import { loadContent } from "../../src/engine/context.js";
import { buildSummary } from "../../src/voice/summary/build.js";
import { brokenCopy, removeCopies } from "../support/content-fixtures.js";
import { conversation } from "../support/conversation.js";

afterAll(removeCopies);

/** A seventh dimension, added to rubric/dimensions.yaml and nowhere else. */
function rubricWithSeventhDimension(): string {
  return brokenCopy("rubric", "dimensions.yaml", (data) => {
    const dimensions = data.dimensions as Array<Record<string, unknown>>;
    dimensions.push({
      id: "data-judgement",
      title: "Data judgement",
      short: "Data",
      description: "Knows where labels come from, how late they arrive and what the data leaves out, and designs around it.",
      signals: ["delayed-labels", "point-in-time", "class-imbalance"],
      ratings: {
        strong: "Traced labels to their source and designed around their delay and bias without being led.",
        solid: "Named where labels come from and one of their traps, with a reason.",
        developing: "Mentioned the data but not where labels come from or when they arrive.",
        "not-shown": "The data behind the labels never came up.",
      },
      improve: "Say where each label comes from, when it arrives and what it leaves out.",
      praise: "You traced the labels to their source and designed around their delay.",
    });
  });
}

describe("adding a rubric dimension", () => {
  test("is one entry in rubric/dimensions.yaml: the content loads and the scorecard rates it", async () => {
    const rubric = rubricWithSeventhDimension();
    const content = loadContent({ rubric });
    expect(content.rubric.dimensions.map((dimension) => dimension.id)).toContain("data-judgement");
    await conversation({ level: "senior", problem: "fraud", env: { RUBRIC_DIR: rubric } })
      .send("Labels come from chargebacks, which arrive up to 60 days late, so I'd train on a window ending 60 days ago and build features point-in-time, because otherwise the model learns from the future.")
      .send("end")
      .check(async (c) => {
        const summary = buildSummary(await c.session(), content);
        const row = summary.scorecard.find((entry) => entry.dimension === "data-judgement");
        expect(row?.title).toBe("Data judgement");
        expect(row?.rating).not.toBe("not-shown");
      });
  });

  test("a reference to a dimension the rubric does not have is refused at load, naming the file and field", () => {
    const rubric = brokenCopy("rubric", "misconceptions.yaml", (data) => {
      const [first] = data.misconceptions as Array<Record<string, unknown>>;
      if (first) first.dimension = "made-up";
    });
    expect(() => loadContent({ rubric })).toThrow(/misconceptions\.yaml: misconceptions\[0\]\.dimension: unknown dimension "made-up"/);
  });
});
