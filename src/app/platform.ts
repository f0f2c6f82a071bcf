import type { Content } from "../engine/context.js";
import { ContentError } from "../core/errors.js";
import type { Intake } from "../ports/intake.js";
import type { Logger } from "../ops/logger.js";
import type { Poster } from "../ports/poster.js";
import type { Directory } from "../ports/directory.js";
import type { TeamServices } from "../features/team/port.js";

/**
 * A chat platform as the service sees it; each adapter implements one.
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

/**
 * A chat platform as a plug-in: each adapter exports one, `adapters/index.ts` lists them, and the
 * composition root creates every configured one without knowing which platforms exist.
 */
export interface PlatformModule {
  /** The thread-key prefix the created platform owns (ChatPlatform.name). */
  readonly name: string;
  /** How the README and start-up name it: "Slack". */
  readonly title: string;
  /** The variable that turns it on, named when nothing is configured: "SLACK_BOT_TOKEN". */
  readonly envHint: string;
  /** What the platform can show of the content, checked at start-up so a rubric it cannot draw stops it with one line. @defaultValue no limits */
  readonly limits?: { reviewDimensions?: number };
  /** Whether `env` asks for this platform; a half-set one counts, so `create` can say what is missing. */
  configured(env: NodeJS.ProcessEnv): boolean;
  /** The platform for `env`; a bad variable is a ConfigError naming it. Opens no connection. */
  create(env: NodeJS.ProcessEnv, content: Content, logger: Logger): ChatPlatform;
}

/** The platforms `env` configures, in registration order; content one of them cannot show is a ContentError. */
export function configuredPlatforms(modules: readonly PlatformModule[], env: NodeJS.ProcessEnv, content: Content, logger: Logger): ChatPlatform[] {
  const configured = modules.filter((module) => module.configured(env));
  for (const module of configured) {
    const most = module.limits?.reviewDimensions;
    const count = content.rubric.dimensions.length;
    if (most !== undefined && count > most) throw new ContentError(`rubric/dimensions.yaml: ${count} dimensions, but ${module.title}'s review form shows at most ${most}`);
  }
  return configured.map((module) => module.create(env, content, logger));
}

/** What start-up says when no platform is configured, from the registered platforms' own hints. */
export function noPlatformMessage(modules: readonly PlatformModule[]): string {
  if (modules.length === 0) return "No chat platform configured: this build registers none";
  const titles = modules.map((module) => module.title);
  const sections = titles.length === 1 ? `${titles[0] ?? ""} section` : `${titles.slice(0, -1).join(", ")} and ${titles.at(-1) ?? ""} sections`;
  return `No chat platform configured: set ${modules.map((module) => module.envHint).join(" or ")} (see the README's ${sections})`;
}
