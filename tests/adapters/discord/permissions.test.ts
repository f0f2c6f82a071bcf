import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { BOT_PERMISSIONS, BOT_PERMISSIONS_INTEGER, inviteUrl } from "../../../adapters/discord/permissions.js";
import { ROOT } from "../../support/cli.js";

describe("the bot's permissions", () => {
  test("each flag is discord.js's own, and together they are the least the README asks for", () => {
    for (const [name, flag] of Object.entries(BOT_PERMISSIONS)) expect([name, flag]).toEqual([name, PermissionFlagsBits[name as keyof typeof PermissionFlagsBits]]);
    expect(Object.keys(BOT_PERMISSIONS).sort()).toEqual(
      ["AttachFiles", "CreatePrivateThreads", "CreatePublicThreads", "EmbedLinks", "ReadMessageHistory", "SendMessages", "SendMessagesInThreads", "ViewChannel"].sort(),
    );
  });

  test("the README's invite URL carries the same permissions integer and both scopes", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const url = inviteUrl("<APPLICATION_ID>").replace("%3CAPPLICATION_ID%3E", "<APPLICATION_ID>");
    expect(readme).toContain(url);
    expect(readme).toContain(`permissions integer \`${BOT_PERMISSIONS_INTEGER}\``);
    expect(new URL(inviteUrl("1304556123456789012")).searchParams.get("scope")).toBe("bot applications.commands");
  });
});
