import type { ChatInputCommandInteraction } from "discord.js";
import type { ProblemBank } from "../../src/content/bank.js";
import { UserInputError } from "../../src/core/errors.js";
import { botCannotReview } from "../../src/features/copy.js";
import type { Request } from "../../src/features/requests.js";
import { parseWeekly } from "../../src/features/schedule/cadence.js";
import { OPTION_NAMES, readStartOptions, SCHEDULE_GROUP, SCHEDULE_SUBCOMMANDS, SUBCOMMANDS } from "./commands.js";

/** Whether the invocation is `review`, which must answer with a modal and so cannot be deferred. */
export function isReview(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getSubcommandGroup(false) === null && interaction.options.getSubcommand(false) === SUBCOMMANDS.review;
}

/**
 * Reads the invocation as the features' request: the same requests as typed words, with start's
 * private option, and review-request carrying Discord user ids without repeats. Options Discord validated (choices, required users) are read as given; free
 * text (a problem name, a time, a time zone) is checked here, and bad input is a UserInputError.
 */
export function readRequest(interaction: ChatInputCommandInteraction, bank: ProblemBank): Request {
  const { options } = interaction;
  if (options.getSubcommandGroup(false) === SCHEDULE_GROUP) {
    const sub = options.getSubcommand(true);
    if (sub === SCHEDULE_SUBCOMMANDS.list) return { kind: "schedule-list" };
    if (sub === SCHEDULE_SUBCOMMANDS.off) return { kind: "schedule-off" };
    const cadence = parseWeekly({
      day: options.getString(OPTION_NAMES.day, true),
      time: options.getString(OPTION_NAMES.time, true),
      timezone: options.getString(OPTION_NAMES.timezone),
      level: options.getString(OPTION_NAMES.level),
    });
    return { kind: "schedule-set", cadence };
  }
  // A command registered before the subcommands has none: treat it as start, as it was then.
  switch (options.getSubcommand(false) ?? SUBCOMMANDS.start) {
    case SUBCOMMANDS.help:
      return { kind: "help" };
    case SUBCOMMANDS.problems:
      return { kind: "problems" };
    case SUBCOMMANDS.review:
      return { kind: "review", link: options.getString(OPTION_NAMES.link, true) };
    case SUBCOMMANDS.reviewRequest:
      return { kind: "review-request", reviewers: readReviewers(interaction) };
    case SUBCOMMANDS.history:
      return { kind: "history" };
    case SUBCOMMANDS.focus:
      return { kind: "focus" };
    case SUBCOMMANDS.progress:
      return { kind: "progress" };
    case SUBCOMMANDS.forgetMe:
      return { kind: "forget-me" };
    default:
      return readStart(interaction, bank);
  }
}

/** Discord has no free text for start, so "help" and "problems" typed as the problem still answer as before. */
function readStart(interaction: ChatInputCommandInteraction, bank: ProblemBank): Request {
  const problem = interaction.options.getString(OPTION_NAMES.problem);
  const word = problem?.trim().toLowerCase();
  if (word === "help" || word === "?") return { kind: "help" };
  if (word === "problems" || word === "list") return { kind: "problems" };
  return { kind: "start", ...readStartOptions(bank, { level: interaction.options.getString(OPTION_NAMES.level), problem, private: interaction.options.getBoolean(OPTION_NAMES.private) }) };
}

/** The users picked, without repeats. A bot cannot review (nor read a direct message), so naming one is a mistake to point out. */
function readReviewers(interaction: ChatInputCommandInteraction): string[] {
  const users = OPTION_NAMES.reviewers.flatMap((name) => {
    const user = interaction.options.getUser(name);
    return user ? [user] : [];
  });
  const bot = users.find((user) => user.bot);
  if (bot) throw new UserInputError(botCannotReview(bot.displayName));
  return [...new Set(users.map((user) => user.id))];
}
