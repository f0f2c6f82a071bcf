import { describe, expect, test } from "@jest/globals";
import { parseLevel } from "../../src/content/bank.js";
import { loadContent } from "../../src/engine/context.js";
import { UserInputError } from "../../src/core/errors.js";

const { bank } = loadContent();

describe("finding problems", () => {
  test("by id or by any alias, ignoring case and spaces", () => {
    expect(bank.resolve("fraud").id).toBe("fraud");
    expect(bank.resolve("Fraud-Detection").id).toBe("fraud");
    expect(bank.resolve("recsys").id).toBe("video-recs");
    expect(bank.resolve("recommendations").id).toBe("ecommerce-recs");
    expect(bank.resolve("real time bidding").id).toBe("ads-bidding");
  });

  test("an unknown name suggests the closest ids and lists them all", () => {
    expect(() => bank.resolve("frud")).toThrow(UserInputError);
    expect(() => bank.resolve("frud")).toThrow(/Did you mean "fraud"/);
    expect(() => bank.resolve("serch-rankng")).toThrow(/Did you mean "search-ranking"/);
    expect(() => bank.resolve("zzzzzz")).toThrow(/^Unknown problem "zzzzzz"\. Problems: video-recs|Problems: .*video-recs/);
  });

  test("a pick for a level only offers problems suited to it, and prefers the candidate's domain", () => {
    for (const seed of ["a", "b", "c", "d", "e", "f"]) {
      expect(bank.pick("junior", { seed }).levels).toContain("junior");
      expect(bank.pick("staff", { seed }).levels).toContain("staff");
    }
    expect(bank.pick("senior", { seed: "x", domain: "I mostly work on payments" }).id).toBe("fraud");
  });

  test("harder and easier move between levels of the bank", () => {
    const spam = bank.resolve("spam");
    const harder = bank.shift(spam, "harder", "seed");
    expect(harder).toBeDefined();
    expect(Math.max(...(harder?.levels ?? []).map((level) => ["junior", "mid", "senior", "staff"].indexOf(level)))).toBeGreaterThan(1);
    expect(bank.shift(bank.resolve("automl"), "harder", "seed")).toBeUndefined();
  });
});

describe("levels", () => {
  test("are parsed case-insensitively, with common synonyms", () => {
    expect(parseLevel("Senior")).toBe("senior");
    expect(parseLevel("staff+")).toBe("staff");
    expect(parseLevel("principal")).toBe("staff");
  });

  test("an unknown level lists the valid ones", () => {
    expect(() => parseLevel("guru")).toThrow('Unknown level "guru". Valid levels: junior, mid, senior, staff.');
  });
});
