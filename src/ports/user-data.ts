import { z } from "zod";

/** A thread holding some of the user's interviews. */
export const ThreadFootprintSchema = z.object({
  threadKey: z.string().min(1),
  /** The user's interviews there: those in their index and any others of theirs in the thread. */
  interviewIds: z.array(z.string().min(1)),
  /** The thread also holds someone else's interview, so only the user's entries may go. */
  shared: z.boolean(),
});
export type ThreadFootprint = z.infer<typeof ThreadFootprintSchema>;

/** What is stored about a user as a candidate: what forget-me deletes and counts. */
export const FootprintSchema = z.object({
  threads: z.array(ThreadFootprintSchema),
  /** Interviews still stored (expired ones left in an index do not count). */
  interviews: z.number().int().nonnegative(),
  summaries: z.number().int().nonnegative(),
  reviewsReceived: z.number().int().nonnegative(),
});
export type Footprint = z.infer<typeof FootprintSchema>;

/**
 * Everything stored about one user as a candidate, found and erased for forget-me. Reviews the
 * user wrote about others stay with those interviews: they name the user by key only.
 */
export interface UserData {
  /** Reads the user's whole candidate index (not a page of it) and what each thread it names holds. */
  footprint(user: string): Promise<Footprint>;
  /** Drops pending work for what `found` names (due summaries, waiting threads), so nothing picks it up while it is erased. */
  dropPending(found: Footprint): Promise<void>;
  /** Erases the interviews `found` names with their transcripts, scorecards, reviews and posted records, and the user's index. */
  erase(user: string, found: Footprint): Promise<void>;
}

/** Queued summary work for an interview (BullMQ jobs in production); forget-me removes it. */
export interface SummaryJobs {
  /** Drops an interview's summary job. False when a worker holds it right now and it cannot be removed. */
  remove(interviewId: string): Promise<boolean>;
}
