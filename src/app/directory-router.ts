import { ConfigError } from "../core/errors.js";
import type { Directory } from "../ports/directory.js";
import { platformOf } from "./poster-router.js";

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
