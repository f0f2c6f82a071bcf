import { z } from "zod";
import { blankIsUnset, optionalVar, parseEnv } from "../../src/config/parse.js";
import { ConfigError } from "../../src/core/errors.js";

export const SlackEnvSchema = z.object({
  /** The bot token (OAuth & Permissions → Bot User OAuth Token). Setting it turns Slack on. */
  SLACK_BOT_TOKEN: optionalVar(z.string().startsWith("xoxb-", "must be a bot token starting with xoxb-")),
  /** Basic Information → App-Level Tokens, with connections:write. Set: Socket Mode, no public URL needed. */
  SLACK_APP_TOKEN: optionalVar(z.string().startsWith("xapp-", "must be an app-level token starting with xapp-")),
  /** Basic Information → Signing Secret; verifies requests in HTTP mode. */
  SLACK_SIGNING_SECRET: optionalVar(z.string().min(8, "looks too short to be a signing secret")),
  /** Web API base URL (Bolt's clientOptions.slackApiUrl): for tests, proxies and GovSlack. */
  SLACK_API_URL: optionalVar(z.url("must be a URL such as https://slack.com/api/").transform((url) => (url.endsWith("/") ? url : `${url}/`))),
  /** Port of the HTTP receiver (commands, events and interactivity at POST /slack/events). */
  PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: "must be a port number" }).int("must be a port number").min(0, "must be a port number").max(65_535, "must be a port number").default(3000)),
});

/**
 * How one Web API client treats a failing call. The client's own default (ten retries over about
 * thirty minutes) ran inside each summary job attempt and held a bot's turn, so each client here
 * gives up within seconds and leaves longer waits to whoever can afford them (the job queue's backoff).
 */
export interface WebApiPolicy {
  /** Retries of a call that failed on the network, timed out or got an HTTP 5xx, within one post. */
  retries: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  firstRetryMs: number;
  /** Per HTTP request, so a Slack that hangs counts as a failed try instead of holding the caller. */
  timeoutMs: number;
  /** Times one rate-limited call waits out its Retry-After and is sent again. */
  rateLimitRetries: number;
  /** A longer Retry-After fails the call at once, for the caller's own retry to take over. */
  maxRateLimitWaitMs: number;
}

/**
 * Thread replies, placeholders, starts and team commands: the candidate is waiting and nothing
 * retries the post afterwards, so a few retries, all within about 4 s (0.5 + 1 + 2 s).
 */
export const REPLY_POLICY = { retries: 3, firstRetryMs: 500, timeoutMs: 10_000, rateLimitRetries: 2, maxRateLimitWaitMs: 30_000 } as const satisfies WebApiPolicy;

/**
 * Scorecards, failure notices and weekly prompts, posted from queue jobs: BullMQ retries the whole
 * attempt with SUMMARY_BACKOFF_MS, so each attempt's post gives up after 1 + 2 s of retries. That
 * keeps the "Scorecard unavailable" notice within the time docs/operations.md states.
 */
export const JOB_POLICY = { retries: 2, firstRetryMs: 1_000, timeoutMs: 10_000, rateLimitRetries: 2, maxRateLimitWaitMs: 30_000 } as const satisfies WebApiPolicy;

/**
 * Slash commands answered at once per process after their acks (see SlackPlatform.onCommand).
 * Opening is mostly waiting on Slack (chat.postMessage) and Redis, so this bounds the opens per
 * second to about this many per round trip to Slack: 16 opens a burst of 200 in ~2.5 s at Slack's
 * 200 ms, where 8 took twice that. Against the local fake Slack (1 ms answers), 4, 8 and 16 all
 * acked within the noise of a bare app (`npm run bench -- slack-ack`; figures in docs/operations.md).
 */
export const COMMAND_LANE_CONCURRENCY = 16;
/** A burst of commands is all acknowledged before their work starts: it waits for this much quiet (at most 1 s). */
export const COMMAND_LANE_QUIET_MS = 10;

export interface SlackConfig {
  botToken: string;
  apiUrl: string | undefined;
  /** Socket Mode with this app token, or the HTTP receiver on `port` verified with `signingSecret`. */
  connection: { mode: "socket"; appToken: string } | { mode: "http"; signingSecret: string; port: number };
  /** Changes to the Web API policies; tests make them fast. @defaultValue REPLY_POLICY and JOB_POLICY */
  policies?: { replies?: Partial<WebApiPolicy>; jobs?: Partial<WebApiPolicy> };
  /** Slash commands answered at once after their acks. @defaultValue COMMAND_LANE_CONCURRENCY */
  commandConcurrency?: number;
  /** Quiet the command lane waits for before starting work. @defaultValue COMMAND_LANE_QUIET_MS */
  commandQuietMs?: number;
}

/** Slack's settings, or null when SLACK_BOT_TOKEN is unset (Slack is off). Inconsistent settings fail with one line. */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig | null {
  const parsed = parseEnv(SlackEnvSchema, env);
  if (!parsed.SLACK_BOT_TOKEN) {
    if (parsed.SLACK_APP_TOKEN || parsed.SLACK_SIGNING_SECRET) {
      throw new ConfigError("SLACK_BOT_TOKEN: is not set, but other SLACK_ variables are: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions");
    }
    return null;
  }
  if (parsed.SLACK_APP_TOKEN) {
    return { botToken: parsed.SLACK_BOT_TOKEN, apiUrl: parsed.SLACK_API_URL, connection: { mode: "socket", appToken: parsed.SLACK_APP_TOKEN } };
  }
  if (!parsed.SLACK_SIGNING_SECRET) {
    throw new ConfigError("SLACK_SIGNING_SECRET: is not set: HTTP mode needs it (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode");
  }
  return {
    botToken: parsed.SLACK_BOT_TOKEN,
    apiUrl: parsed.SLACK_API_URL,
    connection: { mode: "http", signingSecret: parsed.SLACK_SIGNING_SECRET, port: parsed.PORT },
  };
}
