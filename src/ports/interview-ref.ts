import { z } from "zod";

/** One interview, wherever it is stored: its thread and its id. Everything attached to an interview is addressed by this. */
export const InterviewRefSchema = z.object({
  threadKey: z.string().min(1),
  interviewId: z.string().min(1),
});
export type InterviewRef = z.infer<typeof InterviewRefSchema>;
