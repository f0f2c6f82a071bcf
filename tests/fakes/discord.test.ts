import { afterEach, describe, expect, test } from "@jest/globals";
import {
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  Routes,
  type ClientEvents,
  type Message,
} from "discord.js";
import { FakeDiscord, type FakeDiscordOptions } from "./discord.js";

/**
 * Proves the fake speaks the protocol the real discord.js client expects: every test logs a real
 * `Client` in over HTTP and WebSocket, and observes what it sends and emits.
 */

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

let discord: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await discord?.stop();
  client = undefined;
  discord = undefined;
});

async function connect(options: FakeDiscordOptions = {}, intents: GatewayIntentBits[] = INTENTS): Promise<{ discord: FakeDiscord; client: Client }> {
  discord = await new FakeDiscord(options).start();
  client = new Client({ intents, rest: { api: discord.apiUrl } });
  const ready = next(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  return { discord, client };
}

/** The next time `client` emits `event` with arguments `accept` likes. */
function next<Event extends keyof ClientEvents>(emitter: Client, event: Event, accept: (...args: ClientEvents[Event]) => boolean = () => true, timeoutMs = 5_000): Promise<ClientEvents[Event]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[Event]) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => (emitter.off(event, listener), reject(new Error(`no ${String(event)} within ${timeoutMs} ms`))), timeoutMs);
    emitter.on(event, listener);
  });
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    // Polls; the deadline only fails the test.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the fake Discord speaks the real client's protocol", () => {
  test("discord.js finds the gateway through GET /gateway/bot, identifies without compression and becomes ready with the guild", async () => {
    const { discord, client } = await connect({ heartbeatIntervalMs: 200 });
    expect(discord.callsTo("GET", Routes.gatewayBot())).toHaveLength(1);
    expect(discord.connections[0]).toEqual({ path: "/gateway", query: { v: "10", encoding: "json" } });
    const identify = await discord.waitForGateway((payload) => payload.op === GatewayOpcodes.Identify);
    expect(identify.d).toMatchObject({
      token: discord.token,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
      compress: false,
      shard: [0, 1],
    });
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.application?.id).toBe(discord.applicationId);
    expect(client.guilds.cache.get(discord.guild.id)?.name).toBe(discord.guild.name);
    expect(client.channels.cache.get(discord.channel.id)?.type).toBe(ChannelType.GuildText);
    // Heartbeats are acknowledged: discord.js measures a ping only from a HEARTBEAT_ACK.
    await discord.waitForGateway((payload) => payload.op === GatewayOpcodes.Heartbeat);
    await eventually(() => client.ws.ping >= 0);
    expect(discord.protocolErrors).toEqual([]);
  });

  test("/mock-interview arrives as a chat input command; deferReply and editReply reach the fake, and a thread starts from the reply", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const payload = discord.slashCommand({ user: ada, level: "senior", problem: "fraud", private: true });
    const received = next(client, Events.InteractionCreate);
    await discord.interact(payload);
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error(`expected a chat input command, got type ${interaction.type}`);
    expect(interaction.commandName).toBe("mock-interview");
    expect(interaction.options.getString("level")).toBe("senior");
    expect(interaction.options.getString("problem")).toBe("fraud");
    expect(interaction.options.getBoolean("private")).toBe(true);
    expect(interaction.user.id).toBe(ada.id);
    expect(interaction.channelId).toBe(discord.channel.id);

    await interaction.deferReply();
    const [callback] = discord.callsTo("POST", Routes.interactionCallback(payload.id, payload.token));
    expect(callback).toMatchObject({ status: 204, authorized: false, body: { type: InteractionResponseType.DeferredChannelMessageWithSource } });

    const reply = await interaction.editReply({ content: "Starting your interview…" });
    const [edit] = discord.callsTo("PATCH", Routes.webhookMessage(discord.applicationId, payload.token, "@original"));
    expect(edit).toMatchObject({ status: 200, body: { content: "Starting your interview…" } });
    expect(reply.content).toBe("Starting your interview…");
    expect(discord.message(reply.id)?.flags ?? 0).toBe(0);

    const thread = await reply.startThread({ name: "Mock interview: Ada" });
    const [created] = discord.callsTo("POST", Routes.threads(discord.channel.id, reply.id));
    expect(created).toMatchObject({ status: 201, body: { name: "Mock interview: Ada" } });
    // Discord gives a thread started from a message the message's id.
    expect(thread.id).toBe(reply.id);
    expect(thread.type).toBe(ChannelType.PublicThread);
  });

  test("after deferReply, the first followUp fills the thinking reply rather than adding a message, as Discord does", async () => {
    const { discord, client } = await connect();
    const payload = discord.slashCommand({ user: discord.user("ada") });
    const received = next(client, Events.InteractionCreate);
    await discord.interact(payload);
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await interaction.deferReply();
    const thinking = discord.messagesIn(discord.channel.id);
    expect(thinking.map((message) => message.flags)).toEqual([MessageFlags.Loading]);
    const followUp = await interaction.followUp({ content: "Here is your first question." });
    expect(followUp.id).toBe(thinking[0]?.id);
    expect(discord.messagesIn(discord.channel.id).map((message) => [message.content, message.flags])).toEqual([["Here is your first question.", 0]]);
  });

  test("a member's message in a thread arrives with its content; the bot's own message comes back too", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const channel = client.channels.cache.get(discord.channel.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the text channel is not cached");
    const thread = await channel.threads.create({ name: "Mock interview: Ada", type: ChannelType.PrivateThread });
    expect(discord.callsTo("POST", Routes.threads(discord.channel.id))[0]?.body).toMatchObject({ type: ChannelType.PrivateThread });
    expect(discord.thread(thread.id)?.type).toBe(ChannelType.PrivateThread);

    const arrived = next(client, Events.MessageCreate, (message) => message.author.id === ada.id);
    await discord.post(discord.threadMessage({ author: ada, channelId: thread.id, content: "I'd start with the business goal." }));
    const [message] = await arrived;
    expect(message.content).toBe("I'd start with the business goal.");
    expect(message.channelId).toBe(thread.id);
    expect(message.channel.isThread()).toBe(true);
    expect(message.guildId).toBe(discord.guild.id);

    // Discord echoes the bot's own messages, and discord.js emits them even though they are cached.
    const echoed = next(client, Events.MessageCreate, (own) => own.author.id === discord.botUser.id);
    await thread.send("What would you clarify first?");
    const [own] = await echoed;
    expect(own.author.bot).toBe(true);
  });

  test("a replayed MESSAGE_CREATE is dropped by discord.js's cache, so only a restart can duplicate it", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const thread = await discord.createThread({ name: "Mock interview: Ada", owner: ada });
    const seen: Message[] = [];
    const raw: number[] = [];
    client.on(Events.MessageCreate, (message) => void seen.push(message));
    client.on(Events.Raw, (packet: { t?: string; s?: number }) => void (packet.t === "MESSAGE_CREATE" && packet.s !== undefined && raw.push(packet.s)));
    const first = next(client, Events.MessageCreate);
    const sequence = await discord.post(discord.threadMessage({ author: ada, channelId: thread.id, content: "My answer." }));
    await first;
    if (sequence === null) throw new Error("the message was filtered out");

    await discord.replay(sequence);
    // Dispatches are handled in order, so once a later message arrives the replay has been handled.
    const marker = next(client, Events.MessageCreate, (message) => message.content === "marker");
    await discord.post(discord.threadMessage({ author: ada, channelId: thread.id, content: "marker" }));
    await marker;
    expect(raw.filter((received) => received === sequence)).toHaveLength(2);
    expect(seen.map((message) => message.content)).toEqual(["My answer.", "marker"]);
  });

  test("a dropped connection resumes at resume_gateway_url and delivers what was dispatched meanwhile, once", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");
    const thread = await discord.createThread({ name: "Mock interview: Ada", owner: ada });
    const seen: string[] = [];
    client.on(Events.MessageCreate, (message) => void seen.push(message.content));
    const resumed = next(client, Events.ShardResume);
    discord.disconnect();
    await discord.post(discord.threadMessage({ author: ada, channelId: thread.id, content: "Sent while you were away." }));
    await resumed;
    const marker = next(client, Events.MessageCreate, (message) => message.content === "marker");
    await discord.post(discord.threadMessage({ author: ada, channelId: thread.id, content: "marker" }));
    await marker;
    expect(seen).toEqual(["Sent while you were away.", "marker"]);
    expect(discord.connections.map((connection) => connection.path)).toEqual(["/gateway", "/resume"]);
    const resume = await discord.waitForGateway((payload) => payload.op === GatewayOpcodes.Resume);
    expect(resume.d).toMatchObject({ token: discord.token });
  });

  test("autocomplete, button and modal payloads become discord.js's own interaction classes, and their answers are recorded", async () => {
    const { discord, client } = await connect();
    const ada = discord.user("ada");

    const typed = discord.autocomplete({ user: ada, typed: "fra", level: "senior" });
    const completing = next(client, Events.InteractionCreate);
    await discord.interact(typed);
    const [autocomplete] = await completing;
    if (!autocomplete.isAutocomplete()) throw new Error("expected an autocomplete interaction");
    expect(autocomplete.options.getFocused(true)).toMatchObject({ name: "problem", value: "fra" });
    expect(autocomplete.options.getString("level")).toBe("senior");
    await autocomplete.respond([{ name: "Real-time fraud detection (fraud)", value: "fraud" }]);
    expect(discord.callsTo("POST", Routes.interactionCallback(typed.id, typed.token))[0]?.body).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: "Real-time fraud detection (fraud)", value: "fraud" }] },
    });

    const channel = client.channels.cache.get(discord.channel.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the text channel is not cached");
    const question = await channel.send({ content: "What would you clarify first?", components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: "mock_interview:hint", label: "Hint" }] }] });
    const click = discord.button({ user: ada, customId: "mock_interview:hint", messageId: question.id });
    const clicking = next(client, Events.InteractionCreate);
    await discord.interact(click);
    const [button] = await clicking;
    if (!button.isButton()) throw new Error("expected a button interaction");
    expect(button.customId).toBe("mock_interview:hint");
    expect(button.message.id).toBe(question.id);
    await button.deferUpdate();
    await button.followUp({ content: "Think about the label delay.", flags: MessageFlags.Ephemeral });
    expect(discord.callsTo("POST", Routes.interactionCallback(click.id, click.token))[0]?.body).toMatchObject({ type: InteractionResponseType.DeferredMessageUpdate });
    expect(discord.callsTo("POST", Routes.webhook(discord.applicationId, click.token))[0]).toMatchObject({ status: 200, body: { content: "Think about the label delay.", flags: MessageFlags.Ephemeral } });

    const submitted = discord.modalSubmit({ user: ada, customId: "mock_interview:feedback", fields: { answer: "More time on monitoring, please." } });
    const submitting = next(client, Events.InteractionCreate);
    await discord.interact(submitted);
    const [modal] = await submitting;
    if (!modal.isModalSubmit()) throw new Error("expected a modal submit");
    expect(modal.fields.getTextInputValue("answer")).toBe("More time on monitoring, please.");
    await modal.reply({ content: "Thanks!" });
    expect(discord.callsTo("POST", Routes.interactionCallback(submitted.id, submitted.token))[0]).toMatchObject({ status: 204, body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: "Thanks!" } } });
  });
});

