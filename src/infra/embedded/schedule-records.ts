import { join } from "node:path";
import type { Clock } from "../../core/clock.js";
import { ScheduleSchema, type Schedule, type ScheduleRecords } from "../../ports/schedules.js";
import { ExpiringMap } from "./expiring-map.js";

/** Schedules in process (and `schedules.json`). They never expire: channel configuration stays until turned off. */
export class EmbeddedScheduleRecords implements ScheduleRecords {
  private readonly schedules: ExpiringMap<typeof ScheduleSchema>;

  constructor(clock: Clock, dataDir?: string) {
    this.schedules = new ExpiringMap(clock, ScheduleSchema, dataDir === undefined ? null : join(dataDir, "schedules.json"));
  }

  async get(channelKey: string): Promise<Schedule | null> {
    return this.schedules.get(channelKey) ?? null;
  }

  async save(schedule: Schedule): Promise<void> {
    this.schedules.set(schedule.channelKey, ScheduleSchema.parse(schedule), Number.MAX_SAFE_INTEGER);
  }

  async remove(channelKey: string): Promise<void> {
    this.schedules.delete([channelKey]);
  }
}
