import { z } from "zod";
import { blankIsUnset, optionalVar, parseEnv } from "../../src/config/parse.js";

/** A required text variable; when it is missing, the message says where to find the value. */
const required = (where: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `is not set: ${where}` : "must be text") }).trim().min(1, `is not set: ${where}`);

/** Discord ids are snowflakes: 64-bit integers sent as decimal strings (17 to 20 digits today). */
const snowflake = z.string().regex(/^\d{17,20}$/, "must be a numeric Discord id (a snowflake such as 1304556123456789012)");

export const DiscordEnvSchema = z.object({
  /** The bot token from the Developer Portal (Bot → Reset Token). */
  DISCORD_TOKEN: z.preprocess(blankIsUnset, required("copy the bot token from the Developer Portal (Bot → Reset Token)")),
  /** The application id (General Information → Application ID); commands are registered under it. */
  DISCORD_APPLICATION_ID: z.preprocess(blankIsUnset, required("copy the Application ID from the Developer Portal (General Information)").pipe(snowflake)),
  /** Register commands to this one server (they appear at once) instead of globally. */
  DISCORD_GUILD_ID: optionalVar(snowflake),
  /**
   * The REST base including `/api`, as discord.js's `rest.api` option expects: tests point it at a
   * fake, operators at a proxy. Unset means Discord itself.
   */
  DISCORD_API_URL: optionalVar(z.url("must be a URL such as https://discord.com/api").transform((url) => url.replace(/\/+$/, ""))),
});
export type DiscordConfig = z.infer<typeof DiscordEnvSchema>;

/** Parses the Discord variables; a missing or bad one stops start-up with one line naming it. */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  return parseEnv(DiscordEnvSchema, env);
}
