import type { PlatformModule } from "../src/app/platform.js";
import { discordModule } from "./discord/module.js";
import { slackModule } from "./slack/module.js";

/**
 * Every chat platform this build can run. A new platform is a folder under adapters/ exporting a
 * PlatformModule, and one line here; nothing in bin/ or src/ names it.
 */
export const PLATFORMS: readonly PlatformModule[] = [slackModule, discordModule];