describe("the fake Discord's own conveniences behave like Discord", () => {
  test("a channel added after READY arrives with CHANNEL_CREATE; commands run in it and threads open from its messages", async () => {
    const { discord, client } = await connect();
    const added = await discord.addChannel("interviews-2");
    await eventually(() => client.channels.cache.has(added.id));
    const channel = client.channels.cache.get(added.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the added channel is not a cached text channel");
    const received = next(client, Events.InteractionCreate);
    await discord.interact(discord.slashCommand({ user: discord.user("ada"), channelId: added.id }));
    const [interaction] = await received;
    expect(interaction.channelId).toBe(added.id);
    const parent = await channel.send("Mock interview: Ada");
    const thread = await parent.startThread({ name: "Mock interview: Ada" });
    expect(discord.thread(thread.id)?.parent_id).toBe(added.id);
    expect(discord.messagesIn(added.id).map((message) => message.content)).toEqual(["Mock interview: Ada"]);
  });

  test("a message sent again with the same enforced nonce returns the first and creates none; the nonce is at most 25 characters", async () => {
    const { discord, client } = await connect();
    const route = Routes.channelMessages(discord.channel.id);
    const first = (await client.rest.post(route, { body: { content: "Scorecard", nonce: "summary-1", enforce_nonce: true } })) as { id: string };
    const again = (await client.rest.post(route, { body: { content: "Scorecard", nonce: "summary-1", enforce_nonce: true } })) as { id: string };
    expect(again.id).toBe(first.id);
    // Without enforce_nonce, a nonce only labels the message.
    const unenforced = (await client.rest.post(route, { body: { content: "Scorecard", nonce: "summary-1" } })) as { id: string };
    expect(unenforced.id).not.toBe(first.id);
    expect(discord.messagesIn(discord.channel.id)).toHaveLength(2);
    await expect(client.rest.post(route, { body: { content: "Scorecard", nonce: "x".repeat(26), enforce_nonce: true } })).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  test("a message edited and deleted through discord.js keeps every version it showed, with when, and the gateway hears of each change", async () => {
    const { discord, client } = await connect();
    const channel = await client.channels.fetch(discord.channel.id);
    if (!channel?.isSendable()) throw new Error("the text channel is not sendable");
    const message = await channel.send("Fraud is rare");
    const updated = next(client, Events.MessageUpdate, (_before, after) => after.id === message.id);
    await message.edit("Fraud is rare, so accuracy misleads");
    await updated;
    const deleted = next(client, Events.MessageDelete, (gone) => gone.id === message.id);
    await message.delete();
    await deleted;

    const versions = discord.versions(message.id);
    expect(versions.map(({ content, deleted: gone }) => ({ content, gone }))).toEqual([
      { content: "Fraud is rare", gone: false },
      { content: "Fraud is rare, so accuracy misleads", gone: false },
      { content: "", gone: true },
    ]);
    expect(versions.every((version, index) => index === 0 || version.at >= (versions[index - 1]?.at ?? Number.POSITIVE_INFINITY))).toBe(true);
    expect(discord.message(message.id)).toBeUndefined();
    await expect(client.rest.patch(Routes.channelMessage(discord.channel.id, message.id), { body: { content: "again" } })).rejects.toMatchObject({ status: 404, code: 10008 });
  });
});

describe("the fake Discord refuses what Discord refuses", () => {
  test("a privileged intent the Developer Portal has not enabled fails the login (4014)", async () => {
    discord = await new FakeDiscord({ privilegedIntents: 0 }).start();
    client = new Client({ intents: INTENTS, rest: { api: discord.apiUrl } });
    client.on(Events.ShardError, () => undefined);
    await expect(client.login(discord.token)).rejects.toThrow(/disallowed intents/i);
  });

  test("an interaction answered twice is refused with 40060", async () => {
    const { discord, client } = await connect();
    const payload = discord.slashCommand({ user: discord.user("ada") });
    const received = next(client, Events.InteractionCreate);
    await discord.interact(payload);
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await interaction.reply({ content: "Hello", flags: MessageFlags.Ephemeral });
    const again = client.rest.post(Routes.interactionCallback(payload.id, payload.token), { body: { type: InteractionResponseType.DeferredChannelMessageWithSource }, auth: false });
    await expect(again).rejects.toMatchObject({ status: 400, code: 40060 });
  });

  test("an interaction answered after the deadline is unknown (10062)", async () => {
    const { discord, client } = await connect({ interactionDeadlineMs: 50 });
    const received = next(client, Events.InteractionCreate);
    await discord.interact(discord.slashCommand({ user: discord.user("ada") }));
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    // Pacing, not a verdict: lets the fake's wall-clock deadline pass; waiting less can only fail the test.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(interaction.deferReply()).rejects.toMatchObject({ status: 404, code: 10062 });
  });

  test("a message over 2,000 characters is refused with Discord's Invalid Form Body", async () => {
    const { discord, client } = await connect();
    const channel = client.channels.cache.get(discord.channel.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the text channel is not cached");
    const sent = channel.send("x".repeat(2_001));
    await expect(sent).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(sent).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(discord.callsTo("POST", Routes.channelMessages(discord.channel.id))[0]?.body).toMatchObject({ content: "x".repeat(2_001) });
  });

  test("a body holding half an emoji is refused whole with 50109, as Discord refuses JSON that is not valid UTF-8", async () => {
    const { discord, client } = await connect();
    const route = Routes.channelMessages(discord.channel.id);
    const half = "😀".slice(0, 1);
    await expect(client.rest.post(route, { body: { embeds: [{ title: `Scorecard for ${half}` }] } })).rejects.toMatchObject({ status: 400, code: 50109 });
    await expect(client.rest.post(route, { body: { content: `fine 😀` } })).resolves.toMatchObject({ content: "fine 😀" });
    expect(discord.callsTo("POST", route).map((call) => call.status)).toEqual([400, 200]);
  });

  test("embeds over Discord's limits are refused, naming the offending field", async () => {
    const { discord, client } = await connect();
    const route = Routes.channelMessages(discord.channel.id);
    const fields = Array.from({ length: 26 }, (_, index) => ({ name: `Dimension ${index}`, value: "ok" }));
    await expect(client.rest.post(route, { body: { embeds: [{ fields }] } })).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { embeds: { "0": { fields: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } } } } },
    });
    const tooBig = Array.from({ length: 2 }, () => ({ description: "x".repeat(4_000) }));
    await expect(client.rest.post(route, { body: { embeds: tooBig } })).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(discord.callsTo("POST", route).map((call) => call.status)).toEqual([400, 400]);
  });

  test("fail() answers a route with Discord's error, e.g. a server that does not allow the bot private threads", async () => {
    const { discord, client } = await connect();
    discord.fail("POST", /^\/channels\/\d+\/threads$/, 403, { code: 50013, message: "Missing Permissions" }, 1);
    const channel = client.channels.cache.get(discord.channel.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the text channel is not cached");
    await expect(channel.threads.create({ name: "Private", type: ChannelType.PrivateThread })).rejects.toMatchObject({ status: 403, code: 50013 });
    const fallback = await channel.threads.create({ name: "Public", type: ChannelType.PublicThread });
    expect(fallback.type).toBe(ChannelType.PublicThread);
  });

  test("without the MessageContent intent, members' messages arrive with empty content", async () => {
    const { discord, client } = await connect({}, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const ada = discord.user("ada");
    const thread = await discord.createThread({ name: "Mock interview: Ada", owner: ada });
    const arrived = next(client, Events.MessageCreate);
    await discord.post(discord.threadMessage({ author: ada, channelId: thread.id, content: "My answer." }));
    const [message] = await arrived;
    expect(message.content).toBe("");
  });
});
