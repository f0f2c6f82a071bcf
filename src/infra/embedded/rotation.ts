import { join } from "node:path";
import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import { MIN_ROTATION_TTL_MS, type Rotation } from "../../ports/schedules.js";
import { ExpiringMap } from "./expiring-map.js";

/** One channel's rotation: problems used in this round, each in-flight tick's pick, and when each tick posted. */
const ChannelRotationSchema = z.object({
  used: z.array(z.string()),
  ticks: z.array(z.tuple([z.string(), z.string()])),
  posted: z.array(z.tuple([z.string(), z.number()])),
});

/** The practice rotation in process (and `rotation.json`), with the Redis script's rules, renewed on every tick. */
export class EmbeddedRotation implements Rotation {
  private readonly channels: ExpiringMap<typeof ChannelRotationSchema>;
  private readonly ttlMs: number;

  constructor(
    private readonly clock: Clock,
    ttlMs: number,
    dataDir?: string,
  ) {
    // Ticks are a week apart: a retention shorter than that would forget the rotation between them.
    this.ttlMs = Math.max(ttlMs, MIN_ROTATION_TTL_MS);
    this.channels = new ExpiringMap(clock, ChannelRotationSchema, dataDir === undefined ? null : join(dataDir, "rotation.json"));
  }

  async pick(channelKey: string, tickId: string, ordered: readonly string[]): Promise<string | null> {
    const first = ordered[0];
    if (first === undefined) throw new Error("no problems to pick from");
    const state = this.channels.get(channelKey) ?? { used: [], ticks: [], posted: [] };
    if (state.posted.some(([id]) => id === tickId)) return null;
    let picked = state.ticks.find(([id]) => id === tickId)?.[1];
    if (picked === undefined) {
      picked = ordered.find((id) => !state.used.includes(id));
      if (picked === undefined) {
        // Every problem was posted once: a new rotation starts.
        state.used = [];
        picked = first;
      }
      state.used.push(picked);
      state.ticks.push([tickId, picked]);
    }
    this.channels.set(channelKey, state, this.clock.now() + this.ttlMs);
    return picked;
  }

  async recordPosted(channelKey: string, tickId: string): Promise<void> {
    const now = this.clock.now();
    const state = this.channels.get(channelKey) ?? { used: [], ticks: [], posted: [] };
    state.posted = [...state.posted.filter(([id, at]) => id !== tickId && at > now - this.ttlMs), [tickId, now]];
    state.ticks = state.ticks.filter(([id]) => id !== tickId);
    this.channels.set(channelKey, state, now + this.ttlMs);
  }

  async clear(channelKey: string): Promise<void> {
    this.channels.delete([channelKey]);
  }
}
