import { parseLevel, type ProblemBank } from "../content/bank.js";
import type { Problem } from "../content/schemas.js";
import { closest } from "../content/fuzzy.js";
import { UserInputError } from "../errors.js";
import { LEVELS, type Level } from "../engine/levels.js";
import { COMMAND_HELP, COMMANDS } from "../engine/commands.js";
import type { OutgoingMessage } from "../messages/message.js";

/** What `/mock-interview <text>` asks for, on any chat platform. */
export type SlashRequest = { kind: "start"; level?: Level; problem?: string } | { kind: "help" } | { kind: "problems" };

export const SLASH_USAGE = `Usage: /mock-interview [level] [problem]   e.g. /mock-interview senior fraud
Levels: ${LEVELS.join(", ")}. Also: /mock-interview problems, /mock-interview help.`;

/** Parses the slash command's text; bad input is a UserInputError naming the closest valid choice. */
export function parseSlashText(text: string, bank: ProblemBank): SlashRequest {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: "start" };
  if (words.length === 1 && (words[0] === "help" || words[0] === "?")) return { kind: "help" };
  if (words.length === 1 && (words[0] === "problems" || words[0] === "list")) return { kind: "problems" };
  let level: Level | undefined;
  let rest = words;
  const first = words[0] ?? "";
  if (isLevel(first)) {
    level = parseLevel(first);
    rest = words.slice(1);
  }
  if (rest.length === 0) return level ? { kind: "start", level } : { kind: "start" };
  const name = rest.join("-");
  const problem = bank.find(name);
  if (problem) return { kind: "start", ...(level ? { level } : {}), problem: problem.id };
  if (!level && rest.length > 1 && isLevel(rest[rest.length - 1] ?? "")) {
    // "/mock-interview fraud senior": the same request with the words the other way round.
    return parseSlashText([rest[rest.length - 1], ...rest.slice(0, -1)].join(" "), bank);
  }
  const levelGuess = !level ? closest(first, [...LEVELS], 1)[0] : undefined;
  const problemGuesses = [...new Set(closest(name, [...bank.ids, ...bank.problems.flatMap((entry) => entry.aliases)]).map((match) => bank.find(match)?.id ?? match))];
  const guess = levelGuess && rest.length === 1 ? `level "${levelGuess}"` : problemGuesses.length ? problemGuesses.map((id) => `"${id}"`).join(" or ") : undefined;
  throw new UserInputError(
    `I don't know "${rest.join(" ")}".${guess ? ` Did you mean ${guess}?` : ""}\n${SLASH_USAGE}\nProblems: ${bank.ids.join(", ")}.`,
  );
}

function isLevel(word: string): boolean {
  try {
    parseLevel(word);
    return true;
  } catch {
    return false;
  }
}

export function helpMessage(): OutgoingMessage {
  return {
    kind: "notice",
    heading: "Mock Interview",
    paragraphs: [
      "Practise an ML system design interview in a thread with a production-minded principal ML engineer. It asks the first question at once, paces the phases, and ends with a scorecard of named ratings backed by quotes from your answers.",
      SLASH_USAGE,
      ["In the thread, reply with your answers. You can also type:", ...COMMANDS.map((name) => `• ${name}: ${COMMAND_HELP[name]}`)].join("\n"),
    ],
  };
}

export function problemsMessage(bank: ProblemBank): OutgoingMessage {
  return {
    kind: "notice",
    heading: "Problems",
    paragraphs: [bank.problems.map((problem) => `• ${problem.id}: ${problem.title} (${problem.levels.join(", ")})`).join("\n")],
  };
}

/**
 * The problem an interview will open with, when it can be known before it starts: the one asked
 * for, or a pick suited to the level. Adapters name it in the thread's parent message and pass it
 * on, so the engine opens with the same problem. Without a level the interviewer asks first.
 */
export function plannedProblem(request: { level?: Level; problem?: string }, bank: ProblemBank, seed: string): Problem | undefined {
  if (request.problem) return bank.find(request.problem);
  if (request.level) return bank.pick(request.level, { seed });
  return undefined;
}
