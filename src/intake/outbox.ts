import type { Redis } from "ioredis";
import { z } from "zod";
import { DependencyDownError } from "../errors.js";
import type { OutgoingMessage } from "../messages/message.js";
import { OutgoingMessageSchema } from "../messages/schema.js";
import type { Logger } from "../ops/logger.js";
import type { Metrics } from "../ops/metrics.js";
import type { Poster, PostOptions } from "../poster/port.js";
import { storage } from "../store/errors.js";
import type { KeySpace } from "../store/keys.js";
import { LockLostError } from "../store/redis.js";
import type { Lease } from "./lock.js";
import { ATTEMPT_REPLY, SETTLE_REPLY } from "./scripts.js";

/**
 * Deliveries of one reply before it is dropped: the first right after its turn, each further one
 * by whoever next takes the thread (its next turn, or a sweeper every few seconds). Each attempt
 * already includes the platform SDK's own retries, and a crash during one counts too, so a reply
 * that kills or wedges its poster cannot hold the thread forever.
 */
export const DELIVERY_ATTEMPTS = 5;

export const REPLY_LOST_MESSAGE =
  "I couldn't post my last reply in this thread, even after several tries, so it is lost. Your interview itself is saved: carry on, or type help to see the commands.";

/** A committed reply, as the thread's outbox holds it until the platform has all of it. */
export interface PendingReply {
  id: string;
  threadKey: string;
  /** The interview whose turn it answers; empty when that turn saved none. */
  interviewId: string;
  messages: OutgoingMessage[];
  /** The "thinking…" placeholder its first message replaces. */
  replaces: string | undefined;
  /** How many of `messages` the platform has accepted. */
  delivered: number;
  /** Deliveries started, the current one included. */
  attempts: number;
}

/** The platform has not taken a reply yet. The thread's later turns wait for it, so replies keep their order. */
export class ReplyPendingError extends DependencyDownError {
  constructor(readonly threadKey: string) {
    super("The chat platform did not take my reply yet; I'll send it again shortly.");
  }
}

const StoredReplySchema = z.object({
  id: z.string().min(1),
  messages: z.string(),
  replaces: z.string(),
  interview: z.string(),
  delivered: z.coerce.number().int().min(0),
  attempts: z.coerce.number().int().min(1),
});
const MessagesSchema = z.array(OutgoingMessageSchema);

export interface OutboxOptions {
  redis: Redis;
  keys: KeySpace;
  poster: Poster;
  metrics: Metrics;
  logger: Logger;
}

/**
 * Delivers each thread's committed reply (COMMIT_TURN queues it with the turn; a reply shown to one
 * user only is posted directly instead, see TurnRunner) while holding the thread's lock, recording each message once the platform accepted it. A crash mid-delivery leaves
 * the reply for the thread's next holder, which sends what is left with the same idempotency keys:
 * Discord returns a message already sent under its nonce, Slack's replacement of the placeholder
 * is an edit, so a platform that accepted a message before the crash does not show it twice.
 */
export class Outbox {
  constructor(private readonly options: OutboxOptions) {}

  /** Posts what is left of the reply; false when the platform refused a message (the reply waits for its next attempt). */
  async deliver(reply: PendingReply): Promise<boolean> {
    const { poster, metrics } = this.options;
    for (let index = reply.delivered; index < reply.messages.length; index++) {
      const message = reply.messages[index];
      if (!message) break;
      const options: PostOptions = { idempotencyKey: `reply-${reply.id}-${index}` };
      if (index === 0 && reply.replaces) options.replaces = reply.replaces;
      try {
        await poster.post(reply.threadKey, message, options);
      } catch (error) {
        metrics.error("post-failed");
        this.log(reply).warn({ err: error instanceof Error ? error.message : String(error), kind: message.kind, attempt: reply.attempts }, "could not post a reply; it waits in the outbox");
        return false;
      }
      await this.settle(reply, index + 1);
    }
    return true;
  }

  /**
   * For the thread's new holder: the reply a crashed or refused turn left, as one more attempt, or
   * dropped once it has had them all. True when nothing is left to deliver.
   */
  async redeliver(lease: Lease): Promise<boolean> {
    const { redis, keys } = this.options;
    const { threadKey } = lease;
    const raw = await storage(() => ATTEMPT_REPLY.run(redis, [keys.lock(threadKey), keys.outbox(threadKey)], [lease.token]));
    if (raw === null) throw new LockLostError(threadKey);
    if (!Array.isArray(raw) || raw.length === 0) return true;
    const reply = readReply(threadKey, raw);
    if (!reply) {
      this.options.logger.warn({ sessionKey: threadKey }, "unreadable reply dropped from the outbox");
      await storage(() => redis.del(keys.outbox(threadKey)));
      return true;
    }
    if (reply.attempts > DELIVERY_ATTEMPTS) {
      await this.drop(reply);
      return true;
    }
    this.log(reply).info({ attempt: reply.attempts, delivered: reply.delivered, messages: reply.messages.length }, "delivering a reply an earlier turn left");
    return this.deliver(reply);
  }

  /** Gives up on the reply, and tells the thread so if the platform takes that, in the placeholder's place when it still shows. */
  private async drop(reply: PendingReply): Promise<void> {
    const log = this.log(reply);
    this.options.metrics.error("reply-dropped");
    log.error({ attempts: reply.attempts - 1, delivered: reply.delivered, messages: reply.messages.length }, "reply dropped: the platform refused it on every attempt");
    await this.settle(reply, reply.messages.length);
    const options: PostOptions = { idempotencyKey: `reply-${reply.id}-lost` };
    if (reply.delivered === 0 && reply.replaces) options.replaces = reply.replaces;
    try {
      await this.options.poster.post(reply.threadKey, { kind: "error", paragraphs: [REPLY_LOST_MESSAGE] }, options);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not post the lost-reply notice either");
    }
  }

  private async settle(reply: PendingReply, delivered: number): Promise<void> {
    const { redis, keys } = this.options;
    await storage(() => SETTLE_REPLY.run(redis, [keys.outbox(reply.threadKey)], [reply.id, delivered, reply.messages.length]));
    reply.delivered = delivered;
  }

  private log(reply: PendingReply): Logger {
    return this.options.logger.child({ sessionKey: reply.threadKey, ...(reply.interviewId ? { interviewId: reply.interviewId } : {}), replyId: reply.id });
  }
}

/** HGETALL's flat list as a reply; null when it cannot be read (then it is only dropped). */
function readReply(threadKey: string, flat: unknown[]): PendingReply | null {
  const fields: Record<string, unknown> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[String(flat[index])] = flat[index + 1];
  const stored = StoredReplySchema.safeParse(fields);
  if (!stored.success) return null;
  let messages: unknown;
  try {
    messages = JSON.parse(stored.data.messages);
  } catch {
    return null;
  }
  const parsed = MessagesSchema.safeParse(messages);
  if (!parsed.success) return null;
  const { id, interview, delivered, attempts } = stored.data;
  return { id, threadKey, interviewId: interview, messages: parsed.data, replaces: stored.data.replaces || undefined, delivered, attempts };
}
