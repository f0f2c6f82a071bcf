#!/usr/bin/env -S node --import tsx
// The composition root: the only place that sees both src/ and adapters/.
import type { Config } from "../src/config/env.js";
import type { ChatPlatform } from "../src/service/platform.js";
import { runFromCommandLine } from "../src/service/main.js";

/**
 * The chat platforms this deployment has credentials for. The Slack and Discord adapters (issues 5
 * and 6) add themselves here, e.g. `if (config.SLACK_BOT_TOKEN) platforms.push(slackPlatform(config))`;
 * each implements ChatPlatform (src/service/platform.ts) and owns a thread-key prefix.
 */
function configuredPlatforms(_config: Config): ChatPlatform[] {
  const platforms: ChatPlatform[] = [];
  return platforms;
}

await runFromCommandLine(process.argv.slice(2), configuredPlatforms);
