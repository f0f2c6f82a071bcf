import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import { JsonFile, UnreadableDataFileError } from "./json-file.js";

/** What an ExpiringMap keeps for each key: the value and when it goes (epoch ms). */
interface Entry<V> {
  expiresAt: number;
  value: V;
}

// Pairs, not an object: keys are thread keys and user keys, any string (even "__proto__"). Values are checked one by one, to name the bad one.
const FileSchema = z.object({ version: z.literal(1), entries: z.array(z.tuple([z.string(), z.object({ expiresAt: z.number(), value: z.unknown() })])) });

/**
 * A map whose entries expire at a time of their own, read through the injected clock, and that
 * is optionally mirrored to one JSON file: read when built and again before each change, then
 * rewritten, so two runs on one folder keep each other's entries (a change to the same key at the
 * same moment can still lose one). What Redis does with PEXPIRE, for the embedded stores.
 */
export class ExpiringMap<V extends z.ZodType> {
  private readonly entries = new Map<string, Entry<z.infer<V>>>();
  private readonly file: JsonFile<typeof FileSchema> | null;

  constructor(
    private readonly clock: Clock,
    private readonly value: V,
    path: string | null,
  ) {
    this.file = path === null ? null : new JsonFile(path, FileSchema);
    this.load();
  }

  /** Reads the file again, so a change made meanwhile by another run on the same folder is kept rather than overwritten. */
  private load(): void {
    if (!this.file) return;
    const stored = this.file.read();
    if (!stored) return;
    this.entries.clear();
    for (const [key, entry] of stored.entries) {
      const parsed = this.value.safeParse(entry.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UnreadableDataFileError(this.file.path, `entry ${JSON.stringify(key)}: ${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`);
      }
      this.entries.set(key, { expiresAt: entry.expiresAt, value: parsed.data });
    }
  }

  get(key: string): z.infer<V> | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.clock.now() ? structuredClone(entry.value) : undefined;
  }

  /** When the live entry expires, or undefined when there is none. */
  expiresAt(key: string): number | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.clock.now() ? entry.expiresAt : undefined;
  }

  set(key: string, value: z.infer<V>, expiresAt: number): void {
    this.load();
    this.entries.set(key, { expiresAt, value: structuredClone(value) });
    this.save();
  }

  delete(keys: Iterable<string>): void {
    this.load();
    let changed = false;
    for (const key of keys) changed = this.entries.delete(key) || changed;
    if (changed) this.save();
  }

  /** Live entries. */
  *[Symbol.iterator](): IterableIterator<[string, z.infer<V>]> {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt > now) yield [key, structuredClone(entry.value)];
  }

  /** Expired entries are dropped from the file whenever it is written, as Redis would have evicted them. */
  private save(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.file?.write({ version: 1, entries: [...this.entries] });
  }
}

/** The key of something attached to one interview. */
export function interviewKey(threadKey: string, interviewId: string): string {
  return JSON.stringify([threadKey, interviewId]);
}
