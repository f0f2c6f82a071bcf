// Type-only imports, as in render.ts: the definition is plain data checked against Discord's API types.
import type {
  APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { ProblemBank } from "../../src/content/bank.js";
import { parseLevel } from "../../src/content/bank.js";
import { editDistance } from "../../src/content/fuzzy.js";
import type { Problem } from "../../src/content/schemas.js";
import { LEVELS, type Level } from "../../src/engine/levels.js";

export const COMMAND_NAME = "mock-interview";
export const OPTION_NAMES = { level: "level", problem: "problem", private: "private" } as const;

/** Discord shows at most 25 autocomplete choices, each name and value at most 100 characters. */
export const AUTOCOMPLETE_LIMITS = { choices: 25, name: 100, value: 100 } as const;

export const LEVEL_CHOICE_NAMES = {
  junior: "Junior",
  mid: "Mid-level",
  senior: "Senior",
  staff: "Staff",
} as const satisfies Record<Level, string>;

const STRING: ApplicationCommandOptionType.String = 3;
const BOOLEAN: ApplicationCommandOptionType.Boolean = 5;
const IN_GUILDS: InteractionContextType.Guild = 0;
const GUILD_INSTALL: ApplicationIntegrationType.GuildInstall = 0;

/** `/mock-interview [level] [problem] [private]`: every option optional, as in Slack's `/mock-interview [level] [problem]`. */
export const MOCK_INTERVIEW_COMMAND = {
  name: COMMAND_NAME,
  description: "Start an ML system design mock interview in a new thread",
  options: [
    {
      type: STRING,
      name: OPTION_NAMES.level,
      description: "Your experience level; sets the problem and the bar",
      required: false,
      choices: LEVELS.map((level) => ({ name: LEVEL_CHOICE_NAMES[level], value: level })),
    },
    {
      type: STRING,
      name: OPTION_NAMES.problem,
      description: "A problem from the bank; leave empty for one suited to your level",
      required: false,
      autocomplete: true,
      max_length: AUTOCOMPLETE_LIMITS.value,
    },
    {
      type: BOOLEAN,
      name: OPTION_NAMES.private,
      description: "Hold the interview in a private thread (if the server allows them)",
      required: false,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * The body for a bulk overwrite (PUT). Global commands also say where they may run: an interview needs
 * a server channel to open a thread in, so not in DMs. Guild commands take no such fields.
 */
export function commandDefinitions(scope: "guild" | "global"): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  if (scope === "guild") return [MOCK_INTERVIEW_COMMAND];
  return [{ ...MOCK_INTERVIEW_COMMAND, contexts: [IN_GUILDS], integration_types: [GUILD_INSTALL] }];
}

/**
 * Choices for the `problem` option as the user types: problems whose id, alias or title match
 * (exact names first, then prefixes and title words, then anywhere, then slips such as "frud"), only those suited
 * to `level` when one is chosen. Empty text lists the whole bank (for the level) in bank order.
 */
export function autocompleteProblems(bank: ProblemBank, typed: string, options: { level?: Level | undefined } = {}): APIApplicationCommandOptionChoice<string>[] {
  const text = typed.trim().toLowerCase().replace(/\s+/g, " ");
  const pool = options.level ? bank.forLevel(options.level) : [...bank.problems];
  return pool
    .map((problem, order) => ({ problem, order, rank: text ? matchRank(problem, text) : 0 }))
    .filter((entry): entry is { problem: Problem; order: number; rank: number } => entry.rank !== undefined)
    .sort((left, right) => left.rank - right.rank || left.order - right.order)
    .slice(0, AUTOCOMPLETE_LIMITS.choices)
    .map(({ problem }) => ({ name: clip(`${problem.title} (${problem.id})`, AUTOCOMPLETE_LIMITS.name), value: problem.id }));
}

function matchRank(problem: Problem, text: string): number | undefined {
  const dashed = text.replace(/ /g, "-");
  const names = [problem.id, ...problem.aliases];
  const title = problem.title.toLowerCase();
  if (names.includes(dashed)) return 0;
  if (names.some((name) => name.startsWith(dashed))) return 1;
  if (title.startsWith(text) || title.split(/\s+/).some((word) => word.startsWith(text))) return 2;
  // One letter inside a word matches nearly everything; only prefixes count until there are two.
  if (text.length >= 2 && (names.some((name) => name.includes(dashed)) || title.includes(text))) return 3;
  if (dashed.length >= 4 && names.some((name) => isTypoOf(dashed, name))) return 4;
  return undefined;
}

/**
 * Whether `typed` is a slip of the start of `name` ("frud" for "fraud"): the text so far against the
 * name's opening of about the same length, allowing one edit (two from six letters on).
 */
function isTypoOf(typed: string, name: string): boolean {
  const allowed = typed.length >= 6 ? 2 : 1;
  return [typed.length - 1, typed.length, typed.length + 1].some((length) => editDistance(typed, name.slice(0, length)) <= allowed);
}

/** What a `/mock-interview` invocation asks for, from its raw option values. */
export interface StartOptions {
  level?: Level;
  problem?: string;
  private: boolean;
}

/**
 * Reads the options of a `/mock-interview` invocation. Autocomplete only suggests: Discord lets the
 * user send any text as `problem`, so it is resolved against the bank here and an unknown name is a
 * UserInputError naming the closest problems.
 */
export function readStartOptions(bank: ProblemBank, raw: { level?: string | null | undefined; problem?: string | null | undefined; private?: boolean | null | undefined }): StartOptions {
  const level = raw.level ? parseLevel(raw.level) : undefined;
  const problem = raw.problem?.trim() ? bank.resolve(raw.problem).id : undefined;
  return { ...(level ? { level } : {}), ...(problem ? { problem } : {}), private: raw.private ?? false };
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
