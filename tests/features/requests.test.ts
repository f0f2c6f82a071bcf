import { describe, expect, test } from "@jest/globals";
import { parseSlashText } from "../../src/features/slash-command.js";
import { loadContent } from "../../src/engine/context.js";
import { ForbiddenError } from "../../src/core/errors.js";
import * as copy from "../../src/features/copy.js";
import type { Caller, FeatureDeps, Host, OpenedThread, ThreadLink, ThreadRequest } from "../../src/features/host.js";
import { RecentPresses } from "../../src/features/recent-presses.js";
import { handlePress, handleRequest } from "../../src/features/requests.js";
import { TerminalHost, terminalCaller } from "../../adapters/terminal/host.js";
import type { StartEvent } from "../../src/ports/events.js";
import { START_DOWN_MESSAGE } from "../../src/pipeline/opening.js";
import type { Intake, IntakeOutcome } from "../../src/ports/intake.js";
import { plainText, type OutgoingMessage } from "../../src/core/messages/message.js";
import { silentLogger } from "../../src/ops/logger.js";
import type { TeamServices } from "../../src/features/team/port.js";

/**
 * The feature router on a platform of its own: what a new platform supplies is a Host (open a
 * thread, read links and mentions, say why a post was refused, its own words) and a renderer.
 * Everything a user is told comes back from src/features.
 */

const { bank } = loadContent();

/** Words of a made-up platform, so a sentence naming Slack or Discord stands out. */
const HINTS: copy.PlatformHints = {
  title: "Chatter",
  space: "guildhall",
  copyThreadLink: "tap the thread's title → Share",
  reviewWithLink: "send /mock-interview review with it",
  mentionTeammates: "Name them with +name.",
  inviteBot: "Add the bot to the room",
  permissions: "Post and Thread",
};

class ChatterHost implements Host {
  readonly name = "chatter";
  readonly hints = HINTS;
  readonly opened: ThreadRequest[] = [];
  readonly removed: string[] = [];
  refuse: unknown;

  async openThread(request: ThreadRequest): Promise<OpenedThread> {
    if (this.refuse) throw this.refuse;
    this.opened.push(request);
    const threadKey = `chatter:room:${this.opened.length}`;
    return { threadKey, reference: `#thread-${this.opened.length}`, remove: async () => void this.removed.push(threadKey) };
  }

  threadFromLink(link: string): ThreadLink {
    if (link.startsWith("chatter://elsewhere/")) return { kind: "elsewhere" };
    return link.startsWith("chatter://") ? { kind: "thread", threadKey: `chatter:${link.slice("chatter://".length)}` } : { kind: "not-a-link" };
  }

  userFromMention(token: string): string | undefined {
    return token.startsWith("+") ? `chatter:${token.slice(1)}` : undefined;
  }

  refusalOf(error: unknown) {
    return error instanceof Error && error.message === "no-post" ? ("missing-permissions" as const) : undefined;
  }
}

/** An intake that takes starts (or refuses them with `outcome`) and records them. */
function intake(outcome: IntakeOutcome = "queued"): Intake & { started: StartEvent[] } {
  const started: StartEvent[] = [];
  return {
    started,
    message: async () => "ignored",
    action: async () => "ignored",
    start: async (event) => {
      started.push(event);
      return outcome;
    },
    probe: async () => "ready",
  };
}

const caller: Caller = { user: "chatter:ada", name: "Ada", mention: "Ada", channel: "chatter:room", eventId: "evt-1" };
const deps = (overrides: Partial<FeatureDeps> = {}): FeatureDeps => ({ intake: intake(), bank, services: undefined, logger: silentLogger, presses: new RecentPresses(), ...overrides });
const told = (reply: Awaited<ReturnType<typeof handleRequest>>): string => (reply.kind === "tell" || reply.kind === "replace" ? plainText(reply.message) : `(${reply.kind})`);

/** Team services answering the few calls these tests make: the port, not our implementation of it. */
const services = (): TeamServices & { forms: string[] } => {
  const forms: string[] = [];
  const unused = async (): Promise<never> => {
    throw new Error("not used here");
  };
  return {
    forms,
    team: {
      reviewForm: async (threadKey, reviewer, interviewId) => {
        forms.push(threadKey);
        return { threadKey, interviewId: interviewId ?? "i-1", candidateName: reviewer, problemTitle: null, dimensions: [], ratings: [], existing: null };
      },
      submitReview: unused,
      requestReviews: async (_candidate, reviewers) => copy.notice(`asked ${reviewers.join(" ")}`),
      history: unused,
      focus: unused,
      progress: unused,
      forgetPrompt: unused,
      forget: unused,
    },
    schedules: { set: unused, list: unused, off: unused },
  };
};

