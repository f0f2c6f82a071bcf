import { createHash, randomUUID } from "node:crypto";
import { DiscordAPIError, type REST } from "@discordjs/rest";
import { z } from "zod";
import { ForbiddenError } from "../../src/core/errors.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { LiveMessage, LiveOptions } from "../../src/ports/live.js";
import type { Image, Poster, PostOptions } from "../../src/ports/poster.js";
import { graphemePrefix } from "../../src/core/text/clip.js";
import { safeText } from "../../src/core/text/safe.js";
import type { InteractionTokens } from "./interaction-tokens.js";
import { DiscordLiveMessage, LIVE_EDIT_INTERVAL_MS, parseLiveRef } from "./live-message.js";
import { renderDiscord, type DiscordMessage } from "./render.js";
import { discordUserId, parseThreadKey } from "./thread-key.js";

/** Discord accepts a nonce of at most 25 characters. */
const NONCE_LENGTH = 25;
const EPHEMERAL = 1 << 6;
/** Discord's "Cannot send messages to this user": their privacy settings refuse direct messages from the bot. */
const CANNOT_MESSAGE_USER = 50_007;
/** Direct-message channel ids remembered, so a second message to a user costs one request. */
const DM_CHANNELS_LIMIT = 1_000;
/** Alt text (an attachment's description) is at most 1,024 characters. */
const ALT_TEXT_LENGTH = 1_024;
/** Discord's "Unknown Message": the message was deleted (by a moderator, say). */
const UNKNOWN_MESSAGE = 10_008;
/** Live messages whose last write is remembered, so the reply that replaces one keeps to the edit rate. */
const LIVE_WRITES_LIMIT = 1_000;

/**
 * The routes the poster needs, spelled as discord-api-types' `Routes` spells them. Written out so
 * that posting (the summary worker) needs @discordjs/rest alone, not discord.js.
 */
const routes = {
  channelMessages: (channel: string) => `/channels/${channel}/messages` as const,
  channelMessage: (channel: string, message: string) => `/channels/${channel}/messages/${message}` as const,
  channelTyping: (channel: string) => `/channels/${channel}/typing` as const,
  webhook: (application: string, token: string) => `/webhooks/${application}/${token}` as const,
  userChannels: () => "/users/@me/channels" as const,
};

const DmChannelSchema = z.looseObject({ id: z.string() });
const PostedSchema = z.looseObject({ id: z.string() });

export interface DiscordPosterOptions {
  /** Answers button presses with ephemeral follow-ups; without it `visibleTo` messages are posted with a mention. */
  tokens?: InteractionTokens;
  /** Discord shows "is typing…" for about 10 s, so a slow turn renews it this often. @defaultValue 8000 */
  typingRefreshMs?: number;
  /** Renewals stop after this long even if no reply came (an LLM turn is bounded by its timeout and retries). @defaultValue 60000 */
  typingMaxMs?: number;
}

/**
 * Posts into an interview thread with @discordjs/rest alone, so the summary worker needs no gateway
 * connection. Each rendered part is one `POST /channels/<thread>/messages`; with an idempotency key
 * every part carries a nonce Discord enforces, so a retried post within a few minutes returns the
 * message already sent instead of adding a second one. A reply that replaces a streamed one (see
 * `live`) is edited into those messages instead, which a retry repeats harmlessly. Failures reject
 * for the caller to retry.
 */
