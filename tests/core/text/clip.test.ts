import { describe, expect, test } from "@jest/globals";
import { clip, graphemePrefix } from "../../../src/core/text/clip.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FAMILY = "👨‍👩‍👧"; // three people joined by zero-width joiners: eight code units, one character on screen
const FLAG = "🇫🇷"; // two regional indicators

describe("cutting text between graphemes", () => {
  test("an emoji run is cut before the emoji that would not fit, never through its surrogate pair", () => {
    const text = `PR-AUC suits rare fraud${"😀".repeat(150)}`;
    for (const limit of [24, 25, 26, 279, 280, 281]) {
      const cut = graphemePrefix(text, limit);
      expect(cut.length).toBeLessThanOrEqual(limit);
      expect(cut.length).toBeGreaterThanOrEqual(limit - 1);
      expect(cut).not.toMatch(LONE_SURROGATE);
      expect(text.startsWith(cut)).toBe(true);
    }
  });

  test("joined emoji, flags and accented letters stay whole", () => {
    expect(graphemePrefix(`ab${FAMILY}`, 9)).toBe("ab");
    expect(graphemePrefix(`ab${FAMILY}`, 10)).toBe(`ab${FAMILY}`);
    expect(graphemePrefix(`${FLAG}${FLAG}`, 7)).toBe(FLAG);
    expect(graphemePrefix("cafe\u0301s", 4)).toBe("caf");
  });

  test("a single grapheme longer than the limit is cut between code points, so a hard cut always makes progress", () => {
    const zalgo = `e${"\u0301".repeat(50)}`;
    expect(graphemePrefix(zalgo, 10)).toHaveLength(10);
    expect(graphemePrefix(`${FAMILY}x`, 4)).toBe("👨\u200D");
  });

  test("clip keeps short text whole and ends long text with an ellipsis inside the limit", () => {
    expect(clip("short", 10)).toBe("short");
    const clipped = clip(`Scorecard for ${"🔥".repeat(200)}`, 256);
    expect(clipped.length).toBeLessThanOrEqual(256);
    expect(clipped.endsWith("🔥…")).toBe(true);
    expect(clipped).not.toMatch(LONE_SURROGATE);
    expect(clip("abcdef", 4, "...")).toBe("a...");
  });
});
