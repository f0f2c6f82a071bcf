import { afterEach, describe, expect, test } from "@jest/globals";
import {
  ChannelType,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type ClientEvents,
  type Interaction,
} from "discord.js";
import { FakeDiscord } from "./discord.js";

/**
 * The fake's additions for the team features, proven against the real discord.js client:
 * subcommands with user options, modals with labels and selects (and Discord's limits on them),
 * direct messages, attachments, and roles and channel overwrites.
 */

let discord: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await discord?.stop();
  client = undefined;
  discord = undefined;
});

async function connect(prepare: (fake: FakeDiscord) => void = () => undefined): Promise<{ discord: FakeDiscord; client: Client }> {
  discord = await new FakeDiscord().start();
  prepare(discord);
  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent], rest: { api: discord.apiUrl } });
  const ready = new Promise((resolve) => client?.once(Events.ClientReady, resolve));
  await client.login(discord.token);
  await ready;
  return { discord, client };
}

function nextInteraction(emitter: Client): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no interaction within 5 s")), 5_000);
    const listener = (...[interaction]: ClientEvents[Events.InteractionCreate]) => {
      clearTimeout(timer);
      emitter.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    emitter.on(Events.InteractionCreate, listener);
  });
}

const REVIEW_MODAL: APIModalInteractionResponseCallbackData = {
  custom_id: "review",
  title: "Review: Ada",
  components: [
    { type: ComponentType.TextDisplay, content: "Reviewing **Ada**" },
    {
      type: ComponentType.Label,
      label: "Ratings",
      component: {
        type: ComponentType.StringSelect,
        custom_id: "ratings",
        min_values: 0,
        max_values: 2,
        required: false,
        options: [
          { label: "Communication: Strong", value: "communication=strong", default: true },
          { label: "Communication: Solid", value: "communication=solid" },
        ],
      },
    },
    { type: ComponentType.Label, label: "Overall notes", component: { type: ComponentType.TextInput, custom_id: "notes", style: TextInputStyle.Paragraph, required: false, value: "Earlier notes" } },
  ],
};

describe("subcommands and user options", () => {
  test("a subcommand in a group, and user options with their resolved users and members, arrive as discord.js reads them", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const grace = discord.user("grace");
    const received = nextInteraction(client);
    await discord.interact(discord.command({ user: ada, subcommand: "weekly", group: "schedule", options: { day: "mon", time: "09:30" } }));
    const weekly = await received;
    if (!weekly.isChatInputCommand()) throw new Error("expected a chat input command");
    expect([weekly.options.getSubcommandGroup(), weekly.options.getSubcommand(), weekly.options.getString("day"), weekly.options.getString("time")]).toEqual(["schedule", "weekly", "mon", "09:30"]);

    const again = nextInteraction(client);
    await discord.interact(discord.command({ user: ada, subcommand: "review-request", options: { reviewer1: grace } }));
    const request = await again;
    if (!request.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(request.options.getSubcommandGroup(false)).toBeNull();
    expect(request.options.getUser("reviewer1")?.id).toBe(grace.id);
    expect(request.options.getUser("reviewer1")?.bot).toBe(false);
    expect(request.options.getMember("reviewer1")).toBeTruthy();
  });
});

describe("registering subcommands", () => {
  test("Discord's rules for subcommands hold: no mixing with plain options, basic options only inside a subcommand", async () => {
    const { discord } = await connect();
    const put = (options: unknown[]) =>
      fetch(`${discord.apiUrl}/v10${Routes.applicationGuildCommands(discord.applicationId, discord.guild.id)}`, {
        method: "PUT",
        headers: { authorization: `Bot ${discord.token}`, "content-type": "application/json" },
        body: JSON.stringify([{ name: "mock-interview", description: "x", options }]),
      });
    const start = { type: 1, name: "start", description: "Start", options: [{ type: 3, name: "level", description: "Level" }] };
    expect((await put([start, { type: 3, name: "problem", description: "Problem" }])).status).toBe(400);
    expect((await put([{ ...start, options: [{ type: 1, name: "inner", description: "Inner" }] }])).status).toBe(400);
    expect((await put([{ type: 2, name: "schedule", description: "Schedule", options: [{ type: 3, name: "day", description: "Day" }] }])).status).toBe(400);
    expect((await put([{ ...start, options: [{ type: 3, name: "a", description: "A" }, { type: 3, name: "b", description: "B", required: true }] }])).status).toBe(400);
    expect((await put([start, { type: 2, name: "schedule", description: "Schedule", options: [{ type: 1, name: "list", description: "List" }] }])).status).toBe(200);
  });
});

