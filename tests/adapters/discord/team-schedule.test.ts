import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { InteractionResponseType, MessageFlags, Routes } from "discord.js";
import { loadContent } from "../../../src/engine/context.js";
import type { PracticeRepeat } from "../../../src/infra/bullmq/practice-job.js";
import type { DiscordCall } from "../../fakes/discord.js";
import { callbackFlags, contentOf, customIds, DiscordWorld, hasInterviewButtons, messageOf, postedIn } from "./team-world.js";

/**
 * Weekly practice on Discord, end to end: `/mock-interview schedule …` in a channel, the prompt the
 * worker posts there (ticking every few hundred ms instead of weekly), and Start on it.
 */

const QUICK: PracticeRepeat = () => ({ every: 300 });

let world: DiscordWorld;

beforeAll(async () => {
  world = await DiscordWorld.start({ practiceRepeat: QUICK });
});

afterAll(async () => {
  await world?.stop();
});

const weekly = (options: Record<string, string>) => ({ group: "schedule", subcommand: "weekly", options });
const isPrompt = (call: DiscordCall) => customIds(call).some((id) => id.startsWith("mock_team:practice-start:"));

describe("/mock-interview schedule", () => {
  test("weekly sets the channel's schedule and says when the next problem comes, to the caller alone", async () => {
    const channel = await world.channel();
    const set = await world.command(world.people.candidate, channel.id, weekly({ day: "mon", time: "09:30", timezone: "Europe/Berlin", level: "senior" }));
    expect(set.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(contentOf(set.reply)).toMatch(/Weekly practice is on/);
    expect(contentOf(set.reply)).toMatch(/Mondays at 09:30 \(Europe\/Berlin\), senior level/);
    expect(contentOf(set.reply)).toMatch(/Next problem:\*\* .*\(Europe\/Berlin\)/);

    const listed = await world.command(world.people.teammate, channel.id, { group: "schedule", subcommand: "list" });
    expect(contentOf(listed.reply)).toMatch(/Mondays at 09:30/);
    expect(contentOf(listed.reply)).toContain(`<@${world.people.candidate.id}>`);
    await world.command(world.people.candidate, channel.id, { group: "schedule", subcommand: "off" });
  });

  test("off by someone other than its creator is refused; an admin (Manage Server) may turn it off", async () => {
    const channel = await world.channel();
    const { candidate, teammate, admin } = world.people;
    await world.command(candidate, channel.id, weekly({ day: "fri", time: "16:00" }));
    const refused = await world.command(teammate, channel.id, { group: "schedule", subcommand: "off" });
    expect(callbackFlags(refused.callback)).toBe(MessageFlags.Ephemeral);
    expect(contentOf(refused.reply)).toMatch(new RegExp(`Only <@${candidate.id}>, who set up this channel's weekly practice`));
    const stillOn = await world.command(teammate, channel.id, { group: "schedule", subcommand: "list" });
    expect(contentOf(stillOn.reply)).toMatch(/Fridays at 16:00 \(UTC\)/);

    const off = await world.command(admin, channel.id, { group: "schedule", subcommand: "off" });
    expect(contentOf(off.reply)).toMatch(/Weekly practice is off in this channel/);
    // Discord was asked who administers the server.
    expect(world.discord.callsTo("GET", Routes.guild(world.discord.guild.id)).length).toBeGreaterThan(0);
  });

  test("a time that isn't HH:MM, or an unknown time zone, is answered with what to type", async () => {
    const channel = await world.channel();
    const time = await world.command(world.people.candidate, channel.id, weekly({ day: "tue", time: "9.30" }));
    expect(contentOf(time.reply)).toMatch(/"9\.30" is not a time: use 24-hour HH:MM/);
    const zone = await world.command(world.people.candidate, channel.id, weekly({ day: "tue", time: "09:30", timezone: "Mars/Olympus" }));
    expect(contentOf(zone.reply)).toMatch(/"Mars\/Olympus" is not a time zone/);
  });

  test("the timezone option suggests the zones matching what was typed", async () => {
    const channel = await world.channel();
    const typed = world.discord.autocomplete({ user: world.people.candidate, channelId: channel.id, group: "schedule", subcommand: "weekly", option: "timezone", typed: "berl", others: { day: "mon" } });
    await world.discord.interact(typed);
    const result = await world.discord.waitFor((call) => call.path === Routes.interactionCallback(typed.id, typed.token));
    expect(result.status).toBe(204);
    expect((result.body as { data: { choices: Array<{ value: string }> } }).data.choices[0]).toEqual({ name: "Europe/Berlin", value: "Europe/Berlin" });
  });
});

describe("Start on a weekly practice prompt", () => {
  test("the presser gets an interview thread of their own on that problem, and its first question", async () => {
    const channel = await world.channel();
    const { candidate, teammate } = world.people;
    await world.command(candidate, channel.id, weekly({ day: "wed", time: "12:00", level: "senior" }));
    const prompt = await world.discord.waitFor((call) => postedIn(channel.id)(call) && isPrompt(call), 10_000);
    await world.command(candidate, channel.id, { group: "schedule", subcommand: "off" });
    expect(contentOf(prompt)).toMatch(/Practice problem of the week/);
    const start = customIds(prompt).find((id) => id.startsWith("mock_team:practice-start:")) ?? "";
    const [problem] = start.slice("mock_team:practice-start:".length).split("@");

    const opened = world.next((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${channel.id}/messages/`) && call.path.endsWith("/threads"));
    const pressed = await world.press(teammate, messageOf(prompt).id, start);
    expect(pressed.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const threadId = String(((await opened).response as { id: string }).id);
    expect(contentOf(pressed.reply)).toContain(`Your interview is ready in <#${threadId}>`);
    const title = loadContent().bank.find(problem ?? "")?.title ?? "a problem the bank knows";
    expect(world.discord.thread(threadId)?.name).toBe(`Mock interview · Grace · ${title}`);
    const first = await world.discord.waitFor((call) => postedIn(threadId)(call) && hasInterviewButtons(call), 10_000);
    const opening = world.discord.calls.filter(postedIn(threadId)).map(contentOf).join("\n");
    expect(opening).toMatch(/Hi Grace/);
    expect(contentOf(first)).toBeTruthy();
    // The parent message names the prompt's problem, and the interview is the presser's.
    const parent = world.discord.calls.filter(postedIn(channel.id)).find((call) => contentOf(call).includes("is practising"));
    expect(contentOf(parent)).toContain(`<@${teammate.id}> is practising`);
    expect(contentOf(parent)).toContain(title);

    // A second press by the same person moments later (a double click) opens no second thread.
    const again = await world.press(teammate, messageOf(prompt).id, start);
    expect(contentOf(again.reply)).toMatch(/already opening/);
    const threadsOpened = world.discord.calls.filter((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${channel.id}/messages/`) && call.path.endsWith("/threads"));
    expect(threadsOpened).toHaveLength(1);
  });
});
