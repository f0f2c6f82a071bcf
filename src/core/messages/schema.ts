import { z } from "zod";
import { ACTIONS, TEAM_ACTIONS, type OutgoingMessage } from "./message.js";

/** An OutgoingMessage read back from storage (a reply waiting in a thread's outbox), as its interface spells it. */
export const OutgoingMessageSchema = z.object({
  kind: z.enum(["interviewer", "notice", "summary", "error"]),
  heading: z.string().exactOptional(),
  paragraphs: z.array(z.string()),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).exactOptional(),
  actions: z.array(z.enum(ACTIONS)).exactOptional(),
  buttons: z
    .array(z.object({ action: z.enum(TEAM_ACTIONS), label: z.string(), value: z.string(), style: z.enum(["primary", "danger"]).exactOptional() }))
    .exactOptional(),
  mentions: z.array(z.string()).exactOptional(),
}) satisfies z.ZodType<OutgoingMessage>;
