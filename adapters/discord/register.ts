import { pathToFileURL } from "node:url";
import { DiscordAPIError, REST } from "@discordjs/rest";
import { Routes } from "discord.js";
import { z } from "zod";
import { isAppError } from "../../src/core/errors.js";
import { commandDefinitions } from "./commands.js";
import { loadDiscordConfig, type DiscordConfig } from "./config.js";

/** The part of Discord's answer we report; parsed, since REST hands back `unknown`. */
const RegisteredSchema = z.array(z.looseObject({ id: z.string(), name: z.string() }));

export interface Registration {
  scope: "guild" | "global";
  guildId?: string;
  commands: Array<{ id: string; name: string }>;
}

/**
 * Registers the slash commands with a bulk overwrite (PUT), so running it again replaces the set
 * instead of adding to it: to one guild when DISCORD_GUILD_ID is set (visible at once, for
 * development), else globally.
 */
export async function registerCommands(config: DiscordConfig): Promise<Registration> {
  const rest = new REST({ version: "10", ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) }).setToken(config.DISCORD_TOKEN);
  try {
    const guildId = config.DISCORD_GUILD_ID;
    const route = guildId ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, guildId) : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
    const answer = await rest.put(route, { body: commandDefinitions(guildId ? "guild" : "global") });
    const commands = RegisteredSchema.parse(answer).map(({ id, name }) => ({ id, name }));
    return guildId ? { scope: "guild", guildId, commands } : { scope: "global", commands };
  } finally {
    // The sweepers are unref'd timers, but a one-shot script should leave nothing behind.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** One line for the operator: what Discord refused and the likely fix. */
export function describeFailure(error: unknown): string {
  if (isAppError(error)) return error.message;
  if (error instanceof DiscordAPIError) {
    const hint =
      error.status === 401
        ? " Check DISCORD_TOKEN."
        : error.status === 403 || error.status === 404
          ? " Check DISCORD_APPLICATION_ID, and that the bot was invited to DISCORD_GUILD_ID with the applications.commands scope."
          : "";
    return `Discord refused the commands: ${error.status} ${error.message} (code ${String(error.code)}).${hint}`;
  }
  return `Could not register the commands: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<number> {
  const registration = await registerCommands(loadDiscordConfig());
  const names = registration.commands.map((command) => `/${command.name}`).join(", ");
  const where = registration.scope === "guild" ? `in guild ${registration.guildId ?? ""}` : "globally";
  process.stdout.write(`Registered ${names} ${where} (${registration.commands.length} command${registration.commands.length === 1 ? "" : "s"}).\n`);
  return 0;
}

// `npm run discord:register` runs this file; tests import registerCommands without running main.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${describeFailure(error).split("\n")[0] ?? ""}\n`);
      process.exit(1);
    },
  );
}
