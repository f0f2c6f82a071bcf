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
import type { FeatureDeps, Reply } from "../../src/features/host.js";
import { RecentPresses } from "../../src/features/recent-presses.js";
import { handlePress, handleRequest, type Request } from "../../src/features/requests.js";
import { silentLogger } from "../../src/ops/logger.js";
import { resolveDataDir } from "../../src/infra/embedded/data-dir.js";
import type { Image, Poster } from "../../src/ports/poster.js";
import { parsePracticeArgs, PRACTICE_USAGE, type PracticeArgs } from "./args.js";
import { FencedBlock } from "./fenced-block.js";
import { colorWanted, renderMessage } from "./render.js";
import { TerminalHost, terminalCaller } from "./host.js";
import { TerminalLive } from "./live.js";

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePracticeArgs(argv);
  if (args.help) {
    process.stdout.write(`${PRACTICE_USAGE}\n`);
    return 0;
  }
  const out = output(args);
  const app = embeddedApp(loadConfig(), { poster: out.poster, dataDir: resolveDataDir(args.data), onSummary: (_job, summary) => out.summary(summary) });
  // Flags are checked before anything starts, so a typo is one line on stderr and exit code 2.
  const level = args.level ? parseLevel(args.level) : undefined;
  const problem = args.problem ? app.content.bank.resolve(args.problem).id : undefined;
  // One run is one thread; the account names the practitioner across runs, so history finds them.
  const run = `${Date.now()}-${process.pid}`;
  const caller = terminalCaller(run, accountName(), args.name ?? defaultName());
  // The terminal shows the interview itself at once: no parent message to post above it.
  const host = new TerminalHost(run, () => undefined);
  const features: FeatureDeps = { intake: app.intake, bank: app.content.bank, services: app.services, logger: silentLogger, presses: new RecentPresses() };
  // Made when input is first wanted: readline starts reading at once, and lines read before the
  // loop listens would be lost (piped input arrives all at once).
  let made: Interface | undefined;
  const lines = () => (made ??= createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) && !args.json, prompt: "" }));
  const request: Request = args.command ?? { kind: "start", ...(level ? { level } : {}), ...(problem ? { problem } : {}) };
  try {
    const reply = await handleRequest(request, caller, host, features);
    await app.settled();
    show(reply, out);
    const thread = new LocalThread(app, caller.channel, { id: caller.user, name: caller.name });
    if (await thread.session()) return await interview(app, thread, args, lines);
    const confirm = reply.kind === "tell" ? reply.message.buttons?.find((button) => button.action === "forget-confirm") : undefined;
    if (confirm) {
      // Forget-me asks first, as the chat platforms' buttons do: --yes, or a yes typed (or piped) at the question.
      const answer = args.yes ? "yes" : await ask(lines(), `${confirm.label}? [y/N] `);
      const action = /^y(es)?$/i.test(answer.trim()) ? "forget-confirm" : "forget-cancel";
      show(await handlePress({ action, value: confirm.value, thread: undefined, source: run }, caller, host, features), out);
    }
    return reply.kind === "tell" && reply.message.kind === "error" ? 1 : 0;
  } finally {
    made?.close();
  }
}

/** What the features answered, shown as the terminal shows any message (buttons become the question forget-me asks). */
function show(reply: Reply, out: Output): void {
  if (reply.kind === "tell" || reply.kind === "replace") out.show({ ...reply.message, buttons: [] });
}

/**
 * The terminal as a chat host: each line is a message in the interview's thread, Ctrl+C or the
 * end of input a press of End. It waits for each answer before the next line, as a person at a
 * prompt does, so piped lines are answered one by one; the scorecard comes from the summary job.
 */
async function interview(app: EmbeddedApp, thread: LocalThread, args: PracticeArgs, input: () => Interface): Promise<number> {
  const interactive = Boolean(process.stdin.isTTY) && !args.json;
  const lines = input();
  lines.setPrompt(interactive ? "you › " : "");
  const interrupted = new Promise<void>((resolve) => {
    lines.once("SIGINT", resolve);
    process.once("SIGINT", resolve);
  });
  const conversation = (async () => {
    if (interactive) lines.prompt();
    const block = new FencedBlock();
    for await (const line of lines) {
      const message = block.add(line);
      if (message === undefined) continue;
      await thread.say(message);
      if (await thread.ended()) break;
      if (interactive) lines.prompt();
    }
    const unclosed = block.rest();
    if (unclosed !== undefined && !(await thread.ended())) await thread.say(unclosed);
  })();
  await Promise.race([conversation, interrupted]);
  if (!(await thread.ended())) await thread.press("end");
  await app.settled();
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
  const live = new TerminalLive({
    write: (text) => process.stdout.write(text),
    columns: () => (process.stdout.isTTY && !args.json ? process.stdout.columns : undefined),
    color,
    json: args.json,
  });
  const show = args.json
    ? (message: OutgoingMessage) => {
        // The scorecard is printed whole, as the summary object, when it is posted (see `summary`).
        if (message.kind === "summary") return;
        write(JSON.stringify({ type: message.kind === "interviewer" ? "interviewer" : "notice", text: plainText(message) }));
      }
    : (message: OutgoingMessage) => write(renderMessage(message, { color }));
  return {
    poster: {
      post: async (_key, message, options) => {
        // A reply the terminal streamed is finished in place; otherwise (or after erasing it) it is printed whole.
        if (!(options?.replaces && live.replace(options.replaces, message))) show(message);
      },
      live: (_key, options) => live.open(options),
      postImage: async (_key, image, message) => {
        const path = images.write(image);
        if (args.json) write(JSON.stringify({ type: "image", ...(image.kind === "diagram" || image.kind === "design" ? { kind: image.kind } : {}), path, alt: image.alt }));
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
