import type { ProblemBank } from "../content/bank.js";
import { UserInputError } from "../core/errors.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import { COMMAND, notice } from "./copy.js";
import { failureMessage, handleRequest, type Request } from "./requests.js";
import type { Caller, FeatureDeps, Host, Reply } from "./host.js";
import { parseSlashText } from "./slash-command.js";

/**
 * A platform's assistant pane (Slack's Agents & AI Apps): a private thread beside whatever the
 * user is viewing, where suggested prompts start the same requests as the slash command and the
 * interview then runs in that thread. The words here are the pane's; adapters only draw them.
 */

/** One suggestion the pane offers: its label, the message it sends as the user's, and the command words it stands for. */
export interface AssistantPrompt {
  title: string;
  message: string;
  command: string;
}

export const ASSISTANT_PROMPTS = [
  { title: "Senior fraud interview", message: "Start a senior fraud interview", command: "senior fraud" },
  { title: "My weakest areas", message: "Practise my weakest areas", command: "focus" },
  { title: "My progress", message: "Show my progress", command: "progress" },
] as const satisfies readonly AssistantPrompt[];

export const ASSISTANT_PROMPTS_TITLE = "Try one of these:";

/** The thread's status while the interviewer writes its reply (the platform shows it after the app's name). */
export const ASSISTANT_THINKING = "is thinking…";

export const ASSISTANT_WELCOME: OutgoingMessage = notice(
  "Hi! I run ML system design mock interviews, right here in this thread.",
  `Pick a suggestion, or type what you would after ${COMMAND}: for example senior fraud, problems or help.`,
);

/** Requests that need a channel (schedules post into one) or a form the pane cannot open from a message (review). */
const CHANNEL_ONLY: ReadonlySet<Request["kind"]> = new Set(["review", "schedule-set", "schedule-list", "schedule-off"]);

export function channelOnly(words: string): string {
  return `${COMMAND} ${words} works in a channel, not here: run it there.`;
}

/** The request one of the suggested prompts stands for, when `text` is one (as the pane sends it, or typed alike). */
export function promptRequest(text: string, bank: ProblemBank): Request | undefined {
  const typed = text.trim().replace(/\s+/g, " ").toLowerCase();
  const prompt = ASSISTANT_PROMPTS.find((candidate) => candidate.message.toLowerCase() === typed);
  return prompt ? parseSlashText(prompt.command, bank) : undefined;
}

/**
 * What a message in an assistant thread without an interview asks for: a suggested prompt, or the
 * words the user would type after the slash command (a leading `/mock-interview` allowed). Bad
 * words are the slash command's UserInputError; what only works in a channel says so.
 */
export function assistantRequest(text: string, bank: ProblemBank): Request {
  const prompt = promptRequest(text, bank);
  if (prompt) return prompt;
  const words = text.trim().replace(new RegExp(`^${COMMAND}\\b`), "").trim();
  const request = parseSlashText(words, bank);
  if (CHANNEL_ONLY.has(request.kind)) throw new UserInputError(channelOnly(words.split(/\s+/)[0] ?? ""));
  return request;
}

/** A message the user wrote in an assistant thread. */
export interface AssistantMessage {
  text: string;
  eventId: string;
  threadKey: string;
  /** The writer, as a user key. */
  author: string;
}

/**
 * Routes a message in an assistant thread: one of the suggested prompts is its request; anything
 * else is first the intake's (an answer to the thread's interview, exactly like a reply in a
 * channel thread), and only when the intake ignores it (no interview there) are its words read as
 * the slash command's. Resolves to what the pane should show, or undefined when the intake took it.
 * `caller` is asked only for a request, so answers cost no user lookup.
 */
export async function handleAssistantMessage(message: AssistantMessage, caller: () => Promise<Caller>, host: Host, deps: FeatureDeps): Promise<Reply | undefined> {
  const prompt = promptRequest(message.text, deps.bank);
  if (!prompt) {
    const outcome = await deps.intake.message({ eventId: message.eventId, threadKey: message.threadKey, authorId: message.author, text: message.text });
    // Anything but `ignored` is the intake's: answered, a retry, or the user told storage is down.
    if (outcome !== "ignored") return undefined;
  }
  let request: Request;
  try {
    request = prompt ?? assistantRequest(message.text, deps.bank);
  } catch (error) {
    return { kind: "tell", message: failureMessage(error, host, deps.logger, "assistant message") };
  }
  return handleRequest(request, await caller(), host, deps);
}
