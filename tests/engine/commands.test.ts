import { describe, expect, test } from "@jest/globals";
import { parseCommand } from "../../src/domain/commands.js";

describe("in-interview commands", () => {
  test.each([
    ["hint", "hint"],
    ["  HINT  ", "hint"],
    ["/hint", "hint"],
    ["give me a hint", "hint"],
    ["harder", "harder"],
    ["Easier.", "easier"],
    ["next phase", "next"],
    ["skip", "next"],
    ["end", "end"],
    ["end interview", "end"],
    ["quit", "end"],
    ["help", "help"],
    ["?", "help"],
  ])("%p is the %p command", (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  test.each([
    "I'd give a hint to the ranking model via features",
    "next I would add a feature store",
    "the end-to-end latency is 100 ms",
    "hints",
  ])("an answer that merely contains a command word is still an answer: %p", (text) => {
    expect(parseCommand(text)).toBeNull();
  });
});
