import { describe, expect, test } from "@jest/globals";
import { runCli } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { startRedis } from "../support/redis-server.js";

const BIN = "bin/mock-interview.ts";
const ENTRY = "tests/support/service-entry.ts";
/** Empty counts as unset, so this also hides any REDIS_URL from the surrounding environment. */
const NO_REDIS = { REDIS_URL: "" };

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0] ?? "";
}

describe("mock-interview start-up", () => {
  test("npm start without REDIS_URL stops with one line naming the variable", async () => {
    const result = await runCli(BIN, ["all"], { env: NO_REDIS });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/^REDIS_URL: required/);
  });

  test("the bot with no chat platform configured says which variables to set", async () => {
    const result = await runCli(BIN, ["bot"], { env: { REDIS_URL: "redis://127.0.0.1:6390" } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe("No chat platform configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN (see the README's Slack and Discord sections)");
  });

  test("an unreachable Redis stops start-up with one line saying where it looked, without the password", async () => {
    const port = await freePort();
    const result = await runCli(ENTRY, ["worker"], { env: { REDIS_URL: `redis://:s3cret@127.0.0.1:${port}`, METRICS_PORT: "0" } });
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toMatch(new RegExp(`^REDIS_URL: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`));
    expect(line).toContain("ECONNREFUSED");
    expect(line).not.toContain("s3cret");
  });

  test("a malformed setting stops start-up with one line naming it", async () => {
    const result = await runCli(BIN, ["worker"], { env: { REDIS_URL: "redis://127.0.0.1:6390", SESSION_TTL_DAYS: "a month" } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe("SESSION_TTL_DAYS: must be a whole number");
  });

  test("a REDIS_URL that is not a Redis URL is named", async () => {
    const result = await runCli(BIN, ["all"], { env: { REDIS_URL: "http://localhost:6379" } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe("REDIS_URL: must start with redis:// or rediss://");
  });

  test("an unreachable Redis Cluster stops start-up with one line naming REDIS_CLUSTER_NODES and the nodes tried, without the password", async () => {
    const [first, second] = [await freePort(), await freePort()];
    const env = { ...NO_REDIS, REDIS_CLUSTER_NODES: `127.0.0.1:${first},127.0.0.1:${second}`, REDIS_PASSWORD: "s3cret", METRICS_PORT: "0" };
    const result = await runCli(ENTRY, ["worker"], { env });
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toMatch(new RegExp(`^REDIS_CLUSTER_NODES: cannot reach a Redis Cluster at 127\\.0\\.0\\.1:${first},127\\.0\\.0\\.1:${second} \\(.*ECONNREFUSED`));
    expect(line).not.toContain("s3cret");
  });

  test("a node list that names a Redis without cluster mode says so in one line", async () => {
    const server = await startRedis({ controllable: true });
    try {
      const result = await runCli(ENTRY, ["worker"], { env: { ...NO_REDIS, REDIS_CLUSTER_NODES: server.url.replace("redis://", ""), METRICS_PORT: "0" } });
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toMatch(/^REDIS_CLUSTER_NODES: cannot reach a Redis Cluster at 127\.0\.0\.1:\d+ \(.*cluster support disabled/);
    } finally {
      await server.stop();
    }
  });

  test("an unknown role prints the usage", async () => {
    const result = await runCli(BIN, ["robot"], { env: NO_REDIS });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown role "robot"');
    expect(result.stderr).toContain("Usage: mock-interview [all|bot|worker]");
  });
});
