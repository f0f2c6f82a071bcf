import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { setTimeout as sleep } from "node:timers/promises";
import { loadContent } from "../../../src/engine/context.js";
import { plainText } from "../../../src/core/messages/message.js";
import { parseWeekly } from "../../../src/features/schedule/cadence.js";
import { PRACTICE_JOB, schedulerId, type PracticeRepeat } from "../../../src/infra/bullmq/practice-job.js";
import type { Role } from "../../../src/app/service.js";
import { parsePracticeStartValue, type PracticeSchedules } from "../../../src/features/team/port.js";
import { ChatRecorder, type Posted } from "../../fakes/chat-recorder.js";
import { practiceQueue, startPracticeService, type PracticeService } from "../../support/practice-harness.js";
import { startRedis } from "../../support/redis-server.js";
import { startRedisCluster } from "../../support/redis-cluster.js";
import type { TestRedis } from "../../support/test-redis.js";
import { TestDirectory } from "../../support/test-directory.js";

const CREATOR = "test:U-creator";
/** Ticks a few times a second instead of weekly, so a test sees many ticks. */
const QUICK: PracticeRepeat = () => ({ every: 300 });
const bank = loadContent().bank;

// Every behaviour on one node and on a Redis Cluster: BullMQ's job schedulers and the rotation's keys under their hash tags.
describe.each([
  ["one redis-server", () => startRedis({ controllable: true }), true],
  ["a Redis Cluster", () => startRedisCluster(), false],
] as const)("weekly practice prompts on %s", (_backend, startBackend, restartable) => {
  let redis: TestRedis;
  let recorder: ChatRecorder;
  let inspect: ReturnType<typeof practiceQueue>;
  const directory = new TestDirectory();
  const running: PracticeService[] = [];
  let schedules: PracticeSchedules;

  async function start(role: Role): Promise<PracticeService> {
    const started = await startPracticeService(redis, { role, recorder, directory, repeat: QUICK });
    running.push(started);
    return started;
  }

  async function stopAll(): Promise<void> {
    for (const started of running.splice(0)) await started.service.stop();
  }

  /** One bot and two workers competing for the same ticks. */
  async function startServices(): Promise<void> {
    const bot = await start("bot");
    if (!bot.schedules) throw new Error("the bot role offered no schedules");
    schedules = bot.schedules;
    await start("worker");
    await start("worker");
  }

  beforeAll(async () => {
    redis = await startBackend();
    recorder = await new ChatRecorder().start();
    inspect = practiceQueue(redis);
    await startServices();
  }, 60_000);

  afterAll(async () => {
    await stopAll();
    await inspect?.close();
    await recorder?.stop();
    await redis?.stop();
  });

  const weekly = (level: string | null) => parseWeekly({ day: "mon", time: "09:30", timezone: "Europe/Berlin", level });
  const problemOf = (posted: Posted | undefined) => parsePracticeStartValue(posted?.message.buttons?.[0]?.value ?? "").problem;
  const tickOf = (posted: Posted) => posted.options.idempotencyKey?.replace(/^practice-/, "") ?? "";

  /** Waits until no tick of the channel is waiting or running, so what it posted is final. */
  async function settle(channelKey: string): Promise<void> {
    for (let tries = 0; tries < 200; tries++) {
      const busy = [...(await inspect.queue.getActive()), ...(await inspect.queue.getWaiting())].filter((job) => job.data.channelKey === channelKey);
      if (busy.length === 0) return;
      // Polls the queue; the loop's end only fails the test.
      await sleep(50);
    }
    throw new Error(`ticks of ${channelKey} still running`);
  }

    test("with two workers, each tick posts one problem once, and no problem repeats until the level's problems have all been posted", async () => {
      const channel = "test:T1:C-rotation";
      const junior = bank.forLevel("junior").map((problem) => problem.id);
      expect(junior.length).toBeGreaterThanOrEqual(3);
      await schedules.set(channel, CREATOR, weekly("junior"));
      await recorder.waitFor(() => recorder.in(channel).length >= 2 * junior.length + 1);
      await schedules.off(channel, CREATOR);
      await settle(channel);

      const posts = recorder.in(channel);
      const ticks = new Set(posts.map(tickOf));
      expect(ticks.size).toBe(posts.length);
      // Every tick BullMQ ran for the channel posted exactly once.
      const completed = (await inspect.queue.getCompleted(0, -1)).filter((job) => job.data.channelKey === channel && job.returnvalue === "posted");
      expect(new Set(completed.map((job) => job.id))).toEqual(ticks);

      const problems = posts.map(problemOf);
      const first = problems.slice(0, junior.length);
      const second = problems.slice(junior.length, 2 * junior.length);
      expect(new Set(first)).toEqual(new Set(junior));
      expect(new Set(second)).toEqual(new Set(junior));
      expect(second[0]).not.toBe(first[first.length - 1]);

      const [prompt] = posts;
      expect(prompt?.message.heading).toBe("Practice problem of the week");
      expect(plainText(prompt?.message ?? { kind: "notice", paragraphs: [] })).toContain(bank.find(problems[0] ?? "")?.title ?? "?");
      expect(prompt?.message.buttons).toEqual([{ action: "practice-start", label: "Start", value: `${problems[0]}@junior`, style: "primary" }]);
    });

    test("after the creator turns the schedule off, nothing more is posted", async () => {
      const channel = "test:T1:C-off";
      await schedules.set(channel, CREATOR, weekly(null));
      await recorder.waitFor(() => recorder.in(channel).length >= 2);
      await schedules.off(channel, CREATOR);
      await settle(channel);
      // Only a tick can post, and none is left to come: no scheduler makes more, and no tick waits, runs or is due.
      expect(await inspect.queue.getJobScheduler(schedulerId(channel))).toBeUndefined();
      const pending = await inspect.queue.getJobs(["waiting", "active", "delayed", "prioritized", "waiting-children"]);
      expect(pending.filter((job) => job.data.channelKey === channel)).toEqual([]);
    });

    test("a tick whose post fails is retried with the problem it picked, while later ticks move on", async () => {
      const channel = "test:T1:C-retry";
      let refused: Posted | undefined;
      recorder.refuse = (posted) => {
        if (posted.threadKey !== channel || refused) return false;
        refused = posted;
        return true;
      };
      try {
        await schedules.set(channel, CREATOR, weekly(null));
        await recorder.waitFor(() => refused !== undefined && recorder.in(channel).length >= 2);
        const tick = tickOf(refused as Posted);
        // Later ticks have posted other problems meanwhile; the failed tick's problem stays its own.
        expect(recorder.in(channel).map(problemOf)).not.toContain(problemOf(refused));
        // The failed tick waits out its back-off; bring its retry forward.
        const job = await inspect.queue.getJob(tick);
        await job?.promote();
        await recorder.waitFor(() => recorder.in(channel).some((posted) => tickOf(posted) === tick));
        const retried = recorder.in(channel).filter((posted) => tickOf(posted) === tick);
        expect(retried).toHaveLength(1);
        expect(problemOf(retried[0])).toBe(problemOf(refused));
      } finally {
        recorder.refuse = () => false;
        await schedules.off(channel, CREATOR).catch(() => undefined);
      }
    });

    test("a tick that runs again after posting posts nothing more", async () => {
      const channel = "test:T1:C-rerun";
      await schedules.set(channel, CREATOR, weekly(null));
      try {
        await recorder.waitFor(() => recorder.in(channel).length >= 1);
        const tick = tickOf(recorder.in(channel)[0] as Posted);
        for (let tries = 0; tries < 100 && !(await (await inspect.queue.getJob(tick))?.isCompleted()); tries++) await sleep(50);
        // The same tick delivered again, as after a worker died between posting and finishing the job.
        await (await inspect.queue.getJob(tick))?.remove();
        const again = await inspect.queue.add(PRACTICE_JOB, { channelKey: channel }, { jobId: tick });
        for (let tries = 0; tries < 100 && !(await again.isCompleted()); tries++) await sleep(50);
        expect(await again.isCompleted()).toBe(true);
        expect((await inspect.queue.getJob(tick))?.returnvalue).toBe("already-posted");
        expect(recorder.in(channel).filter((posted) => tickOf(posted) === tick)).toHaveLength(1);
      } finally {
        await schedules.off(channel, CREATOR);
      }
    });

    test("a scheduler left without its schedule stops instead of posting", async () => {
      const channel = "test:T1:C-orphan";
      await inspect.queue.upsertJobScheduler(schedulerId(channel), { every: 300 }, { name: PRACTICE_JOB, data: { channelKey: channel } });
      for (let tries = 0; tries < 100 && (await inspect.queue.getJobScheduler(schedulerId(channel))); tries++) await sleep(50);
      expect(await inspect.queue.getJobScheduler(schedulerId(channel))).toBeUndefined();
      expect(recorder.in(channel)).toHaveLength(0);
    });

    // A whole cluster is not restarted here; its failover is tests/app/cluster-failover.test.ts.
    (restartable ? test : test.skip)("a schedule survives a restart of every service and of Redis, and keeps posting", async () => {
      if (!("url" in redis)) throw new Error("only a single redis-server restarts");
      const channel = "test:T1:C-restart";
      await schedules.set(channel, CREATOR, weekly("senior"));
      await recorder.waitFor(() => recorder.in(channel).length >= 1);
      await stopAll();
      await redis.kill();
      await redis.restart();
      const before = recorder.in(channel).length;
      await startServices();
      await recorder.waitFor(() => recorder.in(channel).length >= before + 2);
      expect(plainText(await schedules.list(channel))).toContain("Mondays at 09:30 (Europe/Berlin), senior level");
      const problems = recorder.in(channel).map(problemOf);
      expect(problems.every((id) => bank.find(id)?.levels.includes("senior"))).toBe(true);
      await schedules.off(channel, CREATOR);
    });
});
