import { describe, expect, test } from "@jest/globals";
import { splitText } from "../../../adapters/shared/split-text.js";

describe("splitting long text for chat limits", () => {
  test("short text stays whole", () => {
    expect(splitText("One paragraph.", 100)).toEqual(["One paragraph."]);
  });

  test("prefers paragraph breaks and loses no words", () => {
    const paragraphs = Array.from({ length: 6 }, (_, index) => `Paragraph ${index} ${"word ".repeat(60).trim()}.`);
    const text = paragraphs.join("\n\n");
    const pieces = splitText(text, 1_000);
    expect(pieces.every((piece) => piece.length <= 1_000)).toBe(true);
    expect(pieces.every((piece) => /^Paragraph \d/.test(piece))).toBe(true);
    expect(pieces.join(" ").split(/\s+/).length).toBe(text.split(/\s+/).length);
  });

  test("falls back to sentence ends, then spaces, then a hard cut", () => {
    const sentences = "This is a sentence that runs on. ".repeat(100).trim();
    for (const piece of splitText(sentences, 200)) {
      expect(piece.length).toBeLessThanOrEqual(200);
      expect(piece.endsWith(".")).toBe(true);
    }
    const unbroken = "x".repeat(450);
    expect(splitText(unbroken, 200)).toEqual(["x".repeat(200), "x".repeat(200), "x".repeat(50)]);
  });

  test("a hard cut through an emoji run falls between emoji, so no piece holds half of one", () => {
    const run = `Fraud${"😀".repeat(150)}`;
    const pieces = splitText(run, 100);
    expect(pieces.join("")).toBe(run);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(100);
      expect(piece).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});
