import { slackSignature, type FakeSlack } from "../fakes/slack.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789";

/**
 * Requests exactly as Slack sends them to a Bolt HTTP receiver: form-encoded slash commands, JSON
 * event callbacks, form-encoded interactivity payloads, each signed with the app's secret.
 */
export class SlackSender {
  private sequence = 0;

  constructor(
    private readonly url: string,
    private readonly slack: FakeSlack,
  ) {}

  async command(options: { text: string; user: string; userName?: string; channel: string }): Promise<{ status: number; body: string; ms: number }> {
    const trigger = `trigger-${++this.sequence}-${Date.now()}`;
    const form = new URLSearchParams({
      token: "legacy-verification-token",
      team_id: this.slack.teamId,
      team_domain: "fake",
      channel_id: options.channel,
      channel_name: "ml-practice",
      user_id: options.user,
      user_name: options.userName ?? options.user.toLowerCase(),
      command: "/mock-interview",
      text: options.text,
      api_app_id: "A0FAKEAPP",
      is_enterprise_install: "false",
      response_url: this.slack.responseUrl(trigger),
      trigger_id: trigger,
    }).toString();
    return this.send(form, "application/x-www-form-urlencoded");
  }

  /** A message event; pass the same `eventId` and a `retry` number to replay Slack's redelivery. */
  async message(options: { user: string; channel: string; threadTs: string; text: string; eventId?: string; retry?: number; subtype?: string; botId?: string }): Promise<{ status: number; eventId: string }> {
    const eventId = options.eventId ?? `Ev${++this.sequence}${Date.now()}`;
    const ts = this.slack.nextTs();
    const event: Record<string, unknown> = {
      type: "message",
      channel: options.channel,
      user: options.user,
      text: options.text,
      ts,
      thread_ts: options.threadTs,
      channel_type: "channel",
      event_ts: ts,
      ...(options.subtype ? { subtype: options.subtype } : {}),
      ...(options.botId ? { bot_id: options.botId } : {}),
    };
    const body = JSON.stringify({
      token: "legacy-verification-token",
      team_id: this.slack.teamId,
      api_app_id: "A0FAKEAPP",
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.slack.teamId, user_id: this.slack.botUserId, is_bot: true }],
    });
    const headers = options.retry ? { "x-slack-retry-num": String(options.retry), "x-slack-retry-reason": "http_timeout" } : {};
    const result = await this.send(body, "application/json", headers);
    return { status: result.status, eventId };
  }

  async button(options: { user: string; channel: string; messageTs: string; threadTs: string; action: string }): Promise<{ status: number }> {
    const payload = {
      type: "block_actions",
      team: { id: this.slack.teamId, domain: "fake" },
      user: { id: options.user, username: options.user.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: "A0FAKEAPP",
      token: "legacy-verification-token",
      container: { type: "message", message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false, thread_ts: options.threadTs },
      trigger_id: `trigger-${++this.sequence}`,
      channel: { id: options.channel, name: "ml-practice" },
      message: { type: "message", ts: options.messageTs, thread_ts: options.threadTs, text: "interviewer", user: this.slack.botUserId, bot_id: this.slack.botId },
      response_url: this.slack.responseUrl(`action-${this.sequence}`),
      actions: [{ type: "button", action_id: `mock_interview_${options.action}`, block_id: "mock_interview_actions", text: { type: "plain_text", text: options.action }, value: options.action, action_ts: `${Date.now() / 1000}` }],
    };
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
  }

  /** Posts a body with a signature made from another secret, as a forger would. */
  async forged(body: string, contentType: string): Promise<{ status: number }> {
    const response = await fetch(this.url, { method: "POST", headers: { "content-type": contentType, ...slackSignature("not-the-secret", body) }, body });
    return { status: response.status };
  }

  private async send(body: string, contentType: string, extra: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number }> {
    const started = performance.now();
    const response = await fetch(this.url, { method: "POST", headers: { "content-type": contentType, ...slackSignature(SIGNING_SECRET, body), ...extra }, body });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  }
}
