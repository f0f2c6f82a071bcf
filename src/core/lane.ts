import { setImmediate as nextTurnOfLoop } from "node:timers/promises";

export interface LaneOptions {
  /** Most tasks running at once. */
  concurrency: number;
  /** A task's failure, which nothing else awaits. */
  onError: (error: unknown) => void;
}

/**
 * Work that must not hold up what the process answers next: at most `concurrency` tasks run at
 * once, in arrival order, and each starts on a later turn of the event loop than the one that
 * queued it or freed its place. Between two starts the loop polls for I/O, so requests already
 * waiting (a burst of slash commands to acknowledge) are answered before more work begins.
 */
export class Lane {
  private readonly queue: Array<() => Promise<void>> = [];
  private active = 0;
  private starting = false;
  private readonly idlers: Array<() => void> = [];

  constructor(private readonly options: LaneOptions) {}

  /** Queues `task`; it never runs synchronously. */
  run(task: () => Promise<void>): void {
    this.queue.push(task);
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
        const task = this.queue.shift();
        if (!task) break;
        this.active += 1;
        void this.execute(task);
      }
    } finally {
      this.starting = false;
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
