import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { Logger } from "../../src/ops/logger.js";
import { boltLogger } from "./bolt-logger.js";
import type { WebApiPolicy } from "./config.js";

/**
 * The WebClient options a policy stands for: bounded retries with a doubling wait, a per-request
 * timeout, and 429s rejected at once instead of paused on. No jitter, so the bound the docs state
 * is exact; BullMQ's backoff already spreads the jobs that retry.
 */
export function webClientOptions(policy: WebApiPolicy, apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: policy.retries, factor: 2, minTimeout: policy.firstRetryMs, maxTimeout: policy.firstRetryMs * 2 ** policy.retries, randomize: false },
    timeout: policy.timeoutMs,
    rejectRateLimitedCalls: true,
  };
}

/**
 * A WebClient where a rate limit costs only the call that met it. The stock client answers a 429 by
 * pausing its whole request queue for the Retry-After, so one thread's limit held every other
 * thread's placeholder and reply. Here a rate-limited call is rejected at once and this call
 * alone waits its Retry-After and goes again, while other calls carry on; each honours its own 429.
 */
export class SlackWebClient extends webApi.WebClient {
  private readonly rateLimits: Pick<WebApiPolicy, "rateLimitRetries" | "maxRateLimitWaitMs">;
  private readonly log: Logger;

  constructor(token: string, options: { apiUrl: string | undefined; policy: WebApiPolicy; logger: Logger }) {
    super(token, { ...webClientOptions(options.policy, options.apiUrl), logger: boltLogger(options.logger) });
    this.rateLimits = options.policy;
    this.log = options.logger;
  }

  // Every method helper (chat.postMessage, users.info, …, the steps of filesUploadV2) comes through here.
  override async apiCall(method: string, options?: Record<string, unknown>): Promise<webApi.WebAPICallResult> {
    for (let waited = 0; ; waited++) {
      try {
        return await super.apiCall(method, options);
      } catch (error) {
        const waitMs = retryAfterMs(error);
        if (waitMs === undefined || waited >= this.rateLimits.rateLimitRetries || waitMs > this.rateLimits.maxRateLimitWaitMs) throw error;
        const channel = typeof options?.channel === "string" ? options.channel : undefined;
        this.log.warn({ platform: "slack", method, channel, retryAfterMs: waitMs }, "slack rate-limited a call; it alone waits and goes again");
        await sleep(waitMs);
      }
    }
  }
}

function retryAfterMs(error: unknown): number | undefined {
  return error instanceof webApi.WebAPIRateLimitedError ? error.retryAfter * 1_000 : undefined;
}
