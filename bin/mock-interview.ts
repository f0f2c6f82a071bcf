#!/usr/bin/env -S node --import tsx
// The composition root: the only place that sees both src/ and adapters/.
import { loadDiscordConfig } from "../adapters/discord/config.js";
import { DiscordPlatform } from "../adapters/discord/platform.js";
import { loadSlackConfig } from "../adapters/slack/config.js";
import { SlackPlatform } from "../adapters/slack/platform.js";
import type { Config } from "../src/config/env.js";
import type { Content } from "../src/engine/context.js";
import { createLogger } from "../src/ops/logger.js";
import type { ChatPlatform } from "../src/app/platform.js";
import { runFromCommandLine } from "../src/app/main.js";

/**
 * The chat platforms this deployment has credentials for; each implements ChatPlatform
 * (src/app/platform.ts) and owns a thread-key prefix. A bad platform variable stops start-up
 * with one line, like every other setting.
 */
function configuredPlatforms(config: Config, { bank }: Content): ChatPlatform[] {
  const platforms: ChatPlatform[] = [];
  const logger = createLogger({ level: config.LOG_LEVEL, role: "platform" });
  const slack = loadSlackConfig();
  if (slack) platforms.push(new SlackPlatform(slack, bank, logger));
  // Either Discord variable turns Discord on, so a token forgotten next to an application id is named, not ignored.
  if (process.env.DISCORD_TOKEN || process.env.DISCORD_APPLICATION_ID) platforms.push(new DiscordPlatform(loadDiscordConfig(), bank, logger));
  return platforms;
}

await runFromCommandLine(process.argv.slice(2), configuredPlatforms);
