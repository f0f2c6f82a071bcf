import { describe, expect, test } from "@jest/globals";
import { UserInputError } from "../../src/core/errors.js";
import { loadContent } from "../../src/engine/context.js";
import { ASSISTANT_PROMPTS, assistantRequest, promptRequest } from "../../src/features/assistant.js";
import { parseSlashText } from "../../src/features/slash-command.js";

const { bank } = loadContent();

describe("the assistant pane's requests", () => {
  test("each suggested prompt asks for what its slash command would", () => {
    expect(promptRequest("Start a senior fraud interview", bank)).toEqual(parseSlashText("senior fraud", bank));
    expect(promptRequest("Practise my weakest areas", bank)).toEqual({ kind: "focus" });
    expect(promptRequest("Show my progress", bank)).toEqual({ kind: "progress" });
    expect(ASSISTANT_PROMPTS).toHaveLength(3);
  });

  test("a prompt typed by hand counts, whatever its case and spacing; an answer that merely mentions one does not", () => {
    expect(promptRequest("  show   my PROGRESS ", bank)).toEqual({ kind: "progress" });
    expect(promptRequest("I'd show my progress to the stakeholders weekly", bank)).toBeUndefined();
  });

  test("other words read as after /mock-interview, with or without the command itself", () => {
    expect(assistantRequest("mid news feed", bank)).toEqual({ kind: "start", level: "mid", problem: "news-feed" });
    expect(assistantRequest("/mock-interview help", bank)).toEqual({ kind: "help" });
  });

  test("unknown words get the slash command's correction; schedules and reviews point to a channel", () => {
    expect(() => assistantRequest("senior frud", bank)).toThrow(/Did you mean "fraud"/);
    expect(() => assistantRequest("schedule weekly mon 09:30", bank)).toThrow(UserInputError);
    expect(() => assistantRequest("schedule weekly mon 09:30", bank)).toThrow(/\/mock-interview schedule works in a channel/);
    expect(() => assistantRequest("review https://acme.slack.com/archives/C1/p1732291201000100", bank)).toThrow(/\/mock-interview review works in a channel/);
  });
});
