import { helpMessage, interviewParentMessage, plannedProblem, problemsMessage, SLASH_USAGE, TEAM_USAGE, type SlashRequest } from "./slash-command.js";
import { parseLevel } from "../content/bank.js";
import type { Focus } from "../domain/focus.js";
import type { Level } from "../content/levels.js";
import { isAppError, UserInputError } from "../core/errors.js";
import { openInterview } from "../pipeline/opening.js";
import type { OutgoingMessage, TeamAction } from "../core/messages/message.js";
import type { Logger } from "../ops/logger.js";
import { parsePracticeStartValue, type ReviewInput } from "./team/port.js";
import {
  ALREADY_OPENING,
  cannotPost,
  errorMessage,
  interviewReady,
  noThreadForButton,
  notAMention,
  notAThreadLink,
  notice,
  NOTHING_DELETED,
  privateRefused,
  SOMETHING_WENT_WRONG,
  START_FAILED,
  TEAM_UNAVAILABLE,
  threadElsewhere,
} from "./copy.js";
import type { Caller, FeatureDeps, Host, Reply } from "./host.js";

/**
 * `/mock-interview …` as any platform decoded it: the typed-words requests, where start may also
 * ask for a private thread (a platform with options offers one).
 */
export type Request = Exclude<SlashRequest, { kind: "start" }> | { kind: "start"; level?: Level; problem?: string; private?: boolean };

/** A press of a team button, where the adapter found it: the thread it sits in, when it sits in one. */
export interface Press {
  action: TeamAction;
  value: string;
  thread: string | undefined;
  /** The platform's id of the message the button is on: a second press of it by the same user is a double click. */
  source: string;
}

/** An interview to open for the caller: what the command, a focus plan or a weekly prompt asked for. */
interface Opening {
  level?: Level;
  problem?: string;
  private?: boolean;
  focus?: Focus;
  /** A sentence for the caller ahead of where the interview is (why this focus, say). */
  intro?: string;
  besidePrompt?: boolean;
}

const tell = (message: OutgoingMessage): Reply => ({ kind: "tell", message });
const NONE: Reply = { kind: "none" };

/**
 * One request, whichever platform it came from: the answer to show, the form to draw, or an
 * interview opened. Failures become what the caller reads, never a throw.
 */
export async function handleRequest(request: Request, caller: Caller, host: Host, deps: FeatureDeps): Promise<Reply> {
  try {
    return await route(request, caller, host, deps);
  } catch (error) {
    const opening = request.kind === "start" || request.kind === "focus";
    return tell(failureMessage(error, host, deps.logger, request.kind, opening ? START_FAILED : SOMETHING_WENT_WRONG));
  }
}

async function route(request: Request, caller: Caller, host: Host, deps: FeatureDeps): Promise<Reply> {
  switch (request.kind) {
    case "help":
      return tell(help(host));
    case "problems":
      return tell(problemsMessage(deps.bank));
    case "start":
      return open(caller, host, deps, request);
    default:
      break;
  }
  const services = deps.services;
  if (!services) return tell(errorMessage(TEAM_UNAVAILABLE));
  const { team, schedules } = services;
  switch (request.kind) {
    case "review": {
      const link = host.threadFromLink(request.link);
      if (link.kind === "not-a-link") throw new UserInputError(notAThreadLink(host.hints));
      if (link.kind === "elsewhere") throw new UserInputError(threadElsewhere(host.hints));
      return { kind: "review-form", form: await team.reviewForm(link.threadKey, caller.user) };
    }
    case "review-request": {
      const reviewers = request.reviewers.map((token) => {
        const reviewer = host.userFromMention(token);
        if (!reviewer) throw new UserInputError(notAMention(token, host.hints));
        return reviewer;
      });
      return tell(await team.requestReviews(caller.user, reviewers));
    }
    case "schedule-set":
      return tell(await schedules.set(caller.channel, caller.user, request.cadence));
    case "schedule-list":
      return tell(await schedules.list(caller.channel));
    case "schedule-off":
      return tell(await schedules.off(caller.channel, caller.user));
    case "history":
      return tell(await team.history(caller.user));
    case "focus": {
      const plan = await team.focus(caller.user);
      return open(caller, host, deps, { problem: plan.problemId, ...(plan.level ? { level: plan.level } : {}), focus: plan.focus, intro: plan.reason });
    }
    case "progress":
      return tell(await team.progress(caller.user, caller.channel));
    case "forget-me":
      return tell(await team.forgetPrompt(caller.user));
  }
}

