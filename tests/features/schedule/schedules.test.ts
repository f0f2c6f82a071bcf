import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { ForbiddenError, NotFoundError } from "../../../src/core/errors.js";
import { plainText } from "../../../src/core/messages/message.js";
import { parseWeekly } from "../../../src/features/schedule/cadence.js";
import type { PracticeSchedules } from "../../../src/features/team/port.js";
import { ChatRecorder } from "../../fakes/chat-recorder.js";
import { practiceQueue, startPracticeService, type PracticeService } from "../../support/practice-harness.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { TestDirectory } from "../../support/test-directory.js";

const CREATOR = "test:U-creator";
const TEAMMATE = "test:U-teammate";
const ADMIN = "test:U-admin";

let redis: RedisServer;
let recorder: ChatRecorder;
let bot: PracticeService;
let schedules: PracticeSchedules;
let inspect: ReturnType<typeof practiceQueue>;
const directory = new TestDirectory();
directory.admins.add(ADMIN);

beforeAll(async () => {
  redis = await startRedis();
  recorder = await new ChatRecorder().start();
  bot = await startPracticeService(redis, { role: "bot", recorder, directory });
  if (!bot.schedules) throw new Error("the bot role offered no schedules");
  schedules = bot.schedules;
  inspect = practiceQueue(redis);
});

afterAll(async () => {
  await inspect?.close();
  await bot?.service.stop();
  await recorder?.stop();
  await redis?.stop();
});

const mondayBerlin = parseWeekly({ day: "mon", time: "09:30", timezone: "Europe/Berlin", level: "senior" });
const fridayUtc = parseWeekly({ day: "friday", time: "16:05" });

/** The channel's job scheduler as BullMQ holds it. */
async function schedulerFor(channelKey: string) {
  const all = await inspect.queue.getJobSchedulers();
  const mine = all.filter((scheduler) => scheduler.template?.data?.channelKey === channelKey);
  expect(mine.length).toBeLessThanOrEqual(1);
  return mine[0];
}

function inBerlin(epochMs: number): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(epochMs);
}

describe("weekly practice schedules", () => {
  test("setting a schedule creates a job scheduler with the cadence's cron pattern and time zone, and says when the first problem comes", async () => {
    const channel = "test:T1:C-set";
    const reply = await schedules.set(channel, CREATOR, mondayBerlin);
    expect(reply.heading).toBe("Weekly practice is on");
    expect(plainText(reply)).toContain("Mondays at 09:30 (Europe/Berlin), senior level");
    const scheduler = await schedulerFor(channel);
    expect(scheduler?.pattern).toBe("30 9 * * 1");
    expect(scheduler?.tz).toBe("Europe/Berlin");
    expect(scheduler?.next).toBeGreaterThan(Date.now());
    expect(inBerlin(scheduler?.next ?? 0)).toBe("Mon 09:30");
    expect(reply.fields).toContainEqual({ label: "Next problem", value: expect.stringMatching(/^Mon, \d{1,2} \w{3} \d{4}, 09:30 \(Europe\/Berlin\)$/) });
  });

  test("a channel has one schedule: setting it again replaces the cadence", async () => {
    const channel = "test:T1:C-replace";
    await schedules.set(channel, CREATOR, mondayBerlin);
    const reply = await schedules.set(channel, CREATOR, fridayUtc);
    expect(reply.heading).toBe("Weekly practice changed");
    const scheduler = await schedulerFor(channel);
    expect(scheduler?.pattern).toBe("5 16 * * 5");
    expect(scheduler?.tz).toBe("UTC");
    expect(plainText(await schedules.list(channel))).toContain("Fridays at 16:05 (UTC)");
  });

  test("listing a channel without a schedule says so and names the command that creates one", async () => {
    const reply = await schedules.list("test:T1:C-empty");
    expect(plainText(reply)).toContain("No weekly practice in this channel");
    expect(plainText(reply)).toContain("/mock-interview schedule weekly");
  });

  test("listing shows the cadence, who set it up and when the next problem comes", async () => {
    const channel = "test:T1:C-list";
    await schedules.set(channel, CREATOR, mondayBerlin);
    const reply = await schedules.list(channel);
    expect(plainText(reply)).toContain("Mondays at 09:30 (Europe/Berlin), senior level");
    expect(reply.fields).toContainEqual({ label: "Set up by", value: `<@${CREATOR}>` });
    expect(reply.fields?.find((field) => field.label === "Next problem")?.value).toMatch(/^Mon, .* 09:30 \(Europe\/Berlin\)$/);
    // Listing names the creator without pinging them.
    expect(reply.mentions ?? []).toHaveLength(0);
  });

  test("a teammate can neither change nor remove someone else's schedule, and is told who can", async () => {
    const channel = "test:T1:C-teammate";
    await schedules.set(channel, CREATOR, mondayBerlin);
    const refusal = `Only <@${CREATOR}>, who set up this channel's weekly practice, or a workspace admin can change it or turn it off.`;
    await expect(schedules.set(channel, TEAMMATE, fridayUtc)).rejects.toThrow(ForbiddenError);
    await expect(schedules.set(channel, TEAMMATE, fridayUtc)).rejects.toThrow(refusal);
    await expect(schedules.off(channel, TEAMMATE)).rejects.toThrow(refusal);
    expect((await schedulerFor(channel))?.pattern).toBe("30 9 * * 1");
    expect(plainText(await schedules.list(channel))).toContain("Mondays at 09:30");
  });

  test("an admin can change and remove anyone's schedule", async () => {
    const channel = "test:T1:C-admin";
    await schedules.set(channel, CREATOR, mondayBerlin);
    await schedules.set(channel, ADMIN, fridayUtc);
    expect((await schedulerFor(channel))?.pattern).toBe("5 16 * * 5");
    const reply = await schedules.off(channel, ADMIN);
    expect(plainText(reply)).toContain("Weekly practice is off in this channel");
    expect(await schedulerFor(channel)).toBeUndefined();
    expect(plainText(await schedules.list(channel))).toContain("No weekly practice in this channel");
  });

  test("the creator can remove their schedule, and its pending tick goes with it", async () => {
    const channel = "test:T1:C-creator-off";
    await schedules.set(channel, CREATOR, mondayBerlin);
    expect((await inspect.queue.getDelayed()).map((job) => job.data.channelKey)).toContain(channel);
    await schedules.off(channel, CREATOR);
    expect(await schedulerFor(channel)).toBeUndefined();
    expect((await inspect.queue.getDelayed()).map((job) => job.data.channelKey)).not.toContain(channel);
  });

  test("turning off a channel that has no schedule says there is none", async () => {
    await expect(schedules.off("test:T1:C-none", CREATOR)).rejects.toThrow(NotFoundError);
    await expect(schedules.off("test:T1:C-none", CREATOR)).rejects.toThrow("There is no weekly practice in this channel to turn off");
  });

  test("schedules in different channels are independent", async () => {
    await schedules.set("test:T1:C-one", CREATOR, mondayBerlin);
    await schedules.set("test:T2:C-one", TEAMMATE, fridayUtc);
    await schedules.off("test:T1:C-one", CREATOR);
    expect(await schedulerFor("test:T1:C-one")).toBeUndefined();
    expect((await schedulerFor("test:T2:C-one"))?.pattern).toBe("5 16 * * 5");
  });
});
