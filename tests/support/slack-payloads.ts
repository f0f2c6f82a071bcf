import type { AssistantThread, FakeSlack } from "../fakes/slack.js";

/**
 * What Slack sends an app for a slash command, a message event and a button press. Over HTTP these
 * arrive form-encoded or as JSON (slack-requests.ts); over Socket Mode the same fields arrive as an
 * envelope's `payload` (socket-sender.ts). One builder each keeps the two transports in step.
 */

export interface CommandOptions {
  text: string;
  user: string;
  userName?: string;
  channel: string;
}

export interface MessageOptions {
  user: string;
  channel: string;
  threadTs: string;
  text: string;
  subtype?: string;
  botId?: string;
  /** Where the thread is: a channel (the default), or `im` for the user's DM with the bot, where assistant threads live. */
  channelType?: "channel" | "group" | "im";
}

export interface ButtonOptions {
  user: string;
  channel: string;
  messageTs: string;
  threadTs: string;
  action: string;
}

/** A slash command's fields; `triggerId` also names its response_url (`/response/<triggerId>`). */
export function slashCommandFields(slack: FakeSlack, options: CommandOptions, triggerId: string): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: slack.teamId,
    team_domain: "fake",
    channel_id: options.channel,
    channel_name: "ml-practice",
    user_id: options.user,
    user_name: options.userName ?? options.user.toLowerCase(),
    command: "/mock-interview",
    text: options.text,
    api_app_id: "A0FAKEAPP",
    is_enterprise_install: "false",
    response_url: slack.responseUrl(triggerId),
    trigger_id: triggerId,
  };
}

/** An `event_callback` body carrying a message posted in a thread. */
export function messageEventCallback(slack: FakeSlack, options: MessageOptions, eventId: string): Record<string, unknown> {
  const ts = slack.nextTs();
  return eventCallback(slack, eventId, {
    type: "message",
    channel: options.channel,
    user: options.user,
    text: options.text,
    ts,
    thread_ts: options.threadTs,
    channel_type: options.channelType ?? "channel",
    event_ts: ts,
    ...(options.subtype ? { subtype: options.subtype } : {}),
    ...(options.botId ? { bot_id: options.botId } : {}),
  });
}

/** An `event_callback` body for an assistant thread opened in the pane, or the channel the user views changing under it. */
export function assistantEventCallback(slack: FakeSlack, type: "assistant_thread_started" | "assistant_thread_context_changed", thread: AssistantThread, eventId: string): Record<string, unknown> {
  return eventCallback(slack, eventId, {
    type,
    assistant_thread: { user_id: thread.user, context: thread.context, channel_id: thread.channel, thread_ts: thread.threadTs },
    event_ts: slack.nextTs(),
  });
}

function eventCallback(slack: FakeSlack, eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: "legacy-verification-token",
    team_id: slack.teamId,
    api_app_id: "A0FAKEAPP",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: slack.teamId, user_id: slack.botUserId, is_bot: true }],
  };
}

/** A `block_actions` payload for a press of one of the interview's buttons (`mock_interview_<action>`). */
export function buttonPressPayload(slack: FakeSlack, options: ButtonOptions, triggerId: string, responseId: string): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: slack.teamId, domain: "fake" },
    user: { id: options.user, username: options.user.toLowerCase(), team_id: slack.teamId },
    api_app_id: "A0FAKEAPP",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false, thread_ts: options.threadTs },
    trigger_id: triggerId,
    channel: { id: options.channel, name: "ml-practice" },
    message: { type: "message", ts: options.messageTs, thread_ts: options.threadTs, text: "interviewer", user: slack.botUserId, bot_id: slack.botId },
    response_url: slack.responseUrl(responseId),
    actions: [{ type: "button", action_id: `mock_interview_${options.action}`, block_id: "mock_interview_actions", text: { type: "plain_text", text: options.action }, value: options.action, action_ts: `${Date.now() / 1000}` }],
  };
}
