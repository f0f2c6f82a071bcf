import { setImmediate as nextTurnOfLoop, setTimeout as sleep } from "node:timers/promises";

export interface LaneOptions {
  /** Most tasks running at once. */
  concurrency: number;
  /** A task's failure, which nothing else awaits. */
  onError: (error: unknown) => void;
  /**
   * Starts wait until no task has been queued for this long (a burst of requests has passed), so
   * the requests of a burst are all answered before its work begins. @defaultValue 0
   */
  quietMs?: number;
  /** However long the burst goes on, a queued task waits at most this long to start. @defaultValue 1000 */
  maxDeferMs?: number;
}

/**
 * Work that must not hold up what the process answers next: at most `concurrency` tasks run at
 * once, in arrival order, and each starts on a later turn of the event loop than the one that
 * queued it or freed its place. Between two starts the loop polls for I/O, so requests already
 * waiting (a burst of slash commands to acknowledge) are answered before more work begins; with
 * `quietMs`, starts also wait for the burst to pass.
 */
export class Lane {
  private readonly queue: Array<{ task: () => Promise<void>; at: number }> = [];
  private lastQueuedAt = 0;
  private active = 0;
  private starting = false;
  private readonly idlers: Array<() => void> = [];

  constructor(private readonly options: LaneOptions) {}

  /** Queues `task`; it never runs synchronously. */
  run(task: () => Promise<void>): void {
    this.lastQueuedAt = performance.now();
    this.queue.push({ task, at: this.lastQueuedAt });
    void this.pump();
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.queue.length + this.active;
  }

  /** Resolves once nothing is queued or running (shutdown: what was accepted is finished). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private async pump(): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    try {
      while (this.queue.length > 0 && this.active < this.options.concurrency) {
        await nextTurnOfLoop();
        await this.quiet();
        const task = this.queue.shift()?.task;
        if (!task) break;
        this.active += 1;
        void this.execute(task);
      }
    } finally {
      this.starting = false;
    }
  }

  /** Waits while tasks keep being queued, up to the oldest one's longest wait. */
  private async quiet(): Promise<void> {
    const { quietMs = 0, maxDeferMs = 1_000 } = this.options;
    for (;;) {
      const now = performance.now();
      const oldest = this.queue[0]?.at ?? now;
      const wait = Math.min(quietMs - (now - this.lastQueuedAt), maxDeferMs - (now - oldest));
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  private async execute(task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.options.onError(error);
    } finally {
      this.active -= 1;
      if (this.pending === 0) for (const resolve of this.idlers.splice(0)) resolve();
      else void this.pump();
    }
  }
}
