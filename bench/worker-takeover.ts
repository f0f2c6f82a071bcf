// How long a summary job waits after its worker is SIGKILLed mid-summary (the model hanging on
// the call) before another worker has it, and until its scorecard is posted, with the default
// WORKER_LOCK_MS. The worker dies just after renewing the job's lock, the slowest moment to die.
import { loadConfig } from "../src/config/env.js";
import { measureTakeover } from "../tests/support/worker-takeover.js";

export async function benchWorkerTakeover(lockMs = loadConfig({}).WORKER_LOCK_MS): Promise<void> {
  const takeover = await measureTakeover(lockMs);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `worker takeover after SIGKILL during the summary's LLM call, WORKER_LOCK_MS ${lockMs}: taken over after ${seconds(takeover.takenOverMs)}, ` +
      `scorecard posted after ${seconds(takeover.scorecardMs)} (target: taken over within ${seconds(lockMs)})`,
  );
}
