import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { IntakeOutcome } from "../../src/ports/intake.js";
import { ROOT } from "./cli.js";
import { freePort } from "./ports.js";

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Every JSON log line so far. */
  readonly logs: Array<Record<string, unknown>>;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly opsUrl: string;
  readonly exited: Promise<number | null>;
  /** Hands an event to the process's test platform, as Slack or Discord would deliver it. */
  send(kind: "message" | "action" | "start", event: Record<string, unknown>): Promise<IntakeOutcome>;
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs tests/support/service-entry.ts (the real command line with the test platform) as its own
 * process; with `entry: "bin/mock-interview.ts"`, the real command line with the real platforms
 * its environment configures (then `send` has nothing to talk to).
 */
export async function startServiceProcess(role: string, env: Record<string, string>, entry = "tests/support/service-entry.ts"): Promise<ServiceProcess> {
  const platformPort = await freePort();
  const opsPort = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, entry), role], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env, TEST_PLATFORM_PORT: String(platformPort), METRICS_PORT: String(opsPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const logs: Array<Record<string, unknown>> = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line.
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitForLog: ServiceProcess["waitForLog"] = async (predicate, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = logs.find(predicate);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for a log line; stderr: ${stderr}`);
      await sleep(25);
    }
  };
  try {
    await waitForLog((line) => line.msg === "mock-interview started");
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    child,
    logs,
    stdout: () => stdout,
    stderr: () => stderr,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    exited,
    waitForLog,
    kill: (signal) => child.kill(signal),
    async send(kind, event) {
      const response = await fetch(`http://127.0.0.1:${platformPort}/${kind}`, { method: "POST", body: JSON.stringify(event) });
      if (!response.ok) throw new Error(`platform answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { outcome: IntakeOutcome }).outcome;
    },
  };
}
