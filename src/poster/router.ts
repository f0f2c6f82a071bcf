import { ConfigError } from "../errors.js";
import type { OutgoingMessage } from "../messages/message.js";
import type { Poster, PostOptions } from "./port.js";

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

  async post(threadKey: string, message: OutgoingMessage, options?: PostOptions): Promise<void> {
    const poster = this.posters.get(platformOf(threadKey));
    if (!poster) {
      throw new ConfigError(`No poster for "${platformOf(threadKey)}" threads: that platform is not configured in this process (configured: ${this.platforms.join(", ") || "none"}).`);
    }
    await poster.post(threadKey, message, options);
  }
}
