import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { FakeSlack } from "../../fakes/slack.js";
import { runCli } from "../../support/cli.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";

const APP_TOKEN = "xapp-1-A0FAKEAPP-1234567890-revoked";

let redis: RedisServer;
let slack: FakeSlack;

beforeAll(async () => {
  redis = await startRedis();
  slack = await new FakeSlack().start();
});

afterAll(async () => {
  await slack?.stop();
  await redis?.stop();
});

describe("Socket Mode start-up", () => {
  test("an app-level token Slack refuses stops `npm start` with one line naming SLACK_APP_TOKEN", async () => {
    slack.fail("apps.connections.open", "invalid_auth");
    const result = await runCli("bin/mock-interview.ts", ["all"], {
      env: {
        ...redis.env,
        METRICS_PORT: "0",
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        // Only Slack, in Socket Mode, whatever the surrounding environment holds.
        SLACK_SIGNING_SECRET: "",
        DISCORD_TOKEN: "",
        DISCORD_APPLICATION_ID: "",
      },
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^SLACK_APP_TOKEN: Slack refused the app-level token \(invalid_auth\): .*App-Level Tokens/);
    expect(lines[0]).not.toContain(APP_TOKEN);
    // It was the app-level token that Slack was shown, not the bot token.
    expect(slack.callsTo("apps.connections.open").map((call) => call.token)).toEqual([APP_TOKEN]);
  });
});
