/**
 * The "thinking…" message shown while a reply is being written, kept in storage so whichever
 * process answers the turn replaces it. The turn's commit takes it (TurnStore.commit).
 */
export interface Placeholders {
  /** True for the first caller of a burst: that one shows the placeholder. */
  claim(threadKey: string): Promise<boolean>;
  /** Records the shown placeholder, unless a reply already took the claim or a streamed reply took it over. */
  shown(threadKey: string, ref: string): Promise<void>;
  abandon(threadKey: string): Promise<void>;
  /** The placeholder showing in the thread now, if one was shown and no reply has taken it yet. */
  showing(threadKey: string): Promise<string | undefined>;
  /**
   * The message the next reply must replace is now `ref` (a reply streamed into a message of its
   * own), whatever placeholder was claimed or shown before. Only the thread's lock holder calls it.
   */
  takeOver(threadKey: string, ref: string): Promise<void>;
}
