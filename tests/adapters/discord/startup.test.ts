import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Routes } from "discord.js";
import { FakeDiscord } from "../../fakes/discord.js";
import { ROOT, runCli } from "../../support/cli.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";

/** `npm start` with Discord's variables: the composition root, as a real process. */

const BIN = "bin/mock-interview.ts";
/** Empty counts as unset: nothing from the surrounding environment turns Slack on. */
const NO_SLACK = { SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "" };

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0] ?? "";
}

describe("start-up with Discord configured", () => {
  let redis: RedisServer;
  let discord: FakeDiscord;

  beforeAll(async () => {
    redis = await startRedis();
    discord = await new FakeDiscord().start();
  });

  afterAll(async () => {
    await discord?.stop();
    await redis?.stop();
  });

  test("a malformed DISCORD_APPLICATION_ID stops start-up with one line naming it", async () => {
    const result = await runCli(BIN, ["all"], { env: { ...NO_SLACK, REDIS_URL: redis.url, DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: "my-app" } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/^DISCORD_APPLICATION_ID: must be a numeric Discord id/);
  });

  test("DISCORD_APPLICATION_ID without DISCORD_TOKEN names the missing token", async () => {
    const result = await runCli(BIN, ["bot"], { env: { ...NO_SLACK, REDIS_URL: redis.url, DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: discord.applicationId } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/^DISCORD_TOKEN: is not set: .*Developer Portal/);
  });

  test("a token Discord rejects stops start-up with one line saying where to get a new one", async () => {
    const result = await runCli(BIN, ["bot"], {
      env: { ...NO_SLACK, ...redis.env, METRICS_PORT: "0", DISCORD_TOKEN: "not-the-token", DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl },
    });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/^DISCORD_TOKEN: Discord rejected the token: .*Reset Token/);
  });

  test("a portal without the Message Content intent stops start-up with one line saying where to turn it on", async () => {
    const strict = await new FakeDiscord({ privilegedIntents: 0 }).start();
    try {
      const result = await runCli(BIN, ["bot"], {
        env: { ...NO_SLACK, ...redis.env, METRICS_PORT: "0", DISCORD_TOKEN: strict.token, DISCORD_APPLICATION_ID: strict.applicationId, DISCORD_API_URL: strict.apiUrl },
      });
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toMatch(/Message Content intent is not enabled: .*Privileged Gateway Intents/);
    } finally {
      await strict.stop();
    }
  });

  test("npm start logs in to Discord, runs an interview from /mock-interview, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, BIN), "all"], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...NO_SLACK,
        ...redis.env,
        METRICS_PORT: "0",
        LOG_LEVEL: "info",
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes('"msg":"mock-interview started"')) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stdout).toMatch(/"platforms":\["discord"\]/);

      const candidate = discord.user("grace");
      const command = discord.slashCommand({ user: candidate, level: "senior", problem: "fraud" });
      await discord.interact(command);
      const thread = await discord.waitFor((call) => call.method === "POST" && call.status === 201 && call.path.startsWith(`/channels/${discord.channel.id}/messages/`));
      const threadId = String((thread.response as { id: string }).id);
      const first = await discord.waitFor((call) => call.method === "POST" && call.path === Routes.channelMessages(threadId) && JSON.stringify(call.body).includes("Hi Grace"), 10_000);
      expect(first.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
