import { describe, expect, test } from "@jest/globals";
import type { Misconception, Problem } from "../../../src/content/schemas.js";
import { loadContent } from "../../../src/engine/context.js";

const content = loadContent();

/** A problem where the misconception is wrong: its own problem, or one with a trait it applies to. */
function problemFor(misconception: Misconception): Problem {
  const owner = content.bank.problems.find((problem) => problem.misconceptions.some((entry) => entry.id === misconception.id));
  if (owner) return owner;
  const fits = content.bank.problems.find((problem) => content.misconceptions.applicable(problem).some((entry) => entry.id === misconception.id));
  if (!fits) throw new Error(`${misconception.id} applies to no problem in the bank`);
  return fits;
}

function recognised(text: string, problem: Problem): string[] {
  return content.analyser.analyse(text).flatMap((sentence) => content.misconceptions.find(sentence, problem).map((entry) => entry.id));
}

const all = [...content.rubric.misconceptions, ...content.bank.problems.flatMap((problem) => problem.misconceptions)];

describe("every misconception in the bank", () => {
  test("there are at least 25, each with a challenge question and a correction", () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
    for (const entry of all) {
      expect(entry.challenge).toMatch(/\?/);
      expect(entry.correction.length).toBeGreaterThan(30);
    }
  });

  test.each(all.map((entry) => [entry.id, entry] as const))("%s: its positive example is recognised and its near miss is not", (_id, entry) => {
    const problem = problemFor(entry);
    expect(recognised(entry.examples.positive, problem)).toContain(entry.id);
    expect(recognised(entry.examples.nearMiss, problem)).not.toContain(entry.id);
  });
});

describe("where a claim is wrong depends on the problem", () => {
  const fraud = content.bank.resolve("fraud");
  const recs = content.bank.resolve("ecommerce-recs");
  const automl = content.bank.resolve("automl");

  test("accuracy as the metric is challenged on fraud, where positives are rare, not on a balanced problem", () => {
    const claim = "Our main metric for the model will be accuracy, and I would aim for something above 99%.";
    expect(recognised(claim, fraud)).toContain("accuracy-on-rare-class");
    expect(recognised(claim, automl)).not.toContain("accuracy-on-rare-class");
  });

  test("nightly features are wrong where freshness decides, and fine where it does not", () => {
    const claim = "All the features are computed in a nightly batch and loaded every morning.";
    expect(recognised(claim, fraud)).toContain("batch-only-fresh-features");
    expect(recognised(claim, automl)).not.toContain("batch-only-fresh-features");
  });

  test("a problem's own sharper entry stands in for the general one it replaces", () => {
    const claim = "Every declined payment gets labelled as fraud, so we have plenty of positives.";
    expect(recognised(claim, fraud)).toEqual(["declines-as-fraud-labels"]);
    expect(content.misconceptions.applicable(recs).map((entry) => entry.id)).not.toContain("declines-as-fraud-labels");
  });
});
