import { describe, expect, test } from "@jest/globals";
import { stripBidiControls } from "../../../src/core/text/bidi.js";
import { safeText } from "../../../src/core/text/safe.js";

describe("text safe to show", () => {
  test("explicit direction controls go, so an unclosed override cannot reverse what follows; marks and right-to-left letters stay", () => {
    expect(stripBidiControls("I'd use PR-AUC \u202Eevil\u202C and \u2067isolated\u2069.")).toBe("I'd use PR-AUC evil and isolated.");
    expect(stripBidiControls("שלום \u200Fworld")).toBe("שלום \u200Fworld");
  });

  test("lone surrogates go and whole pairs stay", () => {
    const halfEmoji = "😀".slice(0, 1);
    expect(safeText(`fraud ${halfEmoji}😀 ${"😀".slice(1)}end\u202E`)).toBe("fraud 😀 end");
  });
});
