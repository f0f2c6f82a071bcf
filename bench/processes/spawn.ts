// Starting the benches' helper processes: each prints one JSON line once it is ready, and ends
// when its stdin closes, so a bench that crashes leaves nothing running.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface HelperProcess<T> {
  child: ChildProcess;
  /** The JSON line it printed when ready. */
  info: T;
  /** Every later stdout line. */
  lines: string[];
  stop(): Promise<void>;
}

/** Runs `script` under tsx (or plain node for `.js`) and waits for its ready line. */
export async function startHelper<T>(script: string, args: readonly string[] = [], env: Record<string, string> = {}, options: { readyTimeoutMs?: number } = {}): Promise<HelperProcess<T>> {
  const runner = script.endsWith(".js") ? [] : ["--import", "tsx"];
  const child = spawn(process.execPath, [...runner, script, ...args], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} was not ready within ${options.readyTimeoutMs ?? 30_000} ms`)), options.readyTimeoutMs ?? 30_000);
    let ready = false;
    reader.on("line", (line) => {
      if (ready) return void lines.push(line);
      try {
        const parsed = JSON.parse(line) as T;
        ready = true;
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        lines.push(line);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${script} exited with ${code} before it was ready`));
    });
    child.once("error", reject);
  });
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
  return {
    child,
    info,
    lines,
    stop: async () => {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a process to its end and parses the JSON it printed last. */
export function runToEnd<T>(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = output.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last) return reject(new Error(`${script} exited with ${code}`));
      resolve(JSON.parse(last) as T);
    });
  });
}
