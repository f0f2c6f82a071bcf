import type { PostedLog, ScorecardArchive } from "../../pipeline/scorecards.js";
import type { SummaryJob } from "../../queue/summary-job.js";
import type { SessionStore } from "../../store/port.js";

/** Scorecards and what was posted, in memory; kept only while their interview is (as in Redis). */
export class MemoryScorecards implements ScorecardArchive, PostedLog {
  private readonly posted = new Set<string>();
  readonly kept = new Map<string, Parameters<ScorecardArchive["save"]>[0]>();

  constructor(private readonly sessions: SessionStore) {}

  async save(record: Parameters<ScorecardArchive["save"]>[0]): Promise<boolean> {
    if (!(await this.sessions.getInterview(record.threadKey, record.interviewId))) return false;
    this.kept.set(record.interviewId, structuredClone(record));
    return true;
  }

  async has(job: SummaryJob, what: "summary" | "failure-notice"): Promise<boolean> {
    return this.posted.has(`${job.interviewId}:${what}`);
  }

  async record(job: SummaryJob, what: "summary" | "failure-notice"): Promise<void> {
    this.posted.add(`${job.interviewId}:${what}`);
  }
}
