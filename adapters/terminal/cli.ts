import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import { embeddedApp } from "../../src/app/embedded.js";
import { loadConfig } from "../../src/config/env.js";
import type { Reply } from "../../src/engine/engine.js";
import { isAppError } from "../../src/errors.js";
import { plainText, type OutgoingMessage } from "../../src/messages/message.js";
import { summaryMessage } from "../../src/summary/message.js";
import type { Summary } from "../../src/summary/schema.js";
import { parsePracticeArgs, PRACTICE_USAGE, type PracticeArgs } from "./args.js";
import { colorWanted, renderMessage } from "./render.js";

const THREAD_KEY = `terminal:${process.pid}`;

async function main(argv: readonly string[]): Promise<number> {
  const args = parsePracticeArgs(argv);
  if (args.help) {
    process.stdout.write(`${PRACTICE_USAGE}\n`);
    return 0;
  }
  const app = embeddedApp(loadConfig());
  const candidate = { id: "terminal:candidate", name: args.name ?? defaultName() };
  const out = output(args);
  const interactive = Boolean(process.stdin.isTTY) && !args.json;

  out.replies(await app.engine.start({ threadKey: THREAD_KEY, candidate, level: args.level, problem: args.problem }));

  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    const session = await app.engine.get(THREAD_KEY);
    if (session && session.phase !== "ended") out.replies(await app.engine.act(THREAD_KEY, "end", candidate.id));
    const ended = await app.engine.get(THREAD_KEY);
    if (ended) out.summary(await app.summarizer.summarize(ended));
  };

  const lines = createInterface({ input: process.stdin, terminal: interactive, prompt: interactive ? "you › " : "" });
  const interrupted = new Promise<void>((resolve) => {
    lines.once("SIGINT", resolve);
    process.once("SIGINT", resolve);
  });
  const conversation = (async () => {
    if (interactive) lines.prompt();
    for await (const line of lines) {
      try {
        const reply = await app.engine.receive(THREAD_KEY, { authorId: candidate.id, text: line });
        if (reply) out.replies(reply);
        if (reply?.ended) break;
      } catch (error) {
        if (!isAppError(error)) throw error;
        out.notice(error.message);
      }
      if (interactive) lines.prompt();
    }
  })();
  await Promise.race([conversation, interrupted]);
  lines.close();
  await finish();
  return 0;
}

interface Output {
  replies(reply: Reply): void;
  notice(text: string): void;
  summary(summary: Summary): void;
}

function output(args: PracticeArgs): Output {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  if (args.json) {
    const emit = (message: OutgoingMessage) =>
      write(JSON.stringify({ type: message.kind === "interviewer" ? "interviewer" : "notice", text: plainText(message) }));
    return {
      replies: (reply) => reply.messages.forEach(emit),
      notice: (text) => write(JSON.stringify({ type: "notice", text })),
      summary: (summary) => write(JSON.stringify({ type: "summary", ...summary })),
    };
  }
  const color = colorWanted(process.stdout);
  return {
    replies: (reply) => reply.messages.forEach((message) => write(renderMessage(message, { color }))),
    notice: (text) => write(renderMessage({ kind: "notice", paragraphs: [text] }, { color })),
    summary: (summary) => write(renderMessage(summaryMessage(summary), { color })),
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
