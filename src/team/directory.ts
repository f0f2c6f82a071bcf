import { ConfigError } from "../core/errors.js";
import { platformOf } from "../app/poster-router.js";

/**
 * What the team features must ask the chat platform itself, on the server side, rather than trust
 * from a button or form: who may read a channel, who administers the workspace, and a link to a
 * thread. Each adapter implements it with its REST client (Slack Web API, Discord REST).
 */
export interface Directory {
  /** Whether the user is a member of (can read) the channel the thread is in. */
  canRead(threadKey: string, userKey: string): Promise<boolean>;
  /** Whether the user administers the workspace or server the channel belongs to. */
  isAdmin(channelKey: string, userKey: string): Promise<boolean>;
  /** A link that opens the thread in the platform's client. */
  threadLink(threadKey: string): Promise<string>;
}

/** Picks the directory by the key's platform prefix, as PosterRouter does for posting. */
export class DirectoryRouter implements Directory {
  private readonly directories: ReadonlyMap<string, Directory>;

  constructor(directories: Iterable<readonly [platform: string, directory: Directory]>) {
    this.directories = new Map(directories);
  }

  canRead(threadKey: string, userKey: string): Promise<boolean> {
    return this.for(threadKey).canRead(threadKey, userKey);
  }

  isAdmin(channelKey: string, userKey: string): Promise<boolean> {
    return this.for(channelKey).isAdmin(channelKey, userKey);
  }

  threadLink(threadKey: string): Promise<string> {
    return this.for(threadKey).threadLink(threadKey);
  }

  private for(key: string): Directory {
    const directory = this.directories.get(platformOf(key));
    if (!directory) throw new ConfigError(`No directory for "${platformOf(key)}": that platform is not configured in this process`);
    return directory;
  }
}
