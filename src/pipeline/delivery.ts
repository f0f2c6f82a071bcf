import { z } from "zod";
import { DependencyDownError } from "../core/errors.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import { OutgoingMessageSchema } from "../core/messages/schema.js";
import type { Logger } from "../ops/logger.js";
import type { Metrics } from "../ops/metrics.js";
import type { Poster, PostOptions } from "../ports/poster.js";
import type { Lease } from "../ports/lock.js";
import type { OutboxStore, StoredReply } from "../ports/outbox.js";

/**
 * Deliveries of one reply before it is dropped: the first right after its turn, each further one
 * by whoever next takes the thread (its next turn, or a sweeper every few seconds). Each attempt
 * already includes the platform SDK's own retries, and a crash during one counts too, so a reply
 * that kills or wedges its poster cannot hold the thread forever.
 */
export const DELIVERY_ATTEMPTS = 5;

export const REPLY_LOST_MESSAGE =
  "I couldn't post my last reply in this thread, even after several tries, so it is lost. Your interview itself is saved: carry on, or type help to see the commands.";

/** A committed reply, as delivery works through it until the platform has all of it. */
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

const MessagesSchema = z.array(OutgoingMessageSchema);

export interface DeliveryOptions {
  outbox: OutboxStore;
  poster: Poster;
  metrics: Metrics;
  logger: Logger;
}

/**
 * Delivers each thread's committed reply while holding the thread's lock, recording each message
 * once the platform accepted it. A crash mid-delivery leaves the reply for the thread's next
 * holder, which sends what is left with the same idempotency keys: Discord returns a message
 * already sent under its nonce, Slack's replacement of the placeholder is an edit, so a platform
 * that accepted a message before the crash does not show it twice.
 */
export class Delivery {
  constructor(private readonly options: DeliveryOptions) {}

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
    const { threadKey } = lease;
    const stored = await this.options.outbox.attempt(lease);
    if (stored === null) return true;
    const reply = stored === "unreadable" ? null : readReply(threadKey, stored);
    if (!reply) {
      this.options.logger.warn({ sessionKey: threadKey }, "unreadable reply dropped from the outbox");
      if (stored !== "unreadable") await this.options.outbox.settle(threadKey, stored.id, 1, 1);
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
    await this.options.outbox.settle(reply.threadKey, reply.id, delivered, reply.messages.length);
    reply.delivered = delivered;
  }

  private log(reply: PendingReply): Logger {
    return this.options.logger.child({ sessionKey: reply.threadKey, ...(reply.interviewId ? { interviewId: reply.interviewId } : {}), replyId: reply.id });
  }
}

/** A stored reply with its messages validated; null when they cannot be read (then it is only dropped). */
function readReply(threadKey: string, stored: StoredReply): PendingReply | null {
  let messages: unknown;
  try {
    messages = JSON.parse(stored.messages);
  } catch {
    return null;
  }
  const parsed = MessagesSchema.safeParse(messages);
  if (!parsed.success) return null;
  const { id, interview, delivered, attempts } = stored;
  return { id, threadKey, interviewId: interview, messages: parsed.data, replaces: stored.replaces || undefined, delivered, attempts };
}
