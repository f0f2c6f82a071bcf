import { describe, expect, test } from "@jest/globals";
import { parseSlashText } from "../../src/features/slash-command.js";
import { loadContent } from "../../src/engine/context.js";
import { UserInputError } from "../../src/core/errors.js";

const { bank } = loadContent();

describe("/mock-interview arguments", () => {
  test.each([
    ["", { kind: "start" }],
    ["senior", { kind: "start", level: "senior" }],
    ["senior fraud", { kind: "start", level: "senior", problem: "fraud" }],
    ["Senior Fraud-Detection", { kind: "start", level: "senior", problem: "fraud" }],
    ["fraud", { kind: "start", problem: "fraud" }],
    ["fraud senior", { kind: "start", level: "senior", problem: "fraud" }],
    ["staff real time bidding", { kind: "start", level: "staff", problem: "ads-bidding" }],
    ["help", { kind: "help" }],
    ["problems", { kind: "problems" }],
  ])("%p", (text, expected) => {
    expect(parseSlashText(text, bank)).toEqual(expected);
  });

  test("an unknown problem suggests the closest ids and shows the usage", () => {
    expect(() => parseSlashText("senior frad", bank)).toThrow(UserInputError);
    expect(() => parseSlashText("senior frad", bank)).toThrow(/I don't know "frad"\. Did you mean "fraud"[^\n]*\nUsage: \/mock-interview/);
  });

  test("a misspelt level is recognised as one", () => {
    expect(() => parseSlashText("senoir", bank)).toThrow(/Did you mean level "senior"\?/);
  });
});
