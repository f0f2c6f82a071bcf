// Type-only imports, as in render.ts: the definition is plain data checked against Discord's API types.
import type {
  APIApplicationCommandOptionChoice,
  APIApplicationCommandSubcommandGroupOption,
  APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { ProblemBank } from "../../src/content/bank.js";
import { parseLevel } from "../../src/content/bank.js";
import { LEVELS, type Level } from "../../src/content/levels.js";
import { suggestProblems, suggestTimezones } from "../../src/features/suggestions.js";
import { clip } from "../../src/core/text/clip.js";

export const COMMAND_NAME = "mock-interview";

/** `/mock-interview <subcommand>`: Discord cannot mix options with subcommands, so starting an interview is `start`. */
export const SUBCOMMANDS = {
  start: "start",
  review: "review",
  reviewRequest: "review-request",
  history: "history",
  focus: "focus",
  progress: "progress",
  forgetMe: "forget-me",
  help: "help",
  problems: "problems",
} as const;
/** `/mock-interview schedule weekly|list|off`. */
export const SCHEDULE_GROUP = "schedule";
export const SCHEDULE_SUBCOMMANDS = { weekly: "weekly", list: "list", off: "off" } as const;

export const OPTION_NAMES = {
  level: "level",
  problem: "problem",
  private: "private",
  link: "link",
  reviewers: ["reviewer1", "reviewer2", "reviewer3"],
  day: "day",
  time: "time",
  timezone: "timezone",
} as const;

/** Discord shows at most 25 autocomplete choices, each name and value at most 100 characters. */
export const AUTOCOMPLETE_LIMITS = { choices: 25, name: 100, value: 100 } as const;

export const LEVEL_CHOICE_NAMES = {
  junior: "Junior",
  mid: "Mid-level",
  senior: "Senior",
  staff: "Staff",
} as const satisfies Record<Level, string>;

/** The schedule's day choices, Monday first as most calendars show them; values are what parseWeekly reads. */
export const DAY_CHOICES = [
  { name: "Monday", value: "mon" },
  { name: "Tuesday", value: "tue" },
  { name: "Wednesday", value: "wed" },
  { name: "Thursday", value: "thu" },
  { name: "Friday", value: "fri" },
  { name: "Saturday", value: "sat" },
  { name: "Sunday", value: "sun" },
] satisfies APIApplicationCommandOptionChoice<string>[];

const SUBCOMMAND: ApplicationCommandOptionType.Subcommand = 1;
const SUBCOMMAND_GROUP: ApplicationCommandOptionType.SubcommandGroup = 2;
const STRING: ApplicationCommandOptionType.String = 3;
const BOOLEAN: ApplicationCommandOptionType.Boolean = 5;
const USER: ApplicationCommandOptionType.User = 6;
const IN_GUILDS: InteractionContextType.Guild = 0;
const GUILD_INSTALL: ApplicationIntegrationType.GuildInstall = 0;

const LEVEL_CHOICES = LEVELS.map((level) => ({ name: LEVEL_CHOICE_NAMES[level], value: level }));

/** `/mock-interview start [level] [problem] [private]`: every option optional, as in Slack's `/mock-interview [level] [problem]`. */
export const START_SUBCOMMAND = {
  type: SUBCOMMAND,
  name: SUBCOMMANDS.start,
  description: "Start an ML system design mock interview in a new thread",
  options: [
    {
      type: STRING,
      name: OPTION_NAMES.level,
      description: "Your experience level; sets the problem and the bar",
      required: false,
      choices: LEVEL_CHOICES,
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
} as const satisfies APIApplicationCommandSubcommandOption;

const SCHEDULE_GROUP_OPTION = {
  type: SUBCOMMAND_GROUP,
  name: SCHEDULE_GROUP,
  description: "Weekly practice prompts in this channel",
  options: [
    {
      type: SUBCOMMAND,
      name: SCHEDULE_SUBCOMMANDS.weekly,
      description: "Post a practice problem in this channel every week (replaces this channel's schedule)",
      options: [
        { type: STRING, name: OPTION_NAMES.day, description: "The day of the week", required: true, choices: DAY_CHOICES },
        { type: STRING, name: OPTION_NAMES.time, description: "The time, 24-hour HH:MM, e.g. 09:30", required: true, min_length: 4, max_length: 5 },
        { type: STRING, name: OPTION_NAMES.timezone, description: "An IANA time zone such as Europe/Berlin; UTC if left empty", required: false, autocomplete: true, max_length: 64 },
        { type: STRING, name: OPTION_NAMES.level, description: "The level the weekly problems suit; any level if left empty", required: false, choices: LEVEL_CHOICES },
      ],
    },
    { type: SUBCOMMAND, name: SCHEDULE_SUBCOMMANDS.list, description: "Show this channel's practice schedule" },
    { type: SUBCOMMAND, name: SCHEDULE_SUBCOMMANDS.off, description: "Stop this channel's practice prompts (its creator or a server admin)" },
  ],
} as const satisfies APIApplicationCommandSubcommandGroupOption;

/** The one command, `/mock-interview`, and its subcommands: starting an interview and the team features. */
export const MOCK_INTERVIEW_COMMAND = {
  name: COMMAND_NAME,
  description: "ML system design mock interviews, reviews and weekly practice",
  options: [
    START_SUBCOMMAND,
    {
      type: SUBCOMMAND,
      name: SUBCOMMANDS.review,
      description: "Review a teammate's interview (or press Review on its scorecard)",
      options: [{ type: STRING, name: OPTION_NAMES.link, description: "The interview thread's link (right-click the thread → Copy Link)", required: true, max_length: 200 }],
    },
    {
      type: SUBCOMMAND,
      name: SUBCOMMANDS.reviewRequest,
      description: "Ask up to three teammates to review your latest interview",
      options: OPTION_NAMES.reviewers.map((name, index) => ({ type: USER, name, description: index === 0 ? "A teammate to review it" : "Another teammate", required: index === 0 })),
    },
    SCHEDULE_GROUP_OPTION,
    { type: SUBCOMMAND, name: SUBCOMMANDS.history, description: "Your past interviews and ratings (only you see them)" },
    { type: SUBCOMMAND, name: SUBCOMMANDS.focus, description: "A new interview aimed at your weakest areas" },
    { type: SUBCOMMAND, name: SUBCOMMANDS.progress, description: "A chart of your ratings over time, posted in this channel" },
    { type: SUBCOMMAND, name: SUBCOMMANDS.forgetMe, description: "Delete everything stored about your interviews (asks first)" },
    { type: SUBCOMMAND, name: SUBCOMMANDS.help, description: "How mock interviews and the team features work" },
    { type: SUBCOMMAND, name: SUBCOMMANDS.problems, description: "The problems in the bank" },
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

/** Choices for the `problem` option as the user types (see suggestProblems), within Discord's 25 choices of 100 characters. */
export function autocompleteProblems(bank: ProblemBank, typed: string, options: { level?: Level | undefined } = {}): APIApplicationCommandOptionChoice<string>[] {
  return suggestProblems(bank, typed, { ...options, limit: AUTOCOMPLETE_LIMITS.choices }).map((problem) => ({ name: clip(`${problem.title} (${problem.id})`, AUTOCOMPLETE_LIMITS.name), value: problem.id }));
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

/** Choices for the `timezone` option as the user types (see suggestTimezones). */
export function autocompleteTimezones(typed: string): APIApplicationCommandOptionChoice<string>[] {
  return suggestTimezones(typed, AUTOCOMPLETE_LIMITS.choices).map((zone) => ({ name: zone.replace(/_/g, " "), value: zone }));
}
