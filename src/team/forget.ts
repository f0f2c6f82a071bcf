import type { OutgoingMessage } from "../core/messages/message.js";
import { storage } from "../domain/storage-errors.js";
import { LuaScript } from "../infra/redis/script.js";
import type { TeamDeps } from "./deps.js";
import { footprint, parseEntry, type Footprint, type ThreadFootprint } from "./footprint.js";

/**
 * KEYS: interviews hash, outbox. ARGV: interview ids. Drops those interviews from a thread another
 * candidate also uses, and `current` with them when it names one, and a reply of theirs still
 * waiting to be delivered, in one step so a concurrent start by the other candidate keeps its own
 * `current`.
 */
const DROP_INTERVIEWS = new LuaScript(
  "drop-interviews",
  `local current = redis.call('HGET', KEYS[1], 'current')
local replying = redis.call('HGET', KEYS[2], 'interview')
for _, id in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], id)
  if id == current then redis.call('HDEL', KEYS[1], 'current') end
  if id == replying then redis.call('DEL', KEYS[2]) end
end
return 1`,
  2,
);

const SCAN_BATCH = 500;

/**
 * Forget-me: deletes everything stored about a user as a candidate (interviews with their
 * transcripts, scorecards, reviews received, their index) and says what went. Reviews the user
 * wrote about others stay with those interviews; they name the user by key only and expire with them.
 */
export class Forgetting {
  constructor(private readonly deps: TeamDeps) {}

  /** What forget-me would delete, with confirm and cancel buttons. */
  async prompt(user: string): Promise<OutgoingMessage> {
    const found = await footprint(this.deps.redis, this.deps.keys, user);
    if (isEmpty(found)) return notice("Nothing to delete", "I have nothing stored about your interviews, so there is nothing to forget.");
    return {
      ...notice(
        "Delete your interview data?",
        `This deletes ${describe(found)}. Reviews you wrote about teammates' interviews stay with those interviews. This can't be undone.`,
      ),
      buttons: [
        { action: "forget-confirm", label: "Delete everything", value: "confirm", style: "danger" },
        { action: "forget-cancel", label: "Cancel", value: "cancel" },
      ],
    };
  }

  /** Deletes it all and says what was deleted. */
  async forget(user: string): Promise<OutgoingMessage> {
    const { redis, keys, summaries } = this.deps;
    const found = await footprint(redis, keys, user);
    const wholeThreads = found.threads.filter((thread) => !thread.shared);
    const interviews = found.threads.flatMap((thread) => thread.interviewIds.map((id) => ({ threadKey: thread.threadKey, id })));
    // Pending work goes first, so no sweeper or worker picks up an interview while it is being deleted.
    await this.dropDue((threadKey, id) => wholeThreads.some((thread) => thread.threadKey === threadKey) || interviews.some((interview) => interview.threadKey === threadKey && interview.id === id));
    if (wholeThreads.length) await storage(() => redis.zrem(keys.pendingThreads, ...wholeThreads.map((thread) => thread.threadKey)));
    for (const interview of interviews) await storage(() => summaries.remove(interview.id));
    for (const thread of found.threads) await (thread.shared ? this.dropInterviews(thread) : this.dropThread(thread));
    await storage(() => redis.unlink(keys.candidate(user)));
    if (isEmpty(found)) return notice("Nothing to delete", "There was nothing stored about your interviews, so there was nothing to delete.");
    return notice("Deleted", `Deleted ${describe(found)}.`);
  }

  /** Every key inside the thread's hash tag: the known ones by name, then whatever else a scan finds. */
  private async dropThread(thread: ThreadFootprint): Promise<void> {
    const { redis, keys } = this.deps;
    const { threadKey } = thread;
    const exact = [
      keys.interviews(threadKey),
      keys.inbox(threadKey),
      keys.lastMessageAt(threadKey),
      keys.lock(threadKey),
      keys.placeholder(threadKey),
      keys.outbox(threadKey),
      ...this.interviewKeys(thread),
    ];
    await storage(() => redis.unlink(...exact));
    const pattern = `${escapeGlob(keys.thread(threadKey))}:*`;
    let cursor = "0";
    do {
      const [next, found] = await storage(() => redis.scan(cursor, "MATCH", pattern, "COUNT", SCAN_BATCH));
      if (found.length) await storage(() => redis.unlink(...found));
      cursor = next;
    } while (cursor !== "0");
  }

  /** The user's interviews and their keys only, in a thread someone else's interview shares. */
  private async dropInterviews(thread: ThreadFootprint): Promise<void> {
    const { redis, keys } = this.deps;
    if (!thread.interviewIds.length) return;
    await storage(() => DROP_INTERVIEWS.run(redis, [keys.interviews(thread.threadKey), keys.outbox(thread.threadKey)], thread.interviewIds));
    await storage(() => redis.unlink(...this.interviewKeys(thread)));
  }

  private interviewKeys(thread: ThreadFootprint): string[] {
    const { keys } = this.deps;
    return thread.interviewIds.flatMap((id) => [keys.summary(thread.threadKey, id), keys.reviews(thread.threadKey, id), keys.posted(thread.threadKey, id)]);
  }

  private async dropDue(matches: (threadKey: string, interviewId: string) => boolean): Promise<void> {
    const { redis, keys } = this.deps;
    const members = await storage(() => redis.zrange(keys.summariesDue, 0, "-1"));
    const gone = members.filter((member) => {
      const entry = parseEntry(member);
      return entry !== null && matches(entry[0], entry[1]);
    });
    if (gone.length) await storage(() => redis.zrem(keys.summariesDue, ...gone));
  }
}

/** Redis SCAN MATCH treats these as wildcards; a thread key may contain any of them. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

function isEmpty(found: Footprint): boolean {
  return found.interviews + found.summaries + found.reviewsReceived === 0;
}

function describe(found: Footprint): string {
  const parts = [
    `${count(found.interviews, "interview")} with ${found.interviews === 1 ? "its transcript" : "their transcripts"}`,
    ...(found.summaries ? [count(found.summaries, "scorecard")] : []),
    ...(found.reviewsReceived ? [`${count(found.reviewsReceived, "peer review")} you received`] : []),
    "your history",
  ];
  return `${parts.slice(0, -1).join(", ")}${parts.length > 2 ? "," : ""} and ${parts.at(-1)}`;
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? "" : "s"}`;
}

function notice(heading: string, text: string): OutgoingMessage {
  return { kind: "notice", heading, paragraphs: [text] };
}
