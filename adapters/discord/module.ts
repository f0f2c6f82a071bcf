import type { PlatformModule } from "../../src/app/platform.js";
import { loadDiscordConfig } from "./config.js";
import { DiscordPlatform } from "./platform.js";
import { PLATFORM } from "./thread-key.js";

/** Discord as a plug-in: either variable turns it on, so a token forgotten next to an application id is named, not ignored. */
export const discordModule: PlatformModule = {
  name: PLATFORM,
  title: "Discord",
  envHint: "DISCORD_TOKEN",
  configured: (env) => Boolean(env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID),
  create: (env, content, logger) => new DiscordPlatform(loadDiscordConfig(env), content.bank, logger),
};