describe("modals", () => {
  test("a modal with a text display, a select and a text input in labels is accepted as the first answer, and its submission reads back in discord.js", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const received = nextInteraction(client);
    const command = discord.command({ user: ada, subcommand: "review", options: { link: "x" } });
    await discord.interact(command);
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await interaction.showModal(REVIEW_MODAL);
    expect(discord.callsTo("POST", Routes.interactionCallback(command.id, command.token))[0]).toMatchObject({ status: 204, body: { type: InteractionResponseType.Modal } });
    expect(discord.shownModal(command.id)?.title).toBe("Review: Ada");

    const submitted = nextInteraction(client);
    // The member leaves the select as it was (its default) and rewrites the notes.
    await discord.interact(discord.submitModal({ user: ada, openedBy: command, answers: { notes: "New notes" } }));
    const modal = await submitted;
    if (!modal.isModalSubmit()) throw new Error("expected a modal submit");
    expect(modal.customId).toBe("review");
    expect(modal.fields.getStringSelectValues("ratings")).toEqual(["communication=strong"]);
    expect(modal.fields.getTextInputValue("notes")).toBe("New notes");
    await modal.deferReply({ flags: MessageFlags.Ephemeral });
    await modal.editReply({ content: "Saved" });
  });

  test("what Discord refuses is refused: six components, a 46-character label, a label inside a label's text input, a modal after a deferral, a choice the select does not offer", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const refusals: unknown[] = [];
    const tooMany = { ...REVIEW_MODAL, components: Array.from({ length: 6 }, () => ({ type: ComponentType.TextDisplay as const, content: "x" })) };
    const longLabel = { ...REVIEW_MODAL, components: [{ type: ComponentType.Label as const, label: "x".repeat(46), component: { type: ComponentType.TextInput as const, custom_id: "a", style: TextInputStyle.Short } }] };
    const doubleLabel = { ...REVIEW_MODAL, components: [{ type: ComponentType.Label as const, label: "Notes", component: { type: ComponentType.TextInput as const, custom_id: "a", style: TextInputStyle.Short, label: "Notes" } }] };
    for (const body of [tooMany, longLabel, doubleLabel]) {
      const received = nextInteraction(client);
      await discord.interact(discord.command({ user: ada, subcommand: "review" }));
      const interaction = await received;
      if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
      refusals.push(await interaction.showModal(body).catch((error: unknown) => error));
    }
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 400, code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });

    const received = nextInteraction(client);
    await discord.interact(discord.command({ user: ada, subcommand: "review" }));
    const late = await received;
    if (!late.isChatInputCommand()) throw new Error("expected a chat input command");
    await late.deferReply();
    // discord.js refuses locally once replied; the raw callback is what Discord itself would refuse.
    const raw = await fetch(`${discord.apiUrl}/v10${Routes.interactionCallback(late.id, late.token)}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: InteractionResponseType.Modal, data: REVIEW_MODAL }) });
    expect(await raw.json()).toMatchObject({ code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged });

    const opened = nextInteraction(client);
    const command = discord.command({ user: ada, subcommand: "review" });
    await discord.interact(command);
    const interaction = await opened;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await interaction.showModal(REVIEW_MODAL);
    expect(() => discord.submitModal({ user: ada, openedBy: command, answers: { ratings: ["communication=excellent"] } })).toThrow(/offers no communication=excellent/);
  });
});

describe("direct messages and attachments", () => {
  test("createDM opens one DM channel per user; a user refusing DMs answers 50007; files arrive with their bytes", async () => {
    const { discord, client } = await connect();
    const grace = discord.user("grace");
    const user = await client.users.fetch(grace.id);
    const dm = await user.createDM();
    expect(dm.type).toBe(ChannelType.DM);
    await dm.send("Please review Ada's interview");
    expect(discord.dmChannelWith(grace)?.id).toBe(dm.id);
    expect(discord.messagesIn(dm.id).map((message) => message.content)).toEqual(["Please review Ada's interview"]);

    discord.closeDirectMessages(grace);
    const refused = await dm.send("Again").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 403, code: RESTJSONErrorCodes.CannotSendMessagesToThisUser });

    const channel = client.channels.cache.get(discord.channel.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the text channel is not cached");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const sent = await channel.send({ content: "Progress", files: [{ attachment: png, name: "progress.png", description: "A chart" }] });
    const [call] = discord.callsTo("POST", Routes.channelMessages(discord.channel.id));
    expect(call?.attachments[0]).toMatchObject({ field: "files[0]", filename: "progress.png", data: png });
    expect(sent.attachments.first()).toMatchObject({ name: "progress.png", description: "A chart", size: png.length });
  });
});

describe("roles and channel overwrites", () => {
  test("roles reach the client in GUILD_CREATE, members come back with their roles, and discord.js computes the same permissions the fake does", async () => {
    let moderatorRole = "";
    const { discord, client } = await connect((fake) => {
      moderatorRole = fake.addRole("Moderators", PermissionFlagsBits.ManageGuild, [fake.user("root")]).id;
    });
    const root = discord.user("root");
    const ada = discord.user("ada");
    const mallory = discord.user("mallory");
    const guild = client.guilds.cache.get(discord.guild.id);
    expect(guild?.roles.cache.get(moderatorRole)?.name).toBe("Moderators");
    const member = await guild?.members.fetch(root.id);
    expect(member?.roles.cache.has(moderatorRole)).toBe(true);
    expect(member?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);

    const cached = new Promise((resolve) => client.once(Events.ChannelCreate, resolve));
    const hidden = await discord.privateChannel("hidden", [ada]);
    await cached;
    const channel = client.channels.cache.get(hidden.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the private channel is not cached");
    const [adaMember, malloryMember] = await Promise.all([guild?.members.fetch(ada.id), guild?.members.fetch(mallory.id)]);
    if (!adaMember || !malloryMember) throw new Error("members not fetched");
    expect(channel.permissionsFor(adaMember).has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(channel.permissionsFor(malloryMember).has(PermissionFlagsBits.ViewChannel)).toBe(false);
    expect(discord.access.permissionsIn(hidden, mallory.id) & PermissionFlagsBits.ViewChannel).toBe(0n);

    discord.leaveGuild(mallory);
    await expect(guild?.members.fetch({ user: mallory.id, force: true })).rejects.toMatchObject({ code: RESTJSONErrorCodes.UnknownMember });
  });

  test("an interaction's member permissions are those in its channel", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const hidden = await discord.privateChannel("hidden", [ada]);
    const received = nextInteraction(client);
    await discord.interact(discord.command({ user: ada, channelId: hidden.id, subcommand: "history" }));
    const interaction = await received;
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
  });
});
