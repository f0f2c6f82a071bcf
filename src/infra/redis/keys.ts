/**
 * Where everything lives in Redis. Every key of one thread carries the thread key as a hash tag
 * (`{…}`), and every key of one channel's schedule the channel key, so the scripts and
 * transactions that touch several of them stay on one Redis Cluster slot. The global indexes
 * (schedules, pending threads, due summaries) are one key each: every command on them names that
 * key alone, so each sits whole in some slot; they hold only work in flight and one entry per
 * scheduled channel, small enough for one node.
 */
export interface KeySpace {
  /** What every key of one thread starts with (before `:`): forget-me scans for it to delete a thread whole. */
  thread(threadKey: string): string;
  /** Hash of the thread's interviews by id, plus `current`: the id of the thread's latest interview. */
  interviews(threadKey: string): string;
  /** Candidate events waiting for their turn, oldest first. */
  inbox(threadKey: string): string;
  /** Redis time (ms) of the thread's latest candidate message: where a burst ends. */
  lastMessageAt(threadKey: string): string;
  /** Held by the process taking the thread's turn. */
  lock(threadKey: string): string;
  /** The platform's reference to a "thinking…" message the next reply replaces. */
  placeholder(threadKey: string): string;
  /** Hash: the reply a turn committed and how much of it the platform has accepted, until it all has. */
  outbox(threadKey: string): string;
  /** Marks a platform event as already taken in. */
  seen(threadKey: string, eventId: string): string;
  /** Records what the summary worker already posted for an interview. */
  posted(threadKey: string, interviewId: string): string;
  /** The summary the worker wrote for an interview (JSON), kept for history, focus and progress. */
  summary(threadKey: string, interviewId: string): string;
  /** Peer reviews of an interview: a hash of reviewer user key → review JSON. */
  reviews(threadKey: string, interviewId: string): string;
  /** A candidate's interviews, scored by start time. */
  candidate(candidateId: string): string;
  /** Weekly practice schedules: a hash of channel key → schedule JSON. */
  readonly schedules: string;
  /** Problems a channel's schedule has already posted in the current rotation (a set). */
  scheduleUsed(channelKey: string): string;
  /** The problem each tick of a channel's schedule picked (tick id → problem id), so a retried tick posts the same one. */
  scheduleTicks(channelKey: string): string;
  /** Ticks of a channel's schedule whose prompt is already posted (a sorted set of tick ids by when), so a re-run posts nothing twice. */
  schedulePosted(channelKey: string): string;
  /** Threads with events waiting, scored by when they first waited: the sweeper's worklist. */
  readonly pendingThreads: string;
  /** Ended interviews whose summary job may not be enqueued yet, scored by when they ended. */
  readonly summariesDue: string;
}

/**
 * The only place a key's hash tag is made. Redis Cluster hashes what lies between the first `{` and
 * the next `}` (the whole key when that is empty), so a `}` inside the value, or an empty value,
 * would split one thread's keys over several slots and its scripts would fail with CROSSSLOT.
 * `%` and `}` are percent-encoded (no platform's keys contain them, so no stored name changes) and
 * an empty value is refused: every key built with one value lands in one slot, by construction.
 */
export function hashTag(value: string): string {
  if (!value) throw new Error("a Redis hash tag needs a non-empty value");
  return `{${value.replace(/[%}]/g, (char) => encodeURIComponent(char))}}`;
}

export function keySpace(prefix: string): KeySpace {
  const thread = (threadKey: string) => `${prefix}:${hashTag(threadKey)}`;
  return {
    thread,
    interviews: (threadKey) => `${thread(threadKey)}:interviews`,
    inbox: (threadKey) => `${thread(threadKey)}:inbox`,
    lastMessageAt: (threadKey) => `${thread(threadKey)}:last-message-at`,
    lock: (threadKey) => `${thread(threadKey)}:lock`,
    placeholder: (threadKey) => `${thread(threadKey)}:placeholder`,
    outbox: (threadKey) => `${thread(threadKey)}:outbox`,
    seen: (threadKey, eventId) => `${thread(threadKey)}:seen:${eventId}`,
    posted: (threadKey, interviewId) => `${thread(threadKey)}:posted:${interviewId}`,
    summary: (threadKey, interviewId) => `${thread(threadKey)}:summary:${interviewId}`,
    reviews: (threadKey, interviewId) => `${thread(threadKey)}:reviews:${interviewId}`,
    schedules: `${prefix}:schedules`,
    scheduleUsed: (channelKey) => `${prefix}:schedule:${hashTag(channelKey)}:used`,
    scheduleTicks: (channelKey) => `${prefix}:schedule:${hashTag(channelKey)}:ticks`,
    schedulePosted: (channelKey) => `${prefix}:schedule:${hashTag(channelKey)}:posted`,
    candidate: (candidateId) => `${prefix}:candidate:${hashTag(candidateId)}:interviews`,
    pendingThreads: `${prefix}:pending-threads`,
    summariesDue: `${prefix}:summaries-due`,
  };
}

/** The hash field naming the thread's latest interview; interview ids are UUIDs, so none is called this. */
export const CURRENT_FIELD = "current";
