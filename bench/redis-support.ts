// Shared by the Redis benches: the real bot role in this process, posting into memory instead of a chat platform.
import { loadConfig } from "../src/config/env.js";
import type { Intake } from "../src/ports/intake.js";
import type { OutgoingMessage } from "../src/core/messages/message.js";
import { silentLogger } from "../src/ops/logger.js";
import type { Poster } from "../src/ports/poster.js";
import type { ChatPlatform } from "../src/app/platform.js";
import { startService, type RunningService } from "../src/app/service.js";

/** Resolves a waiter when the thread it watches gets its next interviewer message. */
class BenchPoster implements Poster {
  private readonly waiters = new Map<string, () => void>();

  async post(threadKey: string, message: OutgoingMessage): Promise<void> {
    if (message.kind !== "interviewer") return;
    const waiter = this.waiters.get(threadKey);
    this.waiters.delete(threadKey);
    waiter?.();
  }

  next(threadKey: string): Promise<void> {
    return new Promise((resolve) => this.waiters.set(threadKey, resolve));
  }
}

class BenchPlatform implements ChatPlatform {
  readonly name = "bench";
  readonly poster = new BenchPoster();
  intake: Intake | undefined;

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
  }

  async stop(): Promise<void> {}
}

export interface BenchBot {
  intake: Intake;
  /** Resolves when the thread's next interviewer reply is posted. */
  reply(threadKey: string): Promise<void>;
  service: RunningService;
}

/** The bot role with the offline interviewer and no burst window, so a turn's time is the service's own. */
export async function startBenchBot(env: Record<string, string>): Promise<BenchBot> {
  const platform = new BenchPlatform();
  const config = loadConfig({ METRICS_PORT: "0", BURST_WINDOW_MS: "0", ...env });
  const service = await startService({ role: "bot", config, platforms: [platform], logger: silentLogger });
  if (!platform.intake) throw new Error("bench platform was not started");
  return { intake: platform.intake, reply: (threadKey) => platform.poster.next(threadKey), service };
}

let sequence = 0;
export function benchEventId(): string {
  return `bench-${process.pid}-${++sequence}`;
}
