/**
 * The "thinking…" message shown while a reply is being written, kept in storage so whichever
 * process answers the turn replaces it. The turn's commit takes it (TurnStore.commit).
 */
export interface Placeholders {
  /** True for the first caller of a burst: that one shows the placeholder. */
  claim(threadKey: string): Promise<boolean>;
  /** Records the shown placeholder, unless a reply already took the claim. */
  shown(threadKey: string, ref: string): Promise<void>;
  abandon(threadKey: string): Promise<void>;
}
