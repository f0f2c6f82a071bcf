import { describe, expect, test } from "@jest/globals";
import { PLATFORMS } from "../../adapters/index.js";
import { loadContent } from "../../src/engine/context.js";
import { ConfigError } from "../../src/core/errors.js";
import { silentLogger } from "../../src/ops/logger.js";
import { configuredPlatforms, noPlatformMessage, type PlatformModule } from "../../src/app/platform.js";

/** Platforms register themselves: the composition root iterates the list and names none of them. */

const content = loadContent();

describe("the platform registry", () => {
  test("no variables set starts no platform, and the message names each registered platform's own variable", () => {
    expect(configuredPlatforms(PLATFORMS, {}, content, silentLogger)).toEqual([]);
    expect(noPlatformMessage(PLATFORMS)).toBe("No chat platform configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN (see the README's Slack and Discord sections)");
  });

  test("a platform half set up stops start-up with the variable it lacks", () => {
    expect(() => configuredPlatforms(PLATFORMS, { DISCORD_TOKEN: "token" }, content, silentLogger)).toThrow(ConfigError);
    expect(() => configuredPlatforms(PLATFORMS, { DISCORD_TOKEN: "token" }, content, silentLogger)).toThrow(/DISCORD_APPLICATION_ID/);
    expect(() => configuredPlatforms(PLATFORMS, { SLACK_APP_TOKEN: "xapp-1" }, content, silentLogger)).toThrow(/SLACK_BOT_TOKEN/);
  });

  test("each configured platform is created, under its own name, in registration order", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "1304556123456789012" };
    expect(configuredPlatforms(PLATFORMS, env, content, silentLogger).map((platform) => platform.name)).toEqual(["slack", "discord"]);
  });

  test("a rubric a configured platform cannot draw stops start-up with one line naming the file", () => {
    const [first] = content.rubric.dimensions;
    if (!first) throw new Error("the rubric has no dimensions");
    const huge = { ...content, rubric: { ...content.rubric, dimensions: Array.from({ length: 50 }, () => first) } };
    expect(() => configuredPlatforms(PLATFORMS, { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, huge, silentLogger)).toThrow("rubric/dimensions.yaml: 50 dimensions, but Slack's review form shows at most 49");
    // Discord shows the form in parts, so any number fits.
    expect(configuredPlatforms(PLATFORMS, { DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "1304556123456789012" }, huge, silentLogger)).toHaveLength(1);
  });

  test("a registered third platform is named by the message without any other change", () => {
    const chatter: PlatformModule = { name: "chatter", title: "Chatter", envHint: "CHATTER_TOKEN", configured: () => false, create: () => { throw new Error("not configured"); } };
    expect(noPlatformMessage([...PLATFORMS, chatter])).toBe("No chat platform configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN or CHATTER_TOKEN (see the README's Slack, Discord and Chatter sections)");
  });
});
