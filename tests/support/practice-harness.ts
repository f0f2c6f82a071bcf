import { Queue } from "bullmq";
import { loadConfig } from "../../src/config/env.js";
import type { Intake } from "../../src/ports/intake.js";
import { silentLogger } from "../../src/ops/logger.js";
import { PRACTICE_QUEUE, type PracticeRepeat, type PracticeTick } from "../../src/infra/bullmq/practice-job.js";
import { startService, type Role, type RunningService } from "../../src/app/service.js";
import type { TeamServices } from "../../src/features/team/port.js";
import type { ChatRecorder } from "../fakes/chat-recorder.js";
import { testClient, type TestRedis } from "./test-redis.js";
import { FAST } from "./service-harness.js";
import { TestDirectory } from "./test-directory.js";
import { HttpPoster, TestPlatform } from "./test-platform.js";

/** The test platform with a directory, keeping the team services the bot role hands it, as an adapter would. */
export class TeamTestPlatform extends TestPlatform {
  services: TeamServices | undefined;

  constructor(
    recorder: ChatRecorder,
    readonly directory: TestDirectory,
  ) {
    super(new HttpPoster(recorder.url));
  }

  override async start(intake: Intake, team?: TeamServices): Promise<void> {
    this.services = team;
    await super.start(intake);
  }
}

export interface PracticeService {
  service: RunningService;
  /** The schedules the bot role offers its platform (undefined in the worker role). */
  schedules: TeamServices["schedules"] | undefined;
}

/** The real service in this process, posting to `recorder`; schedules tick as `repeat` says (cron by default). */
export async function startPracticeService(
  server: TestRedis,
  options: { role: Role; recorder: ChatRecorder; directory: TestDirectory; repeat?: PracticeRepeat },
): Promise<PracticeService> {
  const config = loadConfig({ ...server.env, METRICS_PORT: "0", ...FAST });
  const platform = new TeamTestPlatform(options.recorder, options.directory);
  const service = await startService({
    role: options.role,
    config,
    platforms: [platform],
    logger: silentLogger,
    sweepIntervalMs: 500,
    ...(options.repeat ? { practiceRepeat: options.repeat } : {}),
  });
  return { service, schedules: platform.services?.schedules };
}

/** BullMQ's view of the practice queue, as an operator would inspect it. */
export function practiceQueue(server: TestRedis): { queue: Queue<PracticeTick>; close(): Promise<void> } {
  const connection = testClient(server);
  const queue = new Queue<PracticeTick>(PRACTICE_QUEUE, { connection, prefix: server.env.BULLMQ_PREFIX });
  return {
    queue,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
