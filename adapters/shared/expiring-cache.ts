/**
 * Promises kept for a while, at most `limit` of them: a bot runs for weeks and meets every channel
 * and user of a workspace, so what it looks up must be forgotten again. A rejected load is dropped
 * at once, so the next call asks again.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    this.prune();
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Oldest first (insertion order): drop what expired, and whatever is over the limit. */
  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.at < this.ttlMs && this.entries.size <= this.limit) break;
      this.entries.delete(key);
    }
  }
}
