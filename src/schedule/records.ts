import type { Redis } from "ioredis";
import type { KeySpace } from "../infra/redis/keys.js";
import { parseSchedule, type Schedule } from "./schedule-schema.js";

/**
 * The channels' schedules in one hash. No TTL: a schedule is channel configuration and stays
 * until someone turns it off, however long it runs.
 */
export class ScheduleRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async get(channelKey: string): Promise<Schedule | null> {
    return parseSchedule(await this.redis.hget(this.keys.schedules, channelKey));
  }

  async save(schedule: Schedule): Promise<void> {
    await this.redis.hset(this.keys.schedules, schedule.channelKey, JSON.stringify(schedule));
  }

  async remove(channelKey: string): Promise<void> {
    await this.redis.hdel(this.keys.schedules, channelKey);
  }
}
