import type { Logger } from "../ops/logger.js";
import type { Inbox } from "../ports/inbox.js";
import type { DueSummaries, SummaryRequests } from "../ports/summaries.js";
import { UnreadableSessionError } from "../domain/storage-errors.js";
import type { SessionStore } from "../ports/sessions.js";
import type { TurnCoordinator } from "./coordinator.js";

export interface SweeperOptions {
  inbox: Inbox;
  coordinator: TurnCoordinator;
  due: DueSummaries;
  summaries: SummaryRequests;
  store: SessionStore;
  logger: Logger;
  burstWindowMs: number;
  /** @defaultValue 5000 */
  intervalMs?: number | undefined;
}

/** Beyond the burst window, how long events may wait before another process steps in. */
const ORPHAN_AFTER_MS = 3_000;
/** How long an ending turn has to request its own summary before the sweeper does it. */
const SUMMARY_DUE_AFTER_MS = 30_000;
/** A due mark whose interview never ended (its turn failed after marking) is dropped after this. */
const DUE_MARK_EXPIRES_MS = 10 * 60_000;
const BATCH = 50;

/**
 * Repairs what a crashed process left behind: events no process is answering (the one that took
 * them in died), replies committed but not delivered (a thread with one stays on the worklist until
 * it is delivered or dropped) and ended interviews whose summary was never requested. Every bot
 * process runs one; the thread lock and the job id keep their work from doubling up.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: SweeperOptions) {}

  /** Sweeps at once, so a process started after a crash takes over what it left without waiting an interval, then every interval. */
  start(): void {
    const tick = () => {
      if (!this.sweeping) this.sweeping = this.sweep().finally(() => (this.sweeping = undefined));
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 5_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  async sweep(): Promise<void> {
    try {
      await this.orphanedThreads();
      await this.dueSummaries();
    } catch (error) {
      this.options.logger.debug({ err: error instanceof Error ? error.message : String(error) }, "sweep skipped");
    }
  }

  private async orphanedThreads(): Promise<void> {
    const { inbox, coordinator, burstWindowMs } = this.options;
    const threads = await inbox.waitingSince(Date.now() - burstWindowMs - ORPHAN_AFTER_MS, BATCH);
    await Promise.all(threads.map((threadKey) => coordinator.drain(threadKey)));
  }

  private async dueSummaries(): Promise<void> {
    const { due, store, summaries, logger } = this.options;
    const now = Date.now();
    for (const { job, markedAt } of await due.overdue(now - SUMMARY_DUE_AFTER_MS, BATCH)) {
      let ended = false;
      try {
        ended = (await store.getInterview(job.threadKey, job.interviewId))?.phase === "ended";
      } catch (error) {
        if (!(error instanceof UnreadableSessionError)) throw error;
      }
      if (ended) {
        await summaries.request(job);
        await due.clear(job);
        logger.info({ sessionKey: job.threadKey, interviewId: job.interviewId }, "summary requested by the sweeper");
      } else if (markedAt < now - DUE_MARK_EXPIRES_MS) {
        await due.clear(job);
      }
    }
  }
}
