import { ConfigError } from "../core/errors.js";
import type { OutgoingMessage } from "../core/messages/message.js";
import type { Image, Poster, PostOptions } from "../ports/poster.js";
import type { LiveMessage, LiveOptions } from "../ports/live.js";

/** The platform a thread key belongs to: its first segment (`slack:T1:C1:1700.1` → `slack`). */
export function platformOf(threadKey: string): string {
  const colon = threadKey.indexOf(":");
  return colon === -1 ? threadKey : threadKey.slice(0, colon);
}

/** Picks the poster by the thread key's platform prefix, so the worker can post for every configured platform. */
export class PosterRouter implements Poster {
  private readonly posters: ReadonlyMap<string, Poster>;

  constructor(posters: Iterable<readonly [platform: string, poster: Poster]>) {
    this.posters = new Map(posters);
  }

  get platforms(): string[] {
    return [...this.posters.keys()];
  }

  handles(threadKey: string): boolean {
    return this.posters.has(platformOf(threadKey));
  }

  showsPlaceholder(threadKey: string): boolean {
    return this.posters.get(platformOf(threadKey))?.placeholder !== undefined;
  }

  async placeholder(threadKey: string): Promise<string | undefined> {
    return this.posters.get(platformOf(threadKey))?.placeholder?.(threadKey);
  }

  live(threadKey: string, options: LiveOptions): LiveMessage | undefined {
    return this.posters.get(platformOf(threadKey))?.live?.(threadKey, options);
  }

  async post(threadKey: string, message: OutgoingMessage, options?: PostOptions): Promise<void> {
    await this.for(threadKey).post(threadKey, message, options);
  }

  async direct(userKey: string, message: OutgoingMessage): Promise<void> {
    const poster = this.for(userKey);
    if (!poster.direct) throw new ConfigError(`"${platformOf(userKey)}" cannot send direct messages`);
    await poster.direct(userKey, message);
  }

  async postImage(key: string, image: Image, message: OutgoingMessage): Promise<void> {
    const poster = this.for(key);
    if (!poster.postImage) throw new ConfigError(`"${platformOf(key)}" cannot post images`);
    await poster.postImage(key, image, message);
  }

  private for(key: string): Poster {
    const poster = this.posters.get(platformOf(key));
    if (!poster) {
      throw new ConfigError(`No poster for "${platformOf(key)}" threads: that platform is not configured in this process (configured: ${this.platforms.join(", ") || "none"}).`);
    }
    return poster;
  }
}
