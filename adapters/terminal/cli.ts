import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import { embeddedApp } from "../../src/app/embedded.js";
import { loadConfig } from "../../src/config/env.js";
import { parseLevel } from "../../src/content/bank.js";
import { isAppError } from "../../src/errors.js";
import { LocalThread } from "../../src/app/local-thread.js";
import { plainText, type OutgoingMessage } from "../../src/messages/message.js";
import type { Poster } from "../../src/poster/port.js";
import type { Summary } from "../../src/summary/schema.js";
import { parsePracticeArgs, PRACTICE_USAGE, type PracticeArgs } from "./args.js";
import { colorWanted, renderMessage } from "./render.js";
import { TERMINAL_CANDIDATE, terminalThreadKey } from "./thread-key.js";

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePracticeArgs(argv);
  if (args.help) {
    process.stdout.write(`${PRACTICE_USAGE}\n`);
    return 0;
  }
  const out = output(args);
  const app = embeddedApp(loadConfig(), { poster: out.poster, onSummary: (_job, summary) => out.summary(summary) });
  // Flags are checked before anything starts, so a typo is one line on stderr and exit code 2.
  if (args.level) parseLevel(args.level);
  if (args.problem) app.content.bank.resolve(args.problem);
  const threadKey = terminalThreadKey(process.pid);
  const candidate = { id: TERMINAL_CANDIDATE, name: args.name ?? defaultName() };
  const interactive = Boolean(process.stdin.isTTY) && !args.json;
  // The terminal as a chat host: each line is a message in the one thread, Ctrl+C a press of End.
  // It waits for each answer before the next line, so piped lines are answered one by one.
  const thread = new LocalThread(app, threadKey, candidate);
  await thread.start({ level: args.level, problem: args.problem });

  const lines = createInterface({ input: process.stdin, terminal: interactive, prompt: interactive ? "you › " : "" });
  const interrupted = new Promise<void>((resolve) => {
    lines.once("SIGINT", resolve);
    process.once("SIGINT", resolve);
  });
  const conversation = (async () => {
    if (interactive) lines.prompt();
    for await (const line of lines) {
      await thread.say(line);
      if (await thread.ended()) break;
      if (interactive) lines.prompt();
    }
  })();
  await Promise.race([conversation, interrupted]);
  lines.close();
  // The end of input (or Ctrl+C) ends the interview, as pressing End would; the scorecard follows.
  if (!(await thread.ended())) await thread.press("end");
  await app.settled();
  return 0;
}

interface Output {
  poster: Poster;
  summary(summary: Summary): void;
}

function output(args: PracticeArgs): Output {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  if (args.json) {
    const emit = (message: OutgoingMessage) => {
      // The scorecard is printed whole, as the summary object, when it is posted (see `summary`).
      if (message.kind === "summary") return;
      write(JSON.stringify({ type: message.kind === "interviewer" ? "interviewer" : "notice", text: plainText(message) }));
    };
    return {
      poster: {
        post: async (_key, message) => {
          emit(message);
        },
      },
      summary: (summary) => write(JSON.stringify({ type: "summary", ...summary })),
    };
  }
  const color = colorWanted(process.stdout);
  return {
    poster: {
      post: async (_key, message) => {
        write(renderMessage(message, { color }));
      },
    },
    summary: () => undefined,
  };
}

function defaultName(): string {
  try {
    return userInfo().username || "there";
  } catch {
    return "there";
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Bad input and bad content files get one clear line, never a stack trace.
    if (isAppError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.code === "user-input" ? 2 : 1);
    }
    process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
