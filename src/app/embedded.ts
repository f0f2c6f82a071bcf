import { GraphvizDrawer } from "../infra/render/graphviz-drawer.js";
import { systemClock, type Clock } from "../core/clock.js";
import type { Config } from "../config/env.js";
import { loadContent, type Content } from "../engine/context.js";
import { SoloDirectory } from "../infra/embedded/solo-directory.js";
import { InProcessSummaries } from "../infra/embedded/summaries.js";
import { embeddedTeamStorage } from "../infra/embedded/team-storage.js";
import { EmbeddedTurnStorage } from "../infra/embedded/turns.js";
import { TeamPracticeService } from "../features/team/practice.js";
import type { TeamServices } from "../features/team/port.js";
import { NO_SCHEDULES } from "../infra/embedded/no-schedules.js";
import type { Intake } from "../ports/intake.js";
import { silentLogger, type Logger } from "../ops/logger.js";
import { Metrics } from "../ops/metrics.js";
import { TurnCoordinator } from "../pipeline/coordinator.js";
import { Delivery } from "../pipeline/delivery.js";
import { TurnIntake } from "../pipeline/intake.js";
import { TurnRunner } from "../pipeline/runner.js";
import { ScorecardWriter } from "../pipeline/scorecards.js";
import type { Poster } from "../ports/poster.js";
import type { SummaryJob } from "../ports/summary-job.js";
import type { SessionStore } from "../ports/sessions.js";

const DAY_MS = 24 * 3600_000;
import type { Summarizer } from "../voice/summary/port.js";
import type { Summary } from "../domain/summary.js";
import { interviewerSetup } from "./interviewer.js";

/**
 * The whole service inside one process, for the terminal (and anything else that hosts a single
 * user): the same intake, turn pipeline and summary job as the chat bot, on embedded storage and
 * the offline interviewer unless OPENAI_API_KEY is set. No tokens, no Redis, no network. With a
 * data folder, interviews and scorecards outlive the process, so history, focus and progress work.
 */
export interface EmbeddedApp {
  intake: Intake;
  /** The sessions as the pipeline keeps them. */
  sessions: SessionStore;
  /** History, focus, progress and forget-me over the same storage; no weekly schedules (there is no channel). */
  services: TeamServices;
  summarizer: Summarizer;
  content: Content;
  mode: "llm" | "offline";
  /** Resolves once every event taken in has been answered and every scorecard posted. */
  settled(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where replies, notices and scorecards go: the terminal's renderer, a test's recorder. */
  poster: Poster;
  clock?: Clock;
  logger?: Logger;
  /** The folder interviews, scorecards and reviews persist to (see resolveDataDir). @defaultValue in memory only */
  dataDir?: string | undefined;
  /** Told of each scorecard once posted. */
  onSummary?: (job: SummaryJob, summary: Summary) => void;
}

export function embeddedApp(config: Config, options: EmbeddedOptions): EmbeddedApp {
  const content = loadContent({ problems: config.PROBLEMS_DIR, rubric: config.RUBRIC_DIR });
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const metrics = new Metrics();
  const setup = interviewerSetup(config, content, clock);
  const drawer = new GraphvizDrawer();
  const kept = embeddedTeamStorage({ dataDir: options.dataDir, clock, ttlMs: config.SESSION_TTL_DAYS * DAY_MS });
  const storage = new EmbeddedTurnStorage(clock, kept.store);
  const { poster } = options;
  const summaries = new InProcessSummaries({
    writer: new ScorecardWriter({ store: storage, summarizer: setup.summarizer, poster, posted: kept.posted, archive: kept.archive, design: { drawer, content, logger } }),
    logger,
    attempts: config.SUMMARY_ATTEMPTS,
    ...(options.onSummary ? { onPosted: options.onSummary } : {}),
  });
  const runner = new TurnRunner({
    store: storage,
    interviewer: setup.interviewer,
    content,
    clock,
    limits: { tokenBudget: config.MAX_TOKENS_PER_INTERVIEW },
    delivery: new Delivery({ outbox: storage, poster, metrics, logger }),
    poster,
    summaries,
    due: storage,
    metrics,
    logger,
    drawer,
    placeholders: storage.placeholders,
    streaming: config.LLM_STREAMING === "on",
  });
  // One person types and waits for the answer: no burst window to wait out.
  const coordinator = new TurnCoordinator({ inbox: storage, lock: storage, runner, metrics, logger, burstWindowMs: 0 });
  const intake = new TurnIntake({ inbox: storage, placeholders: storage.placeholders, coordinator, poster, metrics, logger, burstWindowMs: 0 });
  const team = new TeamPracticeService({ ...kept, store: storage, content, poster, directory: new SoloDirectory(), clock });
  return {
    intake,
    sessions: storage,
    services: { team, schedules: NO_SCHEDULES },
    summarizer: setup.summarizer,
    content,
    mode: setup.mode,
    settled: async () => {
      await coordinator.idle();
      await summaries.idle();
    },
  };
}