/** A team button: Review on a scorecard, Start on a weekly prompt, confirm or cancel forget-me. */
export async function handlePress(press: Press, caller: Caller, host: Host, deps: FeatureDeps): Promise<Reply> {
  try {
    if (press.action === "forget-cancel") return { kind: "replace", message: notice(NOTHING_DELETED) };
    if (press.action === "practice-start") {
      if (deps.presses.repeated(`${press.source}\n${caller.user}`)) return tell(notice(ALREADY_OPENING));
      const offered = parsePracticeStartValue(press.value);
      const problem = deps.bank.resolve(offered.problem).id;
      return await open(caller, host, deps, { problem, ...(offered.level ? { level: parseLevel(offered.level) } : {}), besidePrompt: true });
    }
    const services = deps.services;
    if (!services) return tell(errorMessage(TEAM_UNAVAILABLE));
    if (press.action === "forget-confirm") return { kind: "replace", message: await services.team.forget(caller.user) };
    if (!press.thread) return tell(errorMessage(noThreadForButton(host.hints)));
    return { kind: "review-form", form: await services.team.reviewForm(press.thread, caller.user, press.value || undefined) };
  } catch (error) {
    return tell(failureMessage(error, host, deps.logger, press.action, press.action === "practice-start" ? START_FAILED : SOMETHING_WENT_WRONG));
  }
}

/** How a submitted review went: the reviewer's confirmation, or why not and whether trying again can help. */
export type Submitted = { saved: true; message: OutgoingMessage } | { saved: false; message: OutgoingMessage; retry: boolean };

/** A review form sent back: saved through the team services (which check who may review). */
export async function submitReview(threadKey: string, interviewId: string, reviewer: string, input: ReviewInput, host: Host, deps: FeatureDeps): Promise<Submitted> {
  if (!deps.services) return { saved: false, message: errorMessage(TEAM_UNAVAILABLE), retry: false };
  try {
    return { saved: true, message: await deps.services.team.submitReview(threadKey, interviewId, reviewer, input) };
  } catch (error) {
    // A refusal stays a refusal; anything else may go through on a second try.
    const final = isAppError(error) && (error.code === "forbidden" || error.code === "not-found");
    return { saved: false, message: failureMessage(error, host, deps.logger, "review submission"), retry: !final };
  }
}

/**
 * Opens an interview the one way every entry point shares: the parent message and its thread on
 * the platform, then the intake's start, both taken back if storage did not take it (see
 * openInterview). The caller hears where it is when the platform says they cannot see it appear.
 */
async function open(caller: Caller, host: Host, deps: FeatureDeps, opening: Opening): Promise<Reply> {
  const problem = plannedProblem(opening, deps.bank, caller.eventId);
  const parent = interviewParentMessage(caller.mention, opening.level, problem?.title, { focused: opening.focus !== undefined, solo: host.solo ?? false });
  const opened = await openInterview(deps.intake, {
    post: () => host.openThread({ parent, candidateName: caller.name, problemTitle: problem?.title, private: opening.private ?? false, besidePrompt: opening.besidePrompt ?? false }),
    start: (thread) => ({
      eventId: `${host.name}:${caller.eventId}`,
      threadKey: thread.threadKey,
      candidate: { id: caller.user, name: caller.name },
      ...(opening.level ? { level: opening.level } : {}),
      ...(problem ? { problem: problem.id } : opening.problem ? { problem: opening.problem } : {}),
      ...(opening.focus ? { focus: opening.focus } : {}),
    }),
    remove: (thread) => thread.remove(),
  });
  const paragraphs = [
    ...(opening.intro ? [opening.intro] : []),
    ...(opened.reference ? [interviewReady(opened.reference)] : []),
    ...(opened.privateRefused ? [privateRefused(host.hints)] : []),
  ];
  return paragraphs.length ? tell(notice(...paragraphs)) : NONE;
}

function help(host: Host): OutgoingMessage {
  const usage = host.hints.usage;
  if (!usage) return helpMessage();
  const message = helpMessage();
  const swap: Record<string, string> = { [SLASH_USAGE]: usage.start, [TEAM_USAGE]: usage.team };
  return { ...message, paragraphs: message.paragraphs.map((paragraph) => swap[paragraph] ?? paragraph) };
}

/**
 * A failure as what the user reads: a typed error's own message; what fixes it when the platform
 * refused the bot; else `fallback`. Anything untyped is logged here, once.
 */
export function failureMessage(error: unknown, host: Pick<Host, "name" | "hints" | "refusalOf">, logger: Logger, context: string, fallback: string = SOMETHING_WENT_WRONG): OutgoingMessage {
  // A set-up problem (a missing scope) is the operator's to fix, so it reaches the logs as well.
  if (isAppError(error) && error.code === "config") logger.error({ platform: host.name, err: error.message, context }, "platform is not set up for this");
  if (isAppError(error)) return errorMessage(error.message);
  logger.warn({ platform: host.name, err: error instanceof Error ? error.message : String(error), context }, "request failed");
  const refusal = host.refusalOf(error);
  return errorMessage(refusal ? cannotPost(refusal, host.hints) : fallback);
}
