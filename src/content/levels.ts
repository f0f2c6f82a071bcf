import { z } from "zod";

/** Experience levels, from the least to the most senior. */
export const LEVELS = ["junior", "mid", "senior", "staff"] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
