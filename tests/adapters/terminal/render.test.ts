import { describe, expect, test } from "@jest/globals";
import { renderMessage } from "../../../adapters/terminal/render.js";

describe("terminal rendering", () => {
  test("an unclosed right-to-left override in a quoted answer does not reach the terminal, so the lines after it read normally", () => {
    const shown = renderMessage({ kind: "summary", heading: "Scorecard for ada", paragraphs: ["Overview"], fields: [{ label: "ML knowledge: Solid", value: "\"I'd track PR-AUC \u202Eenod\"" }] }, { color: false });
    expect(shown).toContain("\"I'd track PR-AUC enod\"");
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