export class DiscordPoster implements Poster {
  private readonly typing = new Map<string, NodeJS.Timeout>();
  private readonly dmChannels = new Map<string, string>();
  /** When each live message was last written (performance.now()), until the reply replacing it is posted. */
  private readonly liveWrites = new Map<string, number>();
  private readonly typingRefreshMs: number;
  private readonly typingMaxMs: number;

  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly options: DiscordPosterOptions = {},
  ) {
    this.typingRefreshMs = options.typingRefreshMs ?? 8_000;
    this.typingMaxMs = options.typingMaxMs ?? 60_000;
  }

  /**
   * The intake calls this when the candidate's message is queued: Discord's typing indicator, renewed
   * until this poster posts the reply. It leaves nothing to replace, so the reference is undefined.
   */
  async placeholder(threadKey: string): Promise<string | undefined> {
    const { thread } = parseThreadKey(threadKey);
    // Renewals start first, so a reply posted while this request is in flight still cancels them.
    this.keepTyping(thread);
    await this.rest.post(routes.channelTyping(thread));
    return undefined;
  }

  /** Into a thread, or top-level into a channel: a channel key (`discord:<guild>:<channel>`) has the same shape. */
  async post(threadKey: string, message: OutgoingMessage, options: PostOptions = {}): Promise<void> {
    const { thread } = parseThreadKey(threadKey);
    if (options.visibleTo) {
      if (await this.followUp(threadKey, message, options.visibleTo)) return;
      // No live interaction to answer privately: say it in the thread, pinging that user alone.
      const user = discordUserId(options.visibleTo);
      for (const part of renderDiscord(addressedTo(message, user))) {
        await this.send(thread, { ...part, allowed_mentions: { parse: [], users: [user] } });
      }
      return;
    }
    const parts = renderDiscord(message);
    const streamed = parseLiveRef(options.replaces);
    for (const [index, part] of parts.entries()) {
      const body = options.idempotencyKey ? { ...part, nonce: nonceFor(options.idempotencyKey, index), enforce_nonce: true } : part;
      const id = streamed[index];
      if (id === undefined || !(await this.replace(thread, id, part))) await this.send(thread, body);
    }
    // A reply shorter than its stream (the offline line after a failure) leaves no stale part standing.
    for (const id of streamed.slice(parts.length)) await this.remove(thread, id);
  }

  /**
   * A message in the thread that shows a reply as it is written (see DiscordLiveMessage); the reply
   * posted with its reference as `replaces` then takes its place, message by message. Discord's
   * placeholder leaves nothing to write into, but an earlier stream whose reply never came does.
   */
  live(threadKey: string, options: LiveOptions = {}): LiveMessage {
    const { thread } = parseThreadKey(threadKey);
    // A post the REST client retries (its answer lost) must not leave a second, orphaned copy of the words.
    const stream = `live-${randomUUID()}`;
    return new DiscordLiveMessage(
      {
        post: async (body, part) => {
          const nonced = { ...body, nonce: nonceFor(stream, part), enforce_nonce: true };
          const { id } = PostedSchema.parse(await this.rest.post(routes.channelMessages(thread), { body: nonced }));
          this.stopTyping(thread);
          this.wrote(id);
          return id;
        },
        edit: async (id, body) => {
          await this.rest.patch(routes.channelMessage(thread, id), { body });
          this.wrote(id);
        },
      },
      { heading: options.heading, messageIds: parseLiveRef(options.replaces) },
    );
  }

  /**
   * A direct message: the DM channel with the user (Discord returns the existing one), then the
   * message in it. A user whose privacy settings refuse it is a ForbiddenError naming them.
   */
  async direct(userKey: string, message: OutgoingMessage): Promise<void> {
    const user = discordUserId(userKey);
    const channel = await this.dmChannel(user);
    try {
      for (const part of renderDiscord(message)) await this.send(channel, part);
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === CANNOT_MESSAGE_USER) {
        throw new ForbiddenError(`I can't send <@${user}> a direct message: their privacy settings don't allow messages from this server's apps.`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The picture as an attachment (multipart: `files[0]` and `payload_json`) on the caption's first
   * part, with its alt text; a caption too long for one message continues in further messages.
   */
  async postImage(key: string, image: Image, message: OutgoingMessage): Promise<void> {
    const { thread: channel } = parseThreadKey(key);
    const [first, ...rest] = renderDiscord(message);
    const body = { ...(first ?? { allowed_mentions: { parse: [] } }), attachments: [{ id: 0, filename: image.filename, description: graphemePrefix(safeText(image.alt), ALT_TEXT_LENGTH) }] };
    await this.rest.post(routes.channelMessages(channel), { body, files: [{ name: image.filename, data: image.png, contentType: "image/png" }] });
    for (const part of rest) await this.send(channel, part);
  }

  /**
   * Edits a streamed message into one part of the reply, whole (embeds and buttons set, not merged),
   * so an edit repeated on a retry shows the same. False when the message is gone: post it anew.
   */
  private async replace(thread: string, id: string, part: DiscordMessage): Promise<boolean> {
    await this.editPace(id);
    try {
      await this.rest.patch(routes.channelMessage(thread, id), { body: { ...part, content: part.content ?? "", embeds: part.embeds ?? [], components: part.components ?? [] } });
      return true;
    } catch (error) {
      if (isUnknownMessage(error)) return false;
      throw error;
    }
  }

  /** Deletes a streamed message the reply did not need; one already gone (an earlier attempt's delete) is fine. */
  private async remove(thread: string, id: string): Promise<void> {
    this.liveWrites.delete(id);
    try {
      await this.rest.delete(routes.channelMessage(thread, id));
    } catch (error) {
      if (!isUnknownMessage(error)) throw error;
    }
  }

  /** Waits until a live message may be edited again without breaking the edit rate. */
  private async editPace(id: string): Promise<void> {
    const last = this.liveWrites.get(id);
    this.liveWrites.delete(id);
    const wait = last === undefined ? 0 : last + LIVE_EDIT_INTERVAL_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private wrote(id: string): void {
    this.liveWrites.delete(id);
    if (this.liveWrites.size >= LIVE_WRITES_LIMIT) this.liveWrites.delete(this.liveWrites.keys().next().value ?? "");
    this.liveWrites.set(id, performance.now());
  }

  private async dmChannel(user: string): Promise<string> {
    const known = this.dmChannels.get(user);
    if (known) return known;
    const { id } = DmChannelSchema.parse(await this.rest.post(routes.userChannels(), { body: { recipient_id: user } }));
    if (this.dmChannels.size >= DM_CHANNELS_LIMIT) this.dmChannels.delete(this.dmChannels.keys().next().value ?? "");
    this.dmChannels.set(user, id);
    return id;
  }

  /** An ephemeral follow-up on the user's latest button press in the thread; false when there is none to use. */
  private async followUp(threadKey: string, message: OutgoingMessage, visibleTo: string): Promise<boolean> {
    const token = this.options.tokens?.get(threadKey, visibleTo);
    if (!token) return false;
    const parts = renderDiscord(message);
    try {
      for (const part of parts) {
        // Webhook routes authenticate by the token in the path, not the bot token.
        await this.rest.post(routes.webhook(this.applicationId, token), { body: { ...part, flags: EPHEMERAL }, auth: false });
      }
      return true;
    } catch (error) {
      // Unknown Webhook or Invalid Webhook Token: the interaction expired or was never acknowledged.
      if (!(error instanceof DiscordAPIError) || (error.status !== 401 && error.status !== 404)) throw error;
      this.options.tokens?.forget(threadKey, visibleTo, token);
      return false;
    }
  }

  private async send(thread: string, body: DiscordMessage & { nonce?: string; enforce_nonce?: boolean }): Promise<void> {
    await this.rest.post(routes.channelMessages(thread), { body });
    // Discord ends the indicator when the bot's message arrives; a renewal after it would restart it.
    this.stopTyping(thread);
  }

  private keepTyping(thread: string): void {
    this.stopTyping(thread);
    const started = Date.now();
    const timer = setInterval(() => {
      // A failed renewal only shortens the indicator; the reply is what matters.
      this.rest.post(routes.channelTyping(thread)).catch(() => this.stopTyping(thread));
      if (Date.now() - started + this.typingRefreshMs > this.typingMaxMs) this.stopTyping(thread);
    }, this.typingRefreshMs);
    // Nothing to wait for at shutdown: an indicator left running ends by itself within 10 s.
    timer.unref();
    this.typing.set(thread, timer);
  }

  private stopTyping(thread: string): void {
    const timer = this.typing.get(thread);
    if (!timer) return;
    clearInterval(timer);
    this.typing.delete(thread);
  }
}

function isUnknownMessage(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE;
}

/** The message with the user's mention leading its first paragraph. */
function addressedTo(message: OutgoingMessage, userId: string): OutgoingMessage {
  const [first, ...rest] = message.paragraphs;
  return { ...message, paragraphs: [`<@${userId}> ${first ?? ""}`.trimEnd(), ...rest] };
}

/** A stable nonce per key and part, within Discord's 25 characters whatever the key's length. */
export function nonceFor(idempotencyKey: string, part: number): string {
  return createHash("sha256").update(`${idempotencyKey}#${part}`).digest("base64url").slice(0, NONCE_LENGTH);
}
