import type { Intake } from "../ports/intake.js";
import type { Poster } from "../ports/poster.js";
import type { Directory } from "../ports/directory.js";
import type { TeamServices } from "../features/team/port.js";

/**
 * A chat platform as the service sees it; each adapter (Slack, Discord) implements one.
 * Constructing it opens nothing: the worker only uses `poster`, the bot role also calls `start`.
 */
export interface ChatPlatform {
  /** The thread-key prefix this platform owns: `slack` for `slack:<team>:<channel>:<thread_ts>`. */
  readonly name: string;
  /** Posts into this platform's threads with its REST client only (no gateway, no receiver). */
  readonly poster: Poster;
  /**
   * Posts for queue jobs (scorecards, failure notices, weekly prompts), when the platform gives
   * them their own retries: short ones, since the queue retries the whole attempt with backoff.
   * @defaultValue `poster`
   */
  readonly jobPoster?: Poster;
  /** Answers membership, admin and link questions for the team features, from the platform's REST API. */
  readonly directory?: Directory;
  /** Starts receiving (HTTP receiver, gateway) and hands every event to `intake`, and team commands to `team`. */
  start(intake: Intake, team?: TeamServices): Promise<void>;
  /** Stops receiving; events not yet handed over are left for the platform to redeliver. */
  stop(): Promise<void>;
}

export const NO_PLATFORM_MESSAGE = "No chat platform configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN (see the README's Slack and Discord sections)";
