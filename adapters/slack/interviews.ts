import type { webApi } from "@slack/bolt";
import { interviewParentMessage, plannedProblem } from "../../src/features/slash-command.js";
import type { ProblemBank } from "../../src/content/bank.js";
import type { Focus } from "../../src/domain/focus.js";
import type { Level } from "../../src/content/levels.js";
import { ForbiddenError } from "../../src/core/errors.js";
import { openInterview } from "../../src/pipeline/opening.js";
import type { Intake } from "../../src/ports/intake.js";
import { silentLogger, type Logger } from "../../src/ops/logger.js";
import { renderSlack } from "./render.js";
import { slackErrorCode } from "./replies.js";
import { threadKey, userKey } from "./thread-key.js";

/** Errors from chat.postMessage that mean "the bot may not post here", with what fixes each. */
const CANNOT_POST: Record<string, string> = {
  not_in_channel: "I'm not a member of this channel. Invite me with `/invite @Mock Interview`, then run the command again.",
  channel_not_found: "I can't see this channel (it may be private). Invite me with `/invite @Mock Interview`, then run the command again.",
  is_archived: "This channel is archived, so I can't start a thread here. Try another channel.",
  restricted_action: "This workspace doesn't let me post in this channel. Ask an admin, or try another channel.",
  cannot_dm_bot: "I can't run interviews in this conversation. Try it in a channel I'm a member of.",
};

/** One interview to open: who, where, and what the slash command, a focus plan or a practice prompt asked for. */
export interface InterviewRequest {
  /** The platform's id for what asked (a trigger id): the intake's event id. */
  eventId: string;
  team: string;
  channel: string;
  user: string;
  userName: string;
  level?: Level;
  problem?: string;
  focus?: Focus;
}

/**
 * Opens an interview the one way every entry point shares (`/mock-interview`, `focus`, a weekly
 * prompt's Start button): a parent message in the channel, its thread, then the intake's start,
 * the parent removed again if storage did not take the start (see openInterview).
 * A few at a time, so a burst of commands is acknowledged within Slack's three seconds before any
 * of them posts. A channel the bot may not post in is a ForbiddenError saying what fixes it.
 */
export class SlackInterviews {
  private readonly slots = new Slots(8);

  constructor(
    private readonly client: webApi.WebClient,
    private readonly bank: ProblemBank,
    private readonly logger: Logger = silentLogger,
  ) {}

  async start(intake: Intake, request: InterviewRequest): Promise<void> {
    await this.slots.acquire();
    try {
      await this.open(intake, request);
    } finally {
      this.slots.release();
    }
  }

  private async open(intake: Intake, request: InterviewRequest): Promise<void> {
    const problem = plannedProblem(request, this.bank, request.eventId);
    await openInterview(intake, {
      post: () => this.postParent(request, problem?.title),
      start: (ts) => ({
        eventId: `slack:${request.eventId}`,
        threadKey: threadKey({ team: request.team, channel: request.channel, threadTs: ts }),
        candidate: { id: userKey(request.team, request.user), name: request.userName },
        ...(request.level ? { level: request.level } : {}),
        ...(problem ? { problem: problem.id } : request.problem ? { problem: request.problem } : {}),
        ...(request.focus ? { focus: request.focus } : {}),
      }),
      remove: (ts) => this.removeParent(request.channel, ts),
    });
  }

  /** The parent message in the channel; its ts names the interview's thread. */
  private async postParent(request: InterviewRequest, problemTitle: string | undefined): Promise<string> {
    const [parent] = renderSlack(interviewParentMessage(request.userName, request.level, problemTitle, { focused: request.focus !== undefined }));
    let ts: string | undefined;
    try {
      const posted = await this.client.chat.postMessage({ channel: request.channel, text: parent?.text ?? "", blocks: parent?.blocks ?? [] });
      ts = posted.ts;
    } catch (error) {
      const fix = CANNOT_POST[slackErrorCode(error) ?? ""];
      if (fix) throw new ForbiddenError(fix, { cause: error });
      throw error;
    }
    if (!ts) throw new Error("chat.postMessage returned no ts");
    return ts;
  }

  /** A parent message with nothing in its thread disappears with it. */
  private async removeParent(channel: string, ts: string): Promise<void> {
    try {
      await this.client.chat.delete({ channel, ts });
    } catch (error) {
      this.logger.warn({ platform: "slack", err: error instanceof Error ? error.message : String(error) }, "could not remove the parent message of an interview that did not start");
    }
  }
}


/** A counting semaphore: at most `size` holders at once, the rest wait in arrival order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
