import { hash } from "../../content/bank.js";
import type { Problem } from "../../content/schemas.js";

/**
 * The same order for a channel on every rotation, different between channels. Because it repeats,
 * the last problem of one rotation is not the first of the next (unless the bank has one problem).
 */
export function channelOrder(channelKey: string, candidates: readonly Problem[]): string[] {
  return candidates
    .map((problem) => ({ id: problem.id, rank: hash(`${channelKey}#${problem.id}`) }))
    .sort((left, right) => left.rank - right.rank || left.id.localeCompare(right.id))
    .map((candidate) => candidate.id);
}
