import { expect, test } from "@jest/globals";
import { plainText } from "../../src/core/messages/message.js";
import { silentLogger } from "../../src/ops/logger.js";
import type { PracticeScheduler, Schedule, WeeklyCadence } from "../../src/ports/schedules.js";
import { PracticeSchedulesService } from "../../src/features/schedule/schedules.js";
import { TestDirectory } from "../support/test-directory.js";
import { DAY_MS, TTL_MS, type StorageWorld, type WorldFactory } from "./world.js";

const CHANNEL = "test:T1:C1";
const MONDAY_MORNING: WeeklyCadence = { day: 1, hour: 9, minute: 30, timezone: "Europe/Berlin", level: "senior" };

/** Ticks kept in process: the next one is a week after the schedule was set. What BullMQ's scheduler does, without a queue. */
class InProcessScheduler implements PracticeScheduler {
  readonly ticks = new Map<string, number>();
  async upsert(schedule: Schedule): Promise<number> {
    const next = schedule.createdAt + 7 * DAY_MS;
    this.ticks.set(schedule.channelKey, next);
    return next;
  }
  async next(channelKey: string): Promise<number | undefined> {
    return this.ticks.get(channelKey);
  }
  async remove(channelKey: string): Promise<void> {
    this.ticks.delete(channelKey);
  }
  async close(): Promise<void> {}
}

function schedulesOn(world: StorageWorld): PracticeSchedulesService {
  return new PracticeSchedulesService({ records: world.records, rotation: world.rotation, scheduler: new InProcessScheduler(), directory: new TestDirectory(), logger: silentLogger, clock: world.clock });
}

/** Practice schedules and their rotation of problems. */
export function schedulesContract(make: WorldFactory): void {
  test("a schedule list shows what was set, then what replaced it, and nothing once it is off", async () => {
    const world = await make();
    const schedules = schedulesOn(world);
    expect(plainText(await schedules.list(CHANNEL))).toContain("No weekly practice in this channel");

    await schedules.set(CHANNEL, "test:U1", MONDAY_MORNING);
    expect(plainText(await schedules.list(CHANNEL))).toContain("Mondays at 09:30 (Europe/Berlin), senior level");
    await schedules.set(CHANNEL, "test:U1", { ...MONDAY_MORNING, day: 3, level: null });
    expect(plainText(await schedules.list(CHANNEL))).toContain("Wednesdays at 09:30 (Europe/Berlin): a practice problem");
    expect(await world.records.get("test:T1:C2")).toBeNull();

    await schedules.off(CHANNEL, "test:U1");
    expect(plainText(await schedules.list(CHANNEL))).toContain("No weekly practice in this channel");
  });

  test("a schedule stays however long it runs: it is channel configuration, not interview data", async () => {
    const world = await make();
    await world.records.save({ channelKey: CHANNEL, creatorId: "test:U1", cadence: MONDAY_MORNING, createdAt: world.clock.now() });

    await world.elapse(400 * DAY_MS);

    expect((await world.records.get(CHANNEL))?.cadence).toEqual(MONDAY_MORNING);
  });

  test("each problem comes once per rotation, a retried tick posts the same problem, and a posted tick posts nothing", async () => {
    const world = await make();
    const order = ["fraud", "feed", "search"];
    const picks: Array<string | null> = [];
    for (const tick of ["w1", "w2", "w3", "w4"]) {
      picks.push(await world.rotation.pick(CHANNEL, tick, order));
      // A tick whose post failed runs again before it is recorded: the same problem.
      picks.push(await world.rotation.pick(CHANNEL, tick, order));
      await world.rotation.recordPosted(CHANNEL, tick);
      picks.push(await world.rotation.pick(CHANNEL, tick, order));
    }
    expect(picks).toEqual(["fraud", "fraud", null, "feed", "feed", null, "search", "search", null, "fraud", "fraud", null]);
  });

  test("turning a schedule off forgets its rotation, so one set again later starts afresh", async () => {
    const world = await make();
    const order = ["fraud", "feed"];
    await world.rotation.pick(CHANNEL, "w1", order);
    await world.rotation.recordPosted(CHANNEL, "w1");

    await world.rotation.clear(CHANNEL);

    expect(await world.rotation.pick(CHANNEL, "w1", order)).toBe("fraud");
  });

  test("a rotation outlives the week between two ticks, and lapses only once ticks stop for longer than the retention", async () => {
    const world = await make();
    const order = ["fraud", "feed"];
    await world.rotation.pick(CHANNEL, "w1", order);
    await world.rotation.recordPosted(CHANNEL, "w1");
    await world.elapse(7 * DAY_MS);
    expect(await world.rotation.pick(CHANNEL, "w2", order)).toBe("feed");
    await world.rotation.recordPosted(CHANNEL, "w2");

    await world.elapse(TTL_MS + 1);

    expect(await world.rotation.pick(CHANNEL, "w2", order)).toBe("fraud");
  });
}