describe("opening an interview on any platform", () => {
  test("start posts the parent through the host, starts the intake on its thread, and points the caller at it", async () => {
    const host = new ChatterHost();
    const started = intake();
    const reply = await handleRequest(parseSlashText("senior fraud", bank), caller, host, deps({ intake: started }));
    expect(host.opened).toHaveLength(1);
    expect(plainText(host.opened[0]?.parent as OutgoingMessage)).toMatch(/Ada is practising an ML system design interview at senior level/);
    expect(started.started).toEqual([{ eventId: "chatter:evt-1", threadKey: "chatter:room:1", candidate: { id: "chatter:ada", name: "Ada" }, level: "senior", problem: "fraud" }]);
    expect(told(reply)).toBe(copy.interviewReady("#thread-1"));
  });

  test("a start storage did not take takes the thread back and says why", async () => {
    const host = new ChatterHost();
    const reply = await handleRequest({ kind: "start" }, caller, host, deps({ intake: intake("unavailable") }));
    expect(host.removed).toEqual(["chatter:room:1"]);
    expect(told(reply)).toBe(START_DOWN_MESSAGE);
  });

  test("a platform that refuses the post is told as what fixes it, in the platform's words", async () => {
    const host = new ChatterHost();
    host.refuse = new Error("no-post");
    expect(told(await handleRequest({ kind: "start" }, caller, host, deps()))).toBe(copy.cannotPost("missing-permissions", HINTS));
    host.refuse = new ForbiddenError("You may not.");
    expect(told(await handleRequest({ kind: "start" }, caller, host, deps()))).toBe("You may not.");
    host.refuse = new Error("boom");
    expect(told(await handleRequest({ kind: "start" }, caller, host, deps()))).toBe(copy.START_FAILED);
  });

  test("a double press of Start opens one interview and tells the second press so", async () => {
    const host = new ChatterHost();
    const shared = deps();
    const press = { action: "practice-start" as const, value: "fraud@senior", thread: undefined, source: "prompt-1" };
    await handlePress(press, caller, host, shared);
    expect(told(await handlePress(press, caller, host, shared))).toBe(copy.ALREADY_OPENING);
    expect(host.opened).toHaveLength(1);
  });
});

describe("team requests on any platform", () => {
  test("without the team services every team request is told they are unavailable", async () => {
    expect(told(await handleRequest({ kind: "history" }, caller, new ChatterHost(), deps()))).toBe(copy.TEAM_UNAVAILABLE);
  });

  test("a review link is read by the host: a thread opens the form, anything else is told how to copy one", async () => {
    const team = services();
    const reply = await handleRequest({ kind: "review", link: "chatter://room:7" }, caller, new ChatterHost(), deps({ services: team }));
    expect(reply.kind).toBe("review-form");
    expect(team.forms).toEqual(["chatter:room:7"]);
    expect(told(await handleRequest({ kind: "review", link: "the fraud one" }, caller, new ChatterHost(), deps({ services: team })))).toBe(copy.notAThreadLink(HINTS));
    expect(told(await handleRequest({ kind: "review", link: "chatter://elsewhere/1" }, caller, new ChatterHost(), deps({ services: team })))).toBe(copy.threadElsewhere(HINTS));
  });

  test("reviewers are read by the host; one that is not a mention is named with the platform's way of mentioning", async () => {
    const team = services();
    expect(told(await handleRequest({ kind: "review-request", reviewers: ["+grace", "+lin"] }, caller, new ChatterHost(), deps({ services: team })))).toBe("asked chatter:grace chatter:lin");
    expect(told(await handleRequest({ kind: "review-request", reviewers: ["grace"] }, caller, new ChatterHost(), deps({ services: team })))).toBe(copy.notAMention("grace", HINTS));
  });
});

describe("the terminal as a host", () => {
  test("start opens the session's one thread, shows its heading, and needs no pointer to it", async () => {
    const shown: OutgoingMessage[] = [];
    const started = intake();
    const reply = await handleRequest({ kind: "start", level: "mid", problem: "fraud" }, terminalCaller("4242", "ada", "Ada"), new TerminalHost("4242", (message) => shown.push(message)), deps({ intake: started }));
    expect(reply).toEqual({ kind: "none" });
    expect(started.started[0]).toMatchObject({ threadKey: "terminal:4242", candidate: { id: "terminal:ada", name: "Ada" }, level: "mid", problem: "fraud" });
    expect(plainText(shown[0] as OutgoingMessage)).toMatch(/Ada is practising an ML system design interview at mid level/);
  });

  test("a review link in the terminal is told where reviews happen", async () => {
    const reply = await handleRequest({ kind: "review", link: "anything" }, terminalCaller("4242", "ada", "Ada"), new TerminalHost("4242", () => undefined), deps({ services: services() }));
    expect(told(reply)).toMatch(/isn't a link to an interview thread/);
  });
});

describe("the copy", () => {
  test("no sentence names Slack or Discord or uses their markup unless a platform's hint put it there", () => {
    const exported: unknown[] = Object.values(copy);
    const sentences = [
      ...exported.filter((value): value is string => typeof value === "string"),
      ...Object.values(copy.REVIEW_FORM),
      copy.notAThreadLink(HINTS),
      copy.threadElsewhere(HINTS),
      copy.noThreadForButton(HINTS),
      copy.notAMention("x", HINTS),
      copy.spaceOnly(HINTS),
      copy.notAChannel(HINTS),
      copy.privateRefused(HINTS),
      copy.platformSlow(HINTS),
      ...(["not-a-member", "hidden", "archived", "restricted", "not-a-channel", "missing-permissions"] as const).map((refusal) => copy.cannotPost(refusal, HINTS)),
    ];
    for (const sentence of sentences) expect(sentence).not.toMatch(/Slack|Discord|mrkdwn|<@|<#|\*\*|right-click|⋮/);
  });

  test("help takes the platform's usage lines when it has its own", async () => {
    const host = new (class extends ChatterHost {
      override readonly hints = { ...HINTS, usage: { start: "Usage: pick start", team: "Team: pick one" } };
    })();
    const shown = told(await handleRequest({ kind: "help" }, caller, host, deps()));
    expect(shown).toContain("Usage: pick start");
    expect(shown).toContain("Team: pick one");
  });
});
