import { describe, expect, test } from "@jest/globals";
import { boundSummary, clipText, SUMMARY_LIMITS } from "../../../src/voice/summary/bounds.js";
import { buildSummary } from "../../../src/voice/summary/build.js";
import { SummarySchema, type Summary } from "../../../src/domain/summary.js";
import { conversation } from "../../support/conversation.js";

/** Half an emoji: a surrogate without its pair (paired ones are one code point under the u flag). */
const LONE_SURROGATE = /\p{Cs}/u;

const FAMILY = "👩‍👩‍👧‍👦";
const FLAG = "🇩🇪";

async function deterministicSummary(): Promise<Summary> {
  let summary: Summary | undefined;
  const flow = conversation({ level: "senior", problem: "fraud" });
  flow.send("The goal is fewer fraud losses at the same approval rate, so I'd predict the probability of fraud per transaction.");
  flow.send("Offline I'd use PR-AUC because fraud is rare; online, fraud losses and the false positive rate, and I'd monitor drift with PSI.");
  await flow.send("end").check(async (c) => {
    summary = buildSummary(await c.session(), c.app.content);
  });
  if (!summary) throw new Error("no summary");
  return summary;
}

describe("clipText", () => {
  test("leaves text within the limit as it is", () => {
    expect(clipText("Solid framing.", 14)).toBe("Solid framing.");
  });

  test("cuts between graphemes, never inside an emoji, and marks the cut", () => {
    for (const emoji of ["😀", FAMILY, FLAG, "é"]) {
      const text = `Good ${emoji.repeat(200)}`;
      for (let limit = 5; limit < 60; limit++) {
        const clipped = clipText(text, limit);
        expect(clipped.length).toBeLessThanOrEqual(limit);
        expect(clipped).not.toMatch(LONE_SURROGATE);
        expect(clipped.endsWith("…")).toBe(true);
        // Whatever was kept is whole emoji: the text before the ellipsis is a prefix made of them.
        expect(`Good ${emoji.repeat(200)}`.startsWith(clipped.slice(0, -1))).toBe(true);
        expect((clipped.slice(5, -1).length % emoji.length)).toBe(0);
      }
    }
  });
});

describe("boundSummary", () => {
  test("keeps the deterministic summary as it is", async () => {
    const summary = await deterministicSummary();
    expect(boundSummary(summary)).toEqual(summary);
  });

  test("bounds every prose field, list and item of an oversized summary, and the result still matches the schema", async () => {
    const summary = await deterministicSummary();
    const long = (n: number) => `Words and 😀 emoji ${"🙂 and more words ".repeat(n)}`;
    const oversized: Summary = {
      ...summary,
      strengths: [long(500), long(500), long(500)],
      improvements: [long(500), long(500), long(500)],
      scorecard: summary.scorecard.map((row) => ({ ...row, justification: long(900), evidence: [long(100), long(100), long(100), long(100)] })),
      narrative: {
        keyDecisions: Array.from({ length: 40 }, () => long(100)),
        mlApproach: long(3_000),
        architectureStrengths: long(3_000),
        productionReadiness: long(3_000),
        strengthsDemonstrated: long(3_000),
        areasToExplore: Array.from({ length: 40 }, () => long(100)),
        overallAssessment: long(3_000),
      },
      notes: Array.from({ length: 12 }, () => long(50)),
    };
    const bounded = SummarySchema.parse(boundSummary(oversized));
    const { paragraph, item, items, list: budget, justification, quote, quotesPerRow } = SUMMARY_LIMITS;
    const lists = [bounded.strengths, bounded.improvements, bounded.narrative.keyDecisions, bounded.narrative.areasToExplore, bounded.notes];
    for (const list of lists) {
      expect(list.length).toBeLessThanOrEqual(items);
      expect(list.join("").length).toBeLessThanOrEqual(budget);
      for (const entry of list) expect(entry.length).toBeLessThanOrEqual(item);
    }
    for (const text of Object.values(bounded.narrative)) if (typeof text === "string") expect(text.length).toBeLessThanOrEqual(paragraph);
    for (const row of bounded.scorecard) {
      expect(row.justification.length).toBeLessThanOrEqual(justification);
      expect(row.evidence.length).toBeLessThanOrEqual(quotesPerRow);
      for (const entry of row.evidence) expect(entry.length).toBeLessThanOrEqual(quote);
    }
    expect(bounded.strengths).toHaveLength(3);
    expect(bounded.narrative.areasToExplore.length).toBeGreaterThan(0);
    for (const text of stringsIn(bounded)) expect(text).not.toMatch(LONE_SURROGATE);
  });
});

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}
