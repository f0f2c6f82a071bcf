import type { RedisClient } from "./client.js";
import type { KeySpace } from "./keys.js";
import type { Schedule, ScheduleRecords } from "../../ports/schedules.js";
import { parseSchedule } from "./schedule-parse.js";

/** The channels' schedules in one Redis hash (channel key → schedule JSON), with no TTL. */
export class RedisScheduleRecords implements ScheduleRecords {
  constructor(
    private readonly redis: RedisClient,
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
