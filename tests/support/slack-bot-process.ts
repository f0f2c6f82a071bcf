import type { FakeOpenAI } from "../fakes/openai.js";
import type { FakeSlack } from "../fakes/slack.js";
import { freePort } from "./ports.js";
import type { RedisServer } from "./redis-server.js";
import { startServiceProcess, type ServiceProcess } from "./service-process.js";
import { SIGNING_SECRET, SlackSender } from "./slack-requests.js";

/**
 * The bot role of `bin/mock-interview.ts` as its own process, with Slack in HTTP mode against the
 * fake Slack and the LLM interviewer against the fake OpenAI: a bot a test can SIGKILL. `env` adds
 * or overrides settings.
 */
export async function startSlackBotProcess(world: { redis: RedisServer; slack: FakeSlack; openai: FakeOpenAI }, env: Record<string, string> = {}): Promise<{ bot: ServiceProcess; send: SlackSender }> {
  const port = await freePort();
  const bot = await startServiceProcess(
    "bot",
    {
      ...world.redis.env,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: world.slack.apiUrl,
      SLACK_APP_TOKEN: "",
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
      PORT: String(port),
      OPENAI_API_KEY: "sk-test-slack-bot",
      OPENAI_BASE_URL: world.openai.baseURL,
      LLM_MAX_RETRIES: "0",
      BURST_WINDOW_MS: "200",
      ...env,
    },
    "bin/mock-interview.ts",
  );
  return { bot, send: new SlackSender(`http://127.0.0.1:${port}/slack/events`, world.slack) };
}
