import type { PlatformModule } from "../../src/app/platform.js";
import { loadSlackConfig } from "./config.js";
import { SlackPlatform } from "./platform.js";
import { MAX_REVIEW_DIMENSIONS } from "./review-modal.js";

/** Slack as a plug-in: on when any SLACK_ token is set, so a half-set one is named rather than ignored. */
export const slackModule: PlatformModule = {
  name: "slack",
  title: "Slack",
  envHint: "SLACK_BOT_TOKEN",
  limits: { reviewDimensions: MAX_REVIEW_DIMENSIONS },
  configured: (env) => Boolean(env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET),
  create(env, content, logger) {
    const config = loadSlackConfig(env);
    if (!config) throw new Error("slackModule.create called without SLACK_BOT_TOKEN");
    return new SlackPlatform(config, content.bank, logger);
  },
};
