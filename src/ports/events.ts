import { z } from "zod";
import { FocusSchema } from "../domain/focus.js";
import { CandidateSchema } from "../domain/session.js";
import { ACTIONS, type Action } from "../core/messages/message.js";

/**
 * What adapters hand the intake. `eventId` is the platform's own id for the delivery, the same on
 * every retry of it (Slack `event_id` or `client_msg_id`, Discord message or interaction id); for a
 * button, adapters use `pressEventId`.
 */
const EventIdSchema = z.string().min(1).max(200);
const ThreadKeySchema = z.string().min(1).max(300);

export const MessageEventSchema = z.object({
  eventId: EventIdSchema,
  threadKey: ThreadKeySchema,
  /** Platform-qualified user id, as in `Candidate.id`. */
  authorId: z.string().min(1),
  text: z.string(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

export const ActionEventSchema = z.object({
  eventId: EventIdSchema,
  threadKey: ThreadKeySchema,
  actorId: z.string().min(1),
  action: z.enum(ACTIONS),
});
export type ActionEvent = z.infer<typeof ActionEventSchema>;

/**
 * A press's event id: the message carrying the button, the action and who pressed, so a double
 * click on "End" is one event, while a teammate's press (refused) leaves the candidate's own press
 * on that message still to come rather than a duplicate of it.
 */
export function pressEventId(platform: string, messageId: string, action: Action, actorId: string): string {
  return `${platform}:${messageId}:${action}:${actorId}`;
}

export const StartEventSchema = z.object({
  eventId: EventIdSchema,
  threadKey: ThreadKeySchema,
  candidate: CandidateSchema,
  /** As typed; the engine validates it and the candidate hears about a bad one in the thread. */
  level: z.string().optional(),
  problem: z.string().optional(),
  /** `/mock-interview focus`: what this interview should exercise (see src/features/team). */
  focus: FocusSchema.optional(),
});
export type StartEvent = z.infer<typeof StartEventSchema>;

/** An event waiting in its thread's inbox, tagged with its kind. */
export const InboxEventSchema = z.discriminatedUnion("kind", [
  MessageEventSchema.extend({ kind: z.literal("message") }),
  ActionEventSchema.extend({ kind: z.literal("action") }),
  StartEventSchema.extend({ kind: z.literal("start") }),
]);
export type InboxEvent = z.infer<typeof InboxEventSchema>;

/** As stored in the inbox list: the event and the Redis time (ms) it was taken in. */
export const InboxEntrySchema = z.object({ at: z.number(), event: InboxEventSchema });
export type InboxEntry = z.infer<typeof InboxEntrySchema>;
