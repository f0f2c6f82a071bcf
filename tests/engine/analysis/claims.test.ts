import { describe, expect, test } from "@jest/globals";
import { loadContent } from "../../../src/engine/context.js";

const { analyser } = loadContent();

/** "concept:stance:depth" for every claim in the text. */
function claims(text: string): string[] {
  return analyser.analyse(text).flatMap((sentence) => sentence.claims.map((claim) => `${claim.concept}:${claim.stance}:${claim.depth}`));
}

describe("a candidate's sentence becomes claims", () => {
  test("a bare list of terms names concepts without explaining any", () => {
    const found = claims("Kafka, Flink, Redis, feature store, XGBoost, canary, PSI, SHAP.");
    expect(found.length).toBeGreaterThanOrEqual(6);
    expect(found.every((claim) => claim.endsWith(":proposes:named"))).toBe(true);
  });

  test("rejected concepts are rejections, each in its own clause", () => {
    const found = claims("We don't need a feature store, and I wouldn't bother with monitoring or drift detection.");
    expect(found.filter((claim) => claim.includes(":rejects:")).map((claim) => claim.split(":")[0])).toEqual(expect.arrayContaining(["feature-store", "monitoring", "drift"]));
    expect(found.some((claim) => claim.includes(":proposes:"))).toBe(false);
  });

  test("a dismissal after the words counts as much as a negation before them", () => {
    expect(claims("A baseline would just waste time.")).toContain("baseline-model:rejects:named");
  });

  test("guarding against a hazard proposes the guard; dismissing the hazard rejects it", () => {
    expect(claims("The feature store does point-in-time joins so there is no label leakage.")).toContain("point-in-time:proposes:explained");
    expect(claims("Training-serving skew isn't really a problem for us.")).toContain("training-serving-skew:rejects:named");
  });

  test("a negation that protects something proposes it", () => {
    expect(claims("Cut fraud losses without hurting approval rate.")).toContain("online-metrics:proposes:named");
  });

  test("double negation proposes", () => {
    expect(claims("We would never launch without an A/B test on approval rate.")).toContain("ab-testing:proposes:named");
  });

  test("a choice against a named alternative rejects it as an alternative, not a dismissal", () => {
    const sentence = analyser.analyse("I'd use gradient-boosted trees rather than a deep neural network because the features are tabular.")[0];
    const deep = sentence?.claims.find((claim) => claim.concept === "deep-learning");
    expect(deep).toMatchObject({ stance: "rejects", alternative: true });
    expect(sentence?.claims.find((claim) => claim.concept === "tree-models")).toMatchObject({ stance: "proposes", depth: "explained" });
  });

  test("a question asks about what it names", () => {
    expect(claims("Do we have chargeback labels, and how quickly do they arrive?")).toContain("delayed-labels:asks:named");
  });
});
