import { ConflictError } from "../../core/errors.js";
import { NO_CHANNEL_FOR_SCHEDULES } from "../../features/copy.js";
import type { PracticeSchedules } from "../../features/team/port.js";

/** A host without channels (the terminal) schedules nothing; asking says why. */
export const NO_SCHEDULES: PracticeSchedules = {
  set: async () => {
    throw new ConflictError(NO_CHANNEL_FOR_SCHEDULES);
  },
  list: async () => {
    throw new ConflictError(NO_CHANNEL_FOR_SCHEDULES);
  },
  off: async () => {
    throw new ConflictError(NO_CHANNEL_FOR_SCHEDULES);
  },
};
