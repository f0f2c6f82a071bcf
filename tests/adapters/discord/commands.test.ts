import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { Client, Events, GatewayIntentBits, InteractionResponseType, Routes } from "discord.js";
import { autocompleteProblems, autocompleteTimezones, commandDefinitions, MOCK_INTERVIEW_COMMAND, readStartOptions, START_SUBCOMMAND } from "../../../adapters/discord/commands.js";
import { loadDiscordConfig } from "../../../adapters/discord/config.js";
import { registerCommands } from "../../../adapters/discord/register.js";
import { loadContent } from "../../../src/engine/context.js";
import { UserInputError } from "../../../src/core/errors.js";
import { FakeDiscord } from "../../fakes/discord.js";
import { runCli } from "../../support/cli.js";

const { bank } = loadContent();
const values = (choices: Array<{ value: string }>) => choices.map((choice) => choice.value);

describe("/mock-interview's definition", () => {
  test("start: level is a choice of the four levels, problem autocompletes, private is a boolean, all optional", () => {
    const [level, problem, privately] = START_SUBCOMMAND.options;
    expect(MOCK_INTERVIEW_COMMAND.name).toBe("mock-interview");
    expect(MOCK_INTERVIEW_COMMAND.options[0]).toBe(START_SUBCOMMAND);
    expect(START_SUBCOMMAND).toMatchObject({ name: "start", type: 1 });
    expect(level.choices.map((choice) => choice.value)).toEqual(["junior", "mid", "senior", "staff"]);
    expect(problem).toMatchObject({ name: "problem", autocomplete: true });
    expect(privately).toMatchObject({ name: "private", type: 5 });
    expect(START_SUBCOMMAND.options.every((option) => !option.required)).toBe(true);
  });

  test("every feature is a subcommand (schedule a group of three), since Discord cannot mix options with subcommands", () => {
    const names = MOCK_INTERVIEW_COMMAND.options.map((option) => `${option.type}:${option.name}`);
    expect(names).toEqual(["1:start", "1:review", "1:review-request", "2:schedule", "1:history", "1:focus", "1:progress", "1:forget-me", "1:help", "1:problems"]);
    const schedule = MOCK_INTERVIEW_COMMAND.options.find((option) => option.name === "schedule");
    expect(schedule?.type === 2 && schedule.options.map((option) => option.name)).toEqual(["weekly", "list", "off"]);
    const weekly = schedule?.type === 2 ? schedule.options[0] : undefined;
    expect(weekly?.options?.map((option) => [option.name, option.required])).toEqual([
      ["day", true],
      ["time", true],
      ["timezone", false],
      ["level", false],
    ]);
    const request = MOCK_INTERVIEW_COMMAND.options.find((option) => option.name === "review-request");
    expect(request?.type === 1 && request.options?.map((option) => [option.name, option.type, option.required])).toEqual([
      ["reviewer1", 6, true],
      ["reviewer2", 6, false],
      ["reviewer3", 6, false],
    ]);
  });

  test("time zones autocomplete from the runtime's own list, UTC first", () => {
    expect(autocompleteTimezones("")[0]).toEqual({ name: "UTC", value: "UTC" });
    expect(autocompleteTimezones("berl")[0]).toEqual({ name: "Europe/Berlin", value: "Europe/Berlin" });
    expect(autocompleteTimezones("new york")[0]?.value).toBe("America/New_York");
    expect(autocompleteTimezones("").length).toBe(25);
  });

  test("global commands are limited to servers; guild commands carry no contexts", () => {
    expect(commandDefinitions("global")[0]).toMatchObject({ contexts: [0], integration_types: [0] });
    expect(commandDefinitions("guild")[0]).not.toHaveProperty("contexts");
  });
});

