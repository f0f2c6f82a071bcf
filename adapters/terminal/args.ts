import { parseArgs } from "node:util";
import { UserInputError } from "../../src/core/errors.js";

export interface PracticeArgs {
  level?: string;
  problem?: string;
  name?: string;
  json: boolean;
  help: boolean;
}

export const PRACTICE_USAGE = `Usage: npm run practice -- [--level junior|mid|senior|staff] [--problem <id>] [--name <your name>] [--json]

Runs an ML system design mock interview in this terminal. Type your answers; type hint, harder,
easier, next, end or help at any time. With piped input each line is one message and the end of
input ends the interview. --json prints one JSON object per line.`;

/** Parses the practice command's flags; a bad flag is a UserInputError with the usage attached. */
export function parsePracticeArgs(argv: readonly string[]): PracticeArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        level: { type: "string", short: "l" },
        problem: { type: "string", short: "p" },
        name: { type: "string", short: "n" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const args: PracticeArgs = { json: values.json ?? false, help: values.help ?? false };
    if (values.level !== undefined) args.level = values.level;
    if (values.problem !== undefined) args.problem = values.problem;
    if (values.name !== undefined) args.name = values.name;
    return args;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserInputError(`${reason}\n${PRACTICE_USAGE}`);
  }
}
