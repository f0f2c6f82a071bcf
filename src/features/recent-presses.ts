/**
 * Button presses seen moments ago, so a double click on Start opens one interview, not two. Kept
 * in this process's memory: a double click split across two bot replicas can still open two.
 */
export class RecentPresses {
  private readonly pressed = new Map<string, number>();

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the same press (button and user, as `key`) came within the window; records it otherwise. */
  repeated(key: string): boolean {
    const now = this.now();
    for (const [seen, at] of this.pressed) if (now - at > this.windowMs) this.pressed.delete(seen);
    if (this.pressed.has(key)) return true;
    this.pressed.set(key, now);
    return false;
  }
}
