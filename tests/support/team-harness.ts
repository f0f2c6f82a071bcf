import { Redis } from "ioredis";
import { systemClock } from "../../src/core/clock.js";
import { loadConfig } from "../../src/config/env.js";
import { loadContent } from "../../src/engine/context.js";
import type { Candidate } from "../../src/domain/session.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import { SummaryQueue } from "../../src/infra/bullmq/summary-queue.js";
import { redisTeamStorage } from "../../src/infra/redis/team-storage.js";
import type { SummaryArchive } from "../../src/ports/archive.js";
import { TeamPracticeService } from "../../src/features/team/practice.js";
import { eventId, type Harness } from "./service-harness.js";
import type { RedisServer } from "./redis-server.js";
import { TestDirectory } from "./test-directory.js";
import { HttpPoster } from "./test-platform.js";

/** Posts like HttpPoster; a direct message lands in the recorder under the user's key, as a DM channel of its own. */
export class DirectPoster extends HttpPoster {
  async direct(userKey: string, message: OutgoingMessage): Promise<void> {
    await this.post(userKey, message);
  }
}

export interface Team {
  team: TeamPracticeService;
  directory: TestDirectory;
  archive: SummaryArchive;
  ttlMs: number;
  close(): Promise<void>;
}

/** The team features on the harness's Redis, posting to its chat recorder, with a test directory. */
export function startTeam(bot: Harness, server: RedisServer): Team {
  const config = loadConfig(server.env);
  const ttlMs = config.SESSION_TTL_DAYS * 86_400_000;
  const connection = new Redis(server.url, { maxRetriesPerRequest: null });
  const summaries = new SummaryQueue(connection, { prefix: config.BULLMQ_PREFIX, retries: { attempts: 1, backoffMs: 100 } });
  const directory = new TestDirectory();
  const storage = redisTeamStorage(bot.redis, bot.keys, ttlMs);
  const team = new TeamPracticeService({
    ...storage,
    store: bot.store,
    content: loadContent(),
    poster: new DirectPoster(bot.recorder.url),
    directory,
    summaries,
    clock: systemClock,
  });
  return {
    team,
    directory,
    archive: storage.archive,
    ttlMs,
    async close() {
      await summaries.close();
      connection.disconnect();
    },
  };
}

/** Runs an interview in the thread (start, one answer) and returns its id; `end` also ends it and waits for its scorecard. */
export async function interview(bot: Harness, threadKey: string, candidate: Candidate, options: { end?: boolean } = {}): Promise<string> {
  const replies = () => bot.recorder.in(threadKey, "interviewer").length;
  const scorecards = bot.recorder.in(threadKey, "summary").length;
  const before = replies();
  await bot.intake.start({ eventId: eventId(), threadKey, candidate, level: "senior", problem: "fraud" });
  await bot.recorder.waitFor(() => replies() === before + 1);
  await bot.intake.message({ eventId: eventId(), threadKey, authorId: candidate.id, text: "I would define fraud loss per transaction as the business metric." });
  await bot.recorder.waitFor(() => replies() === before + 2);
  const id = (await bot.session(threadKey)).id;
  if (options.end ?? true) {
    await bot.intake.action({ eventId: eventId(), threadKey, actorId: candidate.id, action: "end" });
    await bot.recorder.waitFor(() => bot.recorder.in(threadKey, "summary").length === scorecards + 1);
  }
  return id;
}
