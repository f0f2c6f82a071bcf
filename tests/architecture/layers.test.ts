import { describe, expect, test } from "@jest/globals";
import { join } from "node:path";
import { checkLayers } from "../../scripts/check-layers.js";

/** The tree's layers hold: someone reading src/ top-down never meets an import going back up. */
describe("the house's layers", () => {
  const report = checkLayers(join(import.meta.dirname, "..", ".."));

  test("every folder in src/ imports only from layers below it", () => {
    expect(report.violations).toEqual([]);
  });

  test("no folder, at any depth, is part of an import cycle", () => {
    expect(report.cycles).toEqual([]);
  });

  test("the check sees the whole tree", () => {
    expect(report.files).toBeGreaterThan(150);
  });
});
