import type { Problem } from "../../content/schemas.js";
import type { Level } from "../../content/levels.js";
import type { OutgoingMessage } from "../../core/messages/message.js";
import { practiceStartValue } from "../team/port.js";

export const PRACTICE_HEADING = "Practice problem of the week";

/** The weekly post: the problem, what it asks, and a Start button that opens an interview on it. */
export function practicePrompt(problem: Problem, level: Level | null): OutgoingMessage {
  return {
    kind: "notice",
    heading: PRACTICE_HEADING,
    paragraphs: [problem.title, problem.statement.prompt, `Press Start to practise it in a thread of your own${level ? ` at ${level} level` : ""}.`],
    buttons: [{ action: "practice-start", label: "Start", value: practiceStartValue(problem.id, level), style: "primary" }],
  };
}
