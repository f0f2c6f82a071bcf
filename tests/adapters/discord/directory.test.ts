import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { REST } from "@discordjs/rest";
import { ChannelType, OverwriteType, PermissionFlagsBits, Routes, type APIUser } from "discord.js";
import { DiscordDirectory } from "../../../adapters/discord/directory.js";
import { threadKey, userKey } from "../../../adapters/discord/thread-key.js";
import { FakeDiscord } from "../../fakes/discord.js";

/**
 * The directory alone, as the team services use it: @discordjs/rest against the fake's REST API,
 * answering from the guild's roles, the members' roles and the channels' overwrites as Discord keeps them.
 */

let discord: FakeDiscord;
let rest: REST;
let directory: DiscordDirectory;
let people: Record<"member" | "outsider" | "moderator" | "administrator" | "manager" | "muted" | "leaver", APIUser>;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  rest = new REST({ version: "10", api: discord.apiUrl }).setToken(discord.token);
  directory = new DiscordDirectory(rest);
  people = {
    member: discord.user("member"),
    outsider: discord.user("outsider"),
    moderator: discord.user("moderator"),
    administrator: discord.user("administrator"),
    manager: discord.user("manager"),
    muted: discord.user("muted"),
    leaver: discord.user("leaver"),
  };
  discord.addRole("Mods", PermissionFlagsBits.ManageThreads, [people.moderator]);
  discord.addRole("Admins", PermissionFlagsBits.Administrator, [people.administrator]);
  discord.addRole("Managers", PermissionFlagsBits.ManageGuild, [people.manager]);
  discord.leaveGuild(people.leaver);
});

afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await discord.stop();
});

const owner = () => ({ ...discord.botUser, id: discord.guild.ownerId });
const keyOf = (threadId: string) => threadKey({ guild: discord.guild.id, thread: threadId });
const canRead = (threadId: string, user: APIUser) => directory.canRead(keyOf(threadId), userKey(user.id));

describe("canRead: View Channel on the thread's parent", () => {
  test("in an open channel every member can read a public thread; someone who left the server cannot", async () => {
    const channel = await discord.addChannel("open");
    const thread = await discord.createThread({ name: "Mock interview", owner: people.member, channelId: channel.id });
    expect(await canRead(thread.id, people.member)).toBe(true);
    expect(await canRead(thread.id, people.outsider)).toBe(true);
    expect(await canRead(thread.id, people.leaver)).toBe(false);
  });

  test("in a private channel only those its overwrites let in can read; Administrators and the owner always can", async () => {
    const channel = await discord.privateChannel("private", [people.member]);
    const thread = await discord.createThread({ name: "Mock interview", owner: people.member, channelId: channel.id });
    expect(await canRead(thread.id, people.member)).toBe(true);
    expect(await canRead(thread.id, people.outsider)).toBe(false);
    expect(await canRead(thread.id, people.manager)).toBe(false);
    expect(await canRead(thread.id, people.administrator)).toBe(true);
    expect(await canRead(thread.id, owner())).toBe(true);
  });

  test("a role's overwrite lets its holders in; a member's own overwrite beats the roles'", async () => {
    const readers = discord.addRole("Readers", 0n, [people.muted, people.outsider]);
    const view = String(PermissionFlagsBits.ViewChannel);
    const channel = await discord.addChannel("mixed", {
      overwrites: [
        { id: discord.guild.id, type: OverwriteType.Role, allow: "0", deny: view },
        { id: readers.id, type: OverwriteType.Role, allow: view, deny: "0" },
        { id: people.muted.id, type: OverwriteType.Member, allow: "0", deny: view },
      ],
    });
    const thread = await discord.createThread({ name: "Mock interview", owner: people.outsider, channelId: channel.id });
    expect(await canRead(thread.id, people.outsider)).toBe(true);
    expect(await canRead(thread.id, people.muted)).toBe(false);
    expect(await canRead(thread.id, people.member)).toBe(false);
  });

  test("a private thread also needs its members (or Manage Threads): the parent's readers alone are not enough", async () => {
    const channel = await discord.addChannel("with-private-threads");
    const thread = await discord.createThread({ name: "Mock interview", owner: discord.botUser, channelId: channel.id, type: ChannelType.PrivateThread });
    await rest.put(Routes.threadMembers(thread.id, people.member.id));
    expect(await canRead(thread.id, people.member)).toBe(true);
    expect(await canRead(thread.id, people.outsider)).toBe(false);
    expect(await canRead(thread.id, people.moderator)).toBe(true);
  });

  test("a thread Discord does not know, or one in another server, cannot be read", async () => {
    expect(await directory.canRead(keyOf("1304556123456789012"), userKey(people.member.id))).toBe(false);
    const thread = await discord.createThread({ name: "Mock interview", owner: people.member });
    expect(await directory.canRead(threadKey({ guild: "1304556000000000000", thread: thread.id }), userKey(people.member.id))).toBe(false);
  });
});

describe("isAdmin and threadLink", () => {
  test("the owner, Administrators and Manage Server holders administer the server; others and leavers do not", async () => {
    const channel = threadKey({ guild: discord.guild.id, thread: discord.channel.id });
    const answers = await Promise.all([owner(), people.administrator, people.manager, people.moderator, people.member, people.leaver].map((user) => directory.isAdmin(channel, userKey(user.id))));
    expect(answers).toEqual([true, true, true, false, false, false]);
  });

  test("a thread link opens the thread in Discord", async () => {
    expect(await directory.threadLink(keyOf("1304556123456789012"))).toBe(`https://discord.com/channels/${discord.guild.id}/1304556123456789012`);
  });

  test("Discord failing to answer is a DependencyDownError the user can read, not a false refusal", async () => {
    discord.fail("GET", /^\/guilds\/\d+$/, 400, { code: 0, message: "Bad Request" }, 1);
    await expect(directory.isAdmin(threadKey({ guild: discord.guild.id, thread: discord.channel.id }), userKey(people.member.id))).rejects.toThrow(/Discord didn't answer a permission check/);
  });
});
