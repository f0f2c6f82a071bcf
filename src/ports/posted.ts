import { z } from "zod";
import type { InterviewRef } from "./interview-ref.js";

export const PostedKindSchema = z.enum(["summary", "failure-notice"]);
export type PostedKind = z.infer<typeof PostedKindSchema>;

/**
 * What the summary worker has already posted for an interview. A job that runs again (its worker
 * was killed after posting, or the job was re-added) finds the record and posts nothing twice.
 */
export interface PostedRecord {
  has(interview: InterviewRef, kind: PostedKind): Promise<boolean>;
  /**
   * Records a post for as long as the interview is kept. A failure notice is recorded even for an
   * interview that is gone (that is often why it failed), so the notice is never repeated; a
   * summary for a forgotten interview leaves nothing behind.
   */
  record(interview: InterviewRef, kind: PostedKind): Promise<void>;
}
