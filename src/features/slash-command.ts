import { parseLevel, type ProblemBank } from "../content/bank.js";
import type { Problem } from "../content/schemas.js";
import { closest } from "../content/fuzzy.js";
import { UserInputError } from "../core/errors.js";
import { LEVELS, type Level } from "../content/levels.js";
import { COMMAND_HELP, COMMANDS } from "../domain/commands.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import { parseWeekly, type WeeklyCadence } from "./schedule/cadence.js";

/** What `/mock-interview <text>` asks for, on any chat platform. */
export type SlashRequest =
  | { kind: "start"; level?: Level; problem?: string }
  | { kind: "help" }
  | { kind: "problems" }
  /** Review a teammate's interview; `link` is the thread's link as the platform shows it. */
  | { kind: "review"; link: string }
  /** Ask teammates to review the caller's latest interview; mentions as the platform escaped them. */
  | { kind: "review-request"; reviewers: string[] }
  | { kind: "schedule-set"; cadence: WeeklyCadence }
  | { kind: "schedule-list" }
  | { kind: "schedule-off" }
  | { kind: "history" }
  | { kind: "focus" }
  | { kind: "progress" }
  | { kind: "forget-me" };

export const SLASH_USAGE = `Usage: /mock-interview [level] [problem]   e.g. /mock-interview senior fraud
Levels: ${LEVELS.join(", ")}. Also: /mock-interview problems, /mock-interview help.`;

export const TEAM_USAGE = [
  "Team practice:",
  "• /mock-interview review <thread link>: review a teammate's interview (or press Review on its scorecard)",
  "• /mock-interview review-request @teammate …: ask teammates to review your latest interview",
  "• /mock-interview schedule weekly <day> <HH:MM> [timezone] [level]: a practice problem in this channel every week",
  "• /mock-interview schedule list, /mock-interview schedule off",
  "• /mock-interview history: your past interviews and ratings (only you see it)",
  "• /mock-interview focus: a new interview aimed at your weakest areas",
  "• /mock-interview progress: a chart of your ratings over time",
  "• /mock-interview forget-me: delete everything stored about your interviews",
].join("\n");

/** Parses the slash command's text; bad input is a UserInputError naming the closest valid choice. */
export function parseSlashText(text: string, bank: ProblemBank): SlashRequest {
  const raw = text.trim().split(/\s+/).filter(Boolean);
  const words = raw.map((word) => word.toLowerCase());
  if (words.length === 0) return { kind: "start" };
  const team = parseTeamWords(raw, words);
  if (team) return team;
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

/** The team sub-commands; undefined when the first word is not one of them (then it is a level or problem). */
function parseTeamWords(raw: string[], words: string[]): SlashRequest | undefined {
  const [first, ...rest] = words;
  const args = raw.slice(1);
  const only = (request: SlashRequest): SlashRequest => {
    if (rest.length) throw new UserInputError(`"/mock-interview ${first}" takes nothing after it.\n${TEAM_USAGE}`);
    return request;
  };
  switch (first) {
    case "review":
      if (args.length !== 1) throw new UserInputError("Usage: /mock-interview review <thread link>. Copy the link of the interview's thread (or press Review on its scorecard).");
      return { kind: "review", link: args[0] ?? "" };
    case "review-request":
      if (!args.length) throw new UserInputError("Usage: /mock-interview review-request @teammate [@teammate …]");
      return { kind: "review-request", reviewers: args };
    case "schedule":
      return parseSchedule(args);
    case "history":
      return only({ kind: "history" });
    case "focus":
      return only({ kind: "focus" });
    case "progress":
      return only({ kind: "progress" });
    case "forget-me":
      return only({ kind: "forget-me" });
    default:
      return undefined;
  }
}

function parseSchedule(args: string[]): SlashRequest {
  const [sub, ...rest] = args.map((arg) => arg.toLowerCase());
  if (sub === "list" && !rest.length) return { kind: "schedule-list" };
  if (sub === "off" && !rest.length) return { kind: "schedule-off" };
  if (sub === "weekly" && rest.length >= 2 && rest.length <= 4) {
    const [day = "", time = "", ...more] = args.slice(1);
    // The optional parts: a level is one of four words, anything else is the time zone.
    const level = more.find((word) => isLevel(word));
    const timezone = more.find((word) => word !== level);
    if (more.length === 2 && (!level || !timezone)) throw new UserInputError(`Usage: /mock-interview schedule weekly <day> <HH:MM> [timezone] [level], e.g. schedule weekly mon 09:30 Europe/Berlin senior`);
    return { kind: "schedule-set", cadence: parseWeekly({ day, time, timezone: timezone ?? null, level: level ?? null }) };
  }
  throw new UserInputError("Usage: /mock-interview schedule weekly <day> <HH:MM> [timezone] [level], schedule list, or schedule off. E.g. schedule weekly mon 09:30 Europe/Berlin senior");
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
      TEAM_USAGE,
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

/**
 * The message opening an interview, above its thread (or first in a private one). `candidate` is
 * how the platform names the candidate there: a display name, or a mention that pings no one.
 * `solo`: the thread is the candidate's alone (an assistant pane), so no teammate is invited in.
 */
export function interviewParentMessage(candidate: string, level: string | undefined, problemTitle: string | undefined, options: { focused?: boolean; solo?: boolean } = {}): OutgoingMessage {
  const kind = options.focused ? "a focused follow-up ML system design interview" : "an ML system design interview";
  const commands = "Type hint, harder, easier, next or end, or use the buttons.";
  return {
    kind: "notice",
    heading: `Mock interview: ${problemTitle ?? "ML system design"}`,
    paragraphs: [
      `${candidate} is practising ${kind}${level ? ` at ${level} level` : ""}. The interview runs in this thread.`,
      options.solo ? `Answer here. ${commands}` : `${candidate}: answer in the thread. ${commands} Teammates are welcome to read along.`,
    ],
  };
}
