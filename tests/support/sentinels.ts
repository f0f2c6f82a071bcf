import { expect } from "@jest/globals";
import { Queue } from "bullmq";
import { setTimeout as sleep } from "node:timers/promises";
import { SUMMARY_QUEUE } from "../../src/infra/bullmq/summary-job-options.js";
import type { Intake } from "../../src/ports/intake.js";
import type { ChatRecorder, Posted } from "../fakes/chat-recorder.js";
import { CANDIDATE, eventId } from "./service-harness.js";
import { testClient, type TestRedis } from "./test-redis.js";

/**
 * Ways to prove "nothing more was posted" without waiting out the clock. A test sends a later
 * event and waits for its answer, or waits until the thing that could post has nothing left to
 * do; absence is then asserted on what came before. Each timeout only fails the test.
 */

/** A service the test hands events to (a Harness, or a ServiceProcess through `send`) and the recorder its posts reach. */
export interface Sender {
  recorder: ChatRecorder;
  intake: Pick<Intake, "message" | "action">;
}

/** The first words of the reply to `help`, a scripted beat the LLM never rewords (see src/voice/interviewer/lines.ts). */
export const HELP_REPLY = /At any time you can type/;

/**
 * The candidate types `help` in `threadKey`; resolves, once its reply is posted, with every post
 * in the thread that came before that reply. A thread's events are answered in the order they were
 * taken in, one turn at a time, and each turn's reply is delivered before the next turn runs, so
 * anything an earlier event would have posted is among them.
 */
export async function postsBeforeHelp(bot: Sender, threadKey: string): Promise<Posted[]> {
  const start = bot.recorder.posts.length;
  const isHelp = (posted: Posted) => posted.threadKey === threadKey && HELP_REPLY.test(posted.message.paragraphs.join("\n"));
  expect(await bot.intake.message({ eventId: eventId(), threadKey, authorId: CANDIDATE.id, text: "help" })).toBe("queued");
  await bot.recorder.waitFor((posts) => posts.slice(start).some(isHelp));
  const at = bot.recorder.posts.findIndex((posted, index) => index >= start && isHelp(posted));
  return bot.recorder.posts.slice(0, at).filter((posted) => posted.threadKey === threadKey);
}

/**
 * For a thread whose interview has ended: the candidate presses End again; resolves, once they are
 * told it already ended, with every post in the thread before that notice (ordered as above).
 */
export async function postsBeforeEndAgain(bot: Sender, threadKey: string): Promise<Posted[]> {
  const start = bot.recorder.posts.length;
  const isNotice = (posted: Posted) => posted.threadKey === threadKey && posted.message.kind === "notice" && /already ended/i.test(posted.message.paragraphs.join(" "));
  expect(await bot.intake.action({ eventId: eventId(), threadKey, actorId: CANDIDATE.id, action: "end" })).toBe("queued");
  await bot.recorder.waitFor((posts) => posts.slice(start).some(isNotice));
  const at = bot.recorder.posts.findIndex((posted, index) => index >= start && isNotice(posted));
  return bot.recorder.posts.slice(0, at).filter((posted) => posted.threadKey === threadKey);
}

/**
 * Resolves once the summary queue has no job waiting, running or due for a retry: every scorecard
 * or failure notice that was asked for has been posted (or given up on), and no worker has anything
 * left that could post one. Ask after the turn that ended the interview was answered, since that
 * turn requests the summary before its reply is delivered.
 */
export async function summariesSettled(server: TestRedis, timeoutMs = 20_000): Promise<void> {
  const connection = testClient(server);
  const queue = new Queue(SUMMARY_QUEUE, { connection, prefix: server.env.BULLMQ_PREFIX });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
      if (Object.values(counts).every((count) => count === 0)) return;
      if (Date.now() > deadline) throw new Error(`summary jobs still pending after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      // Polls the queue until it is idle; the deadline only fails the test.
      await sleep(25);
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Resolves once `condition` holds, polling; the deadline only fails the test. */
export async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await sleep(25);
  }
}
