import { parseArgs } from "node:util";
import { UserInputError } from "../../src/core/errors.js";

/** What the practice command can do besides an interview: the solo side of the team features, as the slash command names them. */
export const PRACTICE_COMMANDS = ["history", "focus", "progress", "forget-me"] as const;
export type PracticeCommand = { kind: (typeof PRACTICE_COMMANDS)[number] };

export interface PracticeArgs {
  /** Absent: run an interview. */
  command?: PracticeCommand;
  level?: string;
  problem?: string;
  name?: string;
  /** `--data DIR`: where interviews and scorecards are kept between runs. */
  data?: string;
  /** `--images DIR`: where pictures (the progress chart) are written. */
  images?: string;
  /** `forget-me --yes`: delete without asking. */
  yes: boolean;
  json: boolean;
  help: boolean;
}

export const PRACTICE_USAGE = `Usage: npm run practice -- [--level junior|mid|senior|staff] [--problem <id>] [--name <your name>] [--json] [--data DIR]
       npm run practice -- history | focus | progress [--images DIR] | forget-me [--yes]

Runs an ML system design mock interview in this terminal. Type your answers; type hint, harder,
easier, next, end or help at any time. With piped input each line is one message and the end of
input ends the interview. --json prints one JSON object per line.

Interviews and scorecards are kept in --data DIR (default $XDG_DATA_HOME/mock-interview, else
~/.local/share/mock-interview): history lists them, focus starts an interview aimed at your
weakest areas, progress writes a chart of your ratings as a PNG, forget-me deletes them.`;

/** Parses the practice command's flags; a bad flag is a UserInputError with the usage attached. */
export function parsePracticeArgs(argv: readonly string[]): PracticeArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        level: { type: "string", short: "l" },
        problem: { type: "string", short: "p" },
        name: { type: "string", short: "n" },
        data: { type: "string" },
        images: { type: "string" },
        yes: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    const args: PracticeArgs = { json: values.json ?? false, help: values.help ?? false, yes: values.yes ?? false };
    if (positionals.length > 1) throw new Error(`one command at a time, not "${positionals.join(" ")}"`);
    const [command] = positionals;
    if (command !== undefined) {
      const known = PRACTICE_COMMANDS.find((name) => name === command);
      if (!known) throw new Error(`unknown command "${command}" (commands: ${PRACTICE_COMMANDS.join(", ")})`);
      args.command = { kind: known };
    }
    if (values.level !== undefined) args.level = values.level;
    if (values.problem !== undefined) args.problem = values.problem;
    if (values.name !== undefined) args.name = values.name;
    if (values.data !== undefined) args.data = values.data;
    if (values.images !== undefined) args.images = values.images;
    return args;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserInputError(`${reason}\n${PRACTICE_USAGE}`);
  }
}