describe("autocomplete for the problem option", () => {
  test("matches ids, aliases and title words, exact names first", () => {
    expect(values(autocompleteProblems(bank, "fraud"))[0]).toBe("fraud");
    expect(values(autocompleteProblems(bank, "recsys"))[0]).toBe("video-recs");
    expect(values(autocompleteProblems(bank, "rec"))).toEqual(expect.arrayContaining(["video-recs", "ecommerce-recs"]));
    expect(values(autocompleteProblems(bank, "payment"))).toContain("fraud");
    expect(values(autocompleteProblems(bank, "Real time bidding"))[0]).toBe("ads-bidding");
  });

  test("is filtered by the chosen level", () => {
    const junior = values(autocompleteProblems(bank, "rec", { level: "junior" }));
    expect(junior).toContain("video-recs");
    expect(junior).not.toContain("ecommerce-recs");
    for (const id of junior) expect(bank.resolve(id).levels).toContain("junior");
    const staff = autocompleteProblems(bank, "", { level: "staff" });
    expect(values(staff)).toEqual(bank.forLevel("staff").map((problem) => problem.id));
    for (const id of values(staff)) expect(bank.resolve(id).levels).toContain("staff");
  });

  test("empty text lists the bank; typos still find the problem; nonsense finds nothing", () => {
    expect(values(autocompleteProblems(bank, ""))).toEqual(bank.ids);
    expect(values(autocompleteProblems(bank, "frud"))).toContain("fraud");
    expect(autocompleteProblems(bank, "zzzzqqq")).toEqual([]);
  });

  test("choices fit Discord's limits: at most 25, names and values at most 100 characters", () => {
    for (const typed of ["", "a", "e", "recommendations for a very long query that nobody would really type into the box"]) {
      const choices = autocompleteProblems(bank, typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
    expect(autocompleteProblems(bank, "fraud")[0]?.name).toBe("Real-time fraud detection for a payment platform (fraud)");
  });

  test("a real discord.js client answers an autocomplete interaction with the matching problems", async () => {
    const discord = await new FakeDiscord().start();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
    try {
      client.on(Events.InteractionCreate, (interaction) => {
        if (!interaction.isAutocomplete()) return;
        const level = interaction.options.getString("level") === "junior" ? "junior" : undefined;
        void interaction.respond(autocompleteProblems(bank, interaction.options.getFocused(), { level }));
      });
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(discord.token);
      await ready;
      const payload = discord.autocomplete({ user: discord.user("ada"), typed: "rec", level: "junior" });
      await discord.interact(payload);
      const callback = await discord.waitFor((call) => call.path === `/interactions/${payload.id}/${payload.token}/callback`);
      expect(callback.status).toBe(204);
      expect(callback.body).toEqual({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [{ name: "Video recommendations for a streaming app (video-recs)", value: "video-recs" }] },
      });
    } finally {
      await client.destroy();
      await discord.stop();
    }
  });
});

describe("reading the options of an invocation", () => {
  test("resolves the level and any alias or id the user typed instead of picking a suggestion", () => {
    expect(readStartOptions(bank, { level: "senior", problem: "fraud-detection", private: true })).toEqual({ level: "senior", problem: "fraud", private: true });
    expect(readStartOptions(bank, {})).toEqual({ private: false });
    expect(readStartOptions(bank, { level: null, problem: "  ", private: null })).toEqual({ private: false });
  });

  test("an unknown problem is a user input error naming the closest", () => {
    expect(() => readStartOptions(bank, { problem: "frud" })).toThrow(UserInputError);
    expect(() => readStartOptions(bank, { problem: "frud" })).toThrow(/Did you mean "fraud"/);
  });
});

describe("registering the commands", () => {
  let discord: FakeDiscord;

  beforeEach(async () => {
    discord = await new FakeDiscord().start();
  });

  afterEach(async () => {
    await discord.stop();
  });

  const env = (extra: Record<string, string> = {}) => ({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, ...extra });

  test("with DISCORD_GUILD_ID, PUTs the command JSON to the guild route; a second run replaces rather than adds", async () => {
    const config = loadDiscordConfig(env({ DISCORD_GUILD_ID: discord.guild.id }));
    const first = await registerCommands(config);
    const second = await registerCommands(config);
    const route = Routes.applicationGuildCommands(discord.applicationId, discord.guild.id);
    const puts = discord.callsTo("PUT", route);
    expect(puts).toHaveLength(2);
    expect(puts[0]).toMatchObject({ status: 200, authorized: true });
    expect(puts[0]?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions("guild"))));
    expect(second).toEqual(first);
    expect(first).toMatchObject({ scope: "guild", guildId: discord.guild.id, commands: [{ name: "mock-interview" }] });
    expect(discord.registeredCommands(discord.guild.id).map((command) => command.name)).toEqual(["mock-interview"]);
    expect(discord.callsTo("PUT", Routes.applicationCommands(discord.applicationId))).toHaveLength(0);
  });

  test("without DISCORD_GUILD_ID (or with it empty), registers globally", async () => {
    const registration = await registerCommands(loadDiscordConfig(env({ DISCORD_GUILD_ID: "" })));
    expect(registration.scope).toBe("global");
    expect(discord.callsTo("PUT", Routes.applicationCommands(discord.applicationId))[0]?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions("global"))));
  });

  test("npm run discord:register prints one line and exits 0", async () => {
    const result = await runCli("adapters/discord/register.ts", [], { env: env({ DISCORD_GUILD_ID: discord.guild.id }) });
    expect(result).toEqual({ code: 0, stdout: `Registered /mock-interview in guild ${discord.guild.id} (1 command).\n`, stderr: "" });
  });

  test("a missing DISCORD_TOKEN is one clear line naming it, and exit 1, before any request", async () => {
    const result = await runCli("adapters/discord/register.ts", [], { env: env({ DISCORD_TOKEN: "" }) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^DISCORD_TOKEN: is not set: .*Developer Portal.*\n$/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(discord.calls).toEqual([]);
  });

  test("a token Discord rejects is one line saying so, and exit 1", async () => {
    const result = await runCli("adapters/discord/register.ts", [], { env: env({ DISCORD_TOKEN: "not-the-token" }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Discord refused the commands: 401 .*Check DISCORD_TOKEN\.\n$/);
  });

  test("a malformed id names the variable", () => {
    expect(() => loadDiscordConfig(env({ DISCORD_APPLICATION_ID: "my-app" }))).toThrow(/^DISCORD_APPLICATION_ID: must be a numeric Discord id/);
  });
});
