import type { Redis } from "ioredis";
import type { OutgoingMessage } from "../messages/message.js";
import type { Logger } from "../ops/logger.js";
import type { KeySpace } from "../store/keys.js";
import type { Directory } from "../team/directory.js";
import type { PracticeSchedules } from "../team/port.js";
import type { WeeklyCadence } from "./cadence.js";

export interface SchedulesOptions {
  redis: Redis;
  keys: KeySpace;
  /** BULLMQ_PREFIX: the job schedulers live in BullMQ's keys under it. */
  prefix: string;
  directory: Directory;
  logger: Logger;
}

// SKELETON (issue 7, being built): weekly practice prompts as BullMQ job schedulers.
export class RedisPracticeSchedules implements PracticeSchedules {
  constructor(private readonly options: SchedulesOptions) {}

  set(channelKey: string, user: string, cadence: WeeklyCadence): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`schedules not built yet (${channelKey} ${user} ${cadence.timezone} ${this.options.prefix})`));
  }

  list(channelKey: string): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`schedules not built yet (${channelKey})`));
  }

  off(channelKey: string, user: string): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`schedules not built yet (${channelKey} ${user})`));
  }

  async close(): Promise<void> {}
}
