import { loadConfig, type Config } from "../config/env.js";
import { loadContent, type Content } from "../engine/context.js";
import { isAppError } from "../core/errors.js";
import { createLogger, type Logger } from "../ops/logger.js";
import type { ChatPlatform, PlatformModule } from "./platform.js";
import { ROLES, startService, type Role, type RunningService } from "./service.js";

export const USAGE = `Usage: mock-interview [all|bot|worker]
  all     every configured chat platform and the summary worker in one process (npm start)
  bot     the chat platforms only: take events in, answer turns
  worker  the summary worker only: write scorecards and post them
Every role needs REDIS_URL (or REDIS_CLUSTER_NODES for a Redis Cluster); see .env.example for the other variables.`;

/**
 * The process around a service role: parses the role and the environment, starts the role, and
 * drains on SIGTERM or SIGINT. Start-up failures are one line on stderr and exit code 1.
 */
export async function runFromCommandLine(argv: readonly string[], platformsFor: (config: Config, content: Content) => ChatPlatform[], registered: readonly PlatformModule[] = []): Promise<void> {
  const argument = argv[0] ?? "all";
  if (argument === "--help" || argument === "-h" || argument === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!isRole(argument)) {
    process.stderr.write(`Unknown role "${argument}".\n${USAGE}\n`);
    process.exit(2);
  }
  let service: RunningService;
  let logger: Logger;
  let config: Config;
  try {
    config = loadConfig();
    logger = createLogger({ level: config.LOG_LEVEL, role: argument });
    // Loaded once: the platforms (problem autocomplete, start) and the engine share the same bank.
    const content = loadContent({ problems: config.PROBLEMS_DIR, rubric: config.RUBRIC_DIR });
    service = await startService({ role: argument, config, content, platforms: platformsFor(config, content), registered, logger });
  } catch (error) {
    process.stderr.write(`${isAppError(error) ? error.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`}\n`);
    process.exit(1);
  }
  // A stray rejection (a platform SDK's, a late Redis reply) is logged; it must not take the bot down mid-interview.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, "unhandled rejection"));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining: no new events; finishing the turns and jobs in hand");
    setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutdown timed out; exiting with work unfinished");
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    service.stop().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
