import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { embeddedApp, type EmbeddedApp } from "../../src/app/embedded.js";
import { LocalThread } from "../../src/app/local-thread.js";
import { loadConfig } from "../../src/config/env.js";
import { parseLevel } from "../../src/content/bank.js";
import { isAppError } from "../../src/core/errors.js";
import { plainText, type OutgoingMessage } from "../../src/core/messages/message.js";
import type { Summary } from "../../src/domain/summary.js";
import type { Focus } from "../../src/domain/focus.js";
import { NOTHING_DELETED } from "../../src/features/team/forget.js";
import { resolveDataDir } from "../../src/infra/embedded/data-dir.js";
import type { Image, Poster } from "../../src/ports/poster.js";
import { parsePracticeArgs, PRACTICE_USAGE, type PracticeArgs } from "./args.js";
import { colorWanted, renderMessage } from "./render.js";
import { terminalThreadKey, terminalUserKey } from "./thread-key.js";

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePracticeArgs(argv);
  if (args.help) {
    process.stdout.write(`${PRACTICE_USAGE}\n`);
    return 0;
  }
  const out = output(args);
  const app = embeddedApp(loadConfig(), { poster: out.poster, dataDir: resolveDataDir(args.data), onSummary: (_job, summary) => out.summary(summary) });
  const name = args.name ?? defaultName();
  const user = terminalUserKey(accountName());
  // Made when input is first wanted: readline starts reading at once, and lines read before the
  // loop listens would be lost (piped input arrives all at once).
  let made: Interface | undefined;
  const lines = () => (made ??= createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) && !args.json, prompt: "" }));
  try {
    switch (args.command) {
      case "history":
        out.show(await app.team.history(user));
        return 0;
      case "progress":
        out.show(await app.team.progress(user, user));
        return 0;
      case "forget-me":
        return await forgetMe(app, user, args, out, lines);
      case "focus": {
        const plan = await app.team.focus(user);
        out.show({ kind: "notice", paragraphs: [plan.reason] });
        return await interview(app, { id: user, name }, { level: plan.level ?? undefined, problem: plan.problemId, focus: plan.focus }, args, lines);
      }
      default:
        // Flags are checked before anything starts, so a typo is one line on stderr and exit code 2.
        if (args.level) parseLevel(args.level);
        if (args.problem) app.content.bank.resolve(args.problem);
        return await interview(app, { id: user, name }, { level: args.level, problem: args.problem }, args, lines);
    }
  } finally {
    made?.close();
  }
}

/**
 * The terminal as a chat host: each line is a message in the interview's thread, Ctrl+C or the
 * end of input a press of End. It waits for each answer before the next line, as a person at a
 * prompt does, so piped lines are answered one by one; the scorecard comes from the summary job.
 */
async function interview(
  app: EmbeddedApp,
  candidate: { id: string; name: string },
  request: { level?: string | undefined; problem?: string | undefined; focus?: Focus },
  args: PracticeArgs,
  input: () => Interface,
): Promise<number> {
  const interactive = Boolean(process.stdin.isTTY) && !args.json;
  const thread = new LocalThread(app, terminalThreadKey(`${Date.now()}-${process.pid}`), candidate);
  await thread.start(request);
  const lines = input();
  lines.setPrompt(interactive ? "you › " : "");
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
  if (!(await thread.ended())) await thread.press("end");
  await app.settled();
  return 0;
}

/** Forget-me asks first, as the chat platforms' buttons do: `--yes`, or a yes typed (or piped) at the question. */
async function forgetMe(app: EmbeddedApp, user: string, args: PracticeArgs, out: Output, input: () => Interface): Promise<number> {
  const prompt = await app.team.forgetPrompt(user);
  out.show({ ...prompt, buttons: [] });
  const confirm = prompt.buttons?.find((button) => button.action === "forget-confirm");
  if (!confirm) return 0;
  const answer = args.yes ? "yes" : await ask(input(), `${confirm.label}? [y/N] `);
  out.show(/^y(es)?$/i.test(answer.trim()) ? await app.team.forget(user) : NOTHING_DELETED);
  return 0;
}

function ask(lines: Interface, question: string): Promise<string> {
  return new Promise((resolve) => {
    lines.once("close", () => resolve(""));
    lines.question(question, resolve);
  });
}

interface Output {
  poster: Poster;
  show(message: OutgoingMessage): void;
  summary(summary: Summary): void;
}

function output(args: PracticeArgs): Output {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const images = imageFolder(args, write);
  const color = colorWanted(process.stdout);
  const show = args.json
    ? (message: OutgoingMessage) => {
        // The scorecard is printed whole, as the summary object, when it is posted (see `summary`).
        if (message.kind === "summary") return;
        write(JSON.stringify({ type: message.kind === "interviewer" ? "interviewer" : "notice", text: plainText(message) }));
      }
    : (message: OutgoingMessage) => write(renderMessage(message, { color }));
  return {
    poster: {
      post: async (_key, message) => show(message),
      postImage: async (_key, image, message) => {
        const path = images.write(image);
        if (args.json) write(JSON.stringify({ type: "image", path, alt: image.alt }));
        else show({ ...message, paragraphs: [...message.paragraphs, path] });
      },
    },
    show,
    summary: (summary) => {
      if (args.json) write(JSON.stringify({ type: "summary", ...summary }));
    },
  };
}

/** PNGs go to `--images DIR`, else a new folder under the OS temp dir, made when the first picture is written. */
function imageFolder(args: PracticeArgs, write: (line: string) => void): { write(image: Image): string } {
  let folder: string | undefined;
  return {
    write: (image) => {
      if (!folder) {
        folder = args.images ? resolve(args.images) : mkdtempSync(join(tmpdir(), "mock-interview-"));
        mkdirSync(folder, { recursive: true });
        if (!args.images && !args.json) write(folder);
      }
      const path = join(folder, image.filename);
      writeFileSync(path, image.png);
      return path;
    },
  };
}

function accountName(): string {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9._-]/g, "_") || "me";
  } catch {
    return "me";
  }
}

function defaultName(): string {
  try {
    return userInfo().username || "there";
  } catch {
    return "there";
  }
}

// Output piped into something that stopped reading (`| head`): nothing more can be shown, so stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

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
