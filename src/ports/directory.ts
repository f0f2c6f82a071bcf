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
