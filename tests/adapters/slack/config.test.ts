import { describe, expect, test } from "@jest/globals";
import { loadSlackConfig } from "../../../adapters/slack/config.js";

describe("Slack settings", () => {
  test("no bot token means Slack is off", () => {
    expect(loadSlackConfig({})).toBeNull();
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: "" })).toBeNull();
  });

  test("an app token selects Socket Mode, which needs no signing secret or public URL", () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toEqual({
      botToken: "xoxb-1",
      apiUrl: undefined,
      connection: { mode: "socket", appToken: "xapp-1" },
    });
  });

  test("without an app token, the HTTP receiver runs on PORT (3000 by default) with the signing secret", () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "0123456789abcdef" })?.connection).toEqual({ mode: "http", signingSecret: "0123456789abcdef", port: 3000 });
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "0123456789abcdef", PORT: "8080", SLACK_API_URL: "http://127.0.0.1:9999/api" })).toMatchObject({
      apiUrl: "http://127.0.0.1:9999/api/",
      connection: { port: 8080 },
    });
  });

  test.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET: is not set: HTTP mode needs it/],
    [{ SLACK_APP_TOKEN: "xapp-1" }, /^SLACK_BOT_TOKEN: is not set, but other SLACK_ variables are/],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_APP_TOKEN: "xapp-1" }, /^SLACK_BOT_TOKEN: must be a bot token starting with xoxb-$/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-wrong" }, /^SLACK_APP_TOKEN: must be an app-level token starting with xapp-$/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "0123456789abcdef", PORT: "http" }, /^PORT: must be a port number$/],
  ])("inconsistent settings stop start-up with one line naming the variable: %p", (env, message) => {
    expect(() => loadSlackConfig(env)).toThrow(message);
  });
});
