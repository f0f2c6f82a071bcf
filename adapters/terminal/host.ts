import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { PlatformHints, PostingRefusal } from "../../src/features/copy.js";
import type { Caller, Host, OpenedThread, ThreadLink, ThreadRequest } from "../../src/features/host.js";
import { TERMINAL_PLATFORM, terminalThreadKey, terminalUserKey } from "./thread-key.js";

/** The terminal's words for the sentences in src/features/copy.ts: one user, one thread, no channels. */
export const TERMINAL_HINTS: PlatformHints = {
  title: "the terminal",
  space: "computer",
  copyThreadLink: "run npm run practice -- history to list your interviews",
  reviewWithLink: "review it from a chat platform, where teammates can",
  mentionTeammates: "Reviews by teammates happen on a chat platform.",
  inviteBot: "Run it in a terminal",
  permissions: "write access to the data folder",
};

/**
 * The terminal as the features' Host, for a solo practitioner: the session's one thread is the
 * interview's place (the terminal shows it at once, so no pointer is needed), there is nobody to
 * mention, and nothing refuses a post. Team requests that need teammates are told so by the copy.
 */
export class TerminalHost implements Host {
  readonly name = TERMINAL_PLATFORM;
  readonly hints = TERMINAL_HINTS;

  constructor(
    /** The interview run (see terminalThreadKey). */
    private readonly run: string,
    /** Prints a message (the interview's parent message, as its heading) the way the CLI prints the rest. */
    private readonly show: (message: OutgoingMessage) => void,
  ) {}

  async openThread(request: ThreadRequest): Promise<OpenedThread> {
    this.show(request.parent);
    return { threadKey: terminalThreadKey(this.run), remove: async () => undefined };
  }

  threadFromLink(_link: string): ThreadLink {
    return { kind: "not-a-link" };
  }

  userFromMention(_token: string): string | undefined {
    return undefined;
  }

  refusalOf(_error: unknown): PostingRefusal | undefined {
    return undefined;
  }
}

/** The person at the keyboard as the features' caller: `account` names them across runs (see terminalUserKey). */
export function terminalCaller(run: string, account: string, name: string): Caller {
  return { user: terminalUserKey(account), name, mention: name, channel: terminalThreadKey(run), eventId: run };
}
