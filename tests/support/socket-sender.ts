import type { AssistantThread, FakeSlack } from "../fakes/slack.js";
import type { SocketAck } from "../fakes/slack/socket-mode.js";
import { assistantEventCallback, buttonPressPayload, messageEventCallback, slashCommandFields, type ButtonOptions, type CommandOptions, type MessageOptions } from "./slack-payloads.js";

/**
 * What SlackSender sends over HTTP, sent as Socket Mode envelopes on the fake's WebSocket instead:
 * the same payloads, each resolved with the app's ack (or rejected if it never came in time).
 */
export class SocketSender {
  private sequence = 0;

  constructor(private readonly slack: FakeSlack) {}

  /** A slash command; its ephemeral replies land at `/response/<triggerId>`. */
  async command(options: CommandOptions): Promise<{ ack: SocketAck; triggerId: string }> {
    const triggerId = `trigger-${++this.sequence}-${Date.now()}`;
    return { ack: await this.slack.socketMode.slashCommand(slashCommandFields(this.slack, options, triggerId)), triggerId };
  }

  /** A message event in an `events_api` envelope; `payload` is what Slack would redeliver. */
  async message(options: MessageOptions): Promise<{ ack: SocketAck; eventId: string; payload: Record<string, unknown> }> {
    const eventId = `Ev${++this.sequence}${Date.now()}`;
    const payload = messageEventCallback(this.slack, options, eventId);
    return { ack: await this.slack.socketMode.event(payload), eventId, payload };
  }

  /** Slack delivering the same event again (same body and event_id) in a new envelope, as it does when unsure the first arrived. */
  async redeliver(payload: Record<string, unknown>, retryAttempt = 1): Promise<{ ack: SocketAck }> {
    return { ack: await this.slack.socketMode.event(payload, retryAttempt) };
  }

  /** An assistant-pane event (`assistant_thread_started`, `assistant_thread_context_changed`) in an `events_api` envelope. */
  async assistantEvent(type: "assistant_thread_started" | "assistant_thread_context_changed", thread: AssistantThread): Promise<{ ack: SocketAck }> {
    return { ack: await this.slack.socketMode.event(assistantEventCallback(this.slack, type, thread, `Ev${++this.sequence}${Date.now()}`)) };
  }

  async button(options: ButtonOptions): Promise<{ ack: SocketAck }> {
    const id = ++this.sequence;
    return { ack: await this.slack.socketMode.interactive(buttonPressPayload(this.slack, options, `trigger-${id}`, `action-${id}`)) };
  }
}
