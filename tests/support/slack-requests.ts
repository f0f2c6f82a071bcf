import { slackSignature, type AssistantThread, type FakeSlack, type OpenedView } from "../fakes/slack.js";
import { assistantEventCallback, buttonPressPayload, messageEventCallback, slashCommandFields, type ButtonOptions, type CommandOptions, type MessageOptions } from "./slack-payloads.js";

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

  /** A slash command; `triggerId` also names its response_url (`/response/<triggerId>`), where its ephemeral replies land. */
  async command(options: CommandOptions): Promise<{ status: number; body: string; ms: number; triggerId: string }> {
    const trigger = `trigger-${++this.sequence}-${Date.now()}`;
    const form = new URLSearchParams(slashCommandFields(this.slack, options, trigger)).toString();
    return { ...(await this.send(form, "application/x-www-form-urlencoded")), triggerId: trigger };
  }

  /** A message event; pass the same `eventId` and a `retry` number to replay Slack's redelivery. */
  async message(options: MessageOptions & { eventId?: string; retry?: number }): Promise<{ status: number; eventId: string }> {
    const eventId = options.eventId ?? `Ev${++this.sequence}${Date.now()}`;
    const body = JSON.stringify(messageEventCallback(this.slack, options, eventId));
    const headers = options.retry ? { "x-slack-retry-num": String(options.retry), "x-slack-retry-reason": "http_timeout" } : {};
    const result = await this.send(body, "application/json", headers);
    return { status: result.status, eventId };
  }

  /** Slack telling the app an assistant thread was opened (`assistant_thread_started`) or its context changed. */
  async assistantEvent(type: "assistant_thread_started" | "assistant_thread_context_changed", thread: AssistantThread): Promise<{ status: number; eventId: string }> {
    const eventId = `Ev${++this.sequence}${Date.now()}`;
    const result = await this.send(JSON.stringify(assistantEventCallback(this.slack, type, thread, eventId)), "application/json");
    return { status: result.status, eventId };
  }

  async button(options: ButtonOptions): Promise<{ status: number }> {
    const id = ++this.sequence;
    const payload = buttonPressPayload(this.slack, options, `trigger-${id}`, `action-${id}`);
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
  }

  /**
   * A press of a button found in `blocks` (a message as the app posted it) by its label, as Slack
   * sends it: on a channel message (with `message`), or on an ephemeral one (container only).
   */
  async press(options: {
    user: string;
    channel: string;
    blocks: unknown;
    label: string | RegExp;
    messageTs: string;
    threadTs?: string;
    ephemeral?: boolean;
    userName?: string;
  }): Promise<{ status: number; triggerId: string; responsePath: string }> {
    const button = findButton(options.blocks, options.label);
    const id = ++this.sequence;
    const triggerId = `trigger-${id}-${Date.now()}`;
    const responseId = `action-${id}`;
    const payload = {
      type: "block_actions",
      team: { id: this.slack.teamId, domain: "fake" },
      user: { id: options.user, username: options.userName ?? options.user.toLowerCase(), name: options.userName ?? options.user.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: "A0FAKEAPP",
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: options.messageTs,
        channel_id: options.channel,
        is_ephemeral: options.ephemeral ?? false,
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      },
      trigger_id: triggerId,
      channel: { id: options.channel, name: "ml-practice" },
      // Slack leaves the message out of a press on an ephemeral message.
      ...(options.ephemeral
        ? {}
        : { message: { type: "message", ts: options.messageTs, ...(options.threadTs ? { thread_ts: options.threadTs } : {}), text: "", user: this.slack.botUserId, bot_id: this.slack.botId, blocks: options.blocks } }),
      response_url: this.slack.responseUrl(responseId),
      actions: [{ type: "button", action_id: button.action_id, block_id: button.block_id, text: button.text, value: button.value, action_ts: `${Date.now() / 1000}` }],
    };
    const result = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
    return { status: result.status, triggerId, responsePath: `/response/${responseId}` };
  }

  /**
   * Submits a modal the app opened, filled in as a user would: `answers` maps an input's label to
   * the option text to pick or the text to type; inputs not named keep their initial values.
   * Returns the app's acknowledgement (empty, or `response_action: "errors"`).
   */
  async submitView(options: { user: string; view: OpenedView; answers?: Record<string, string>; userName?: string }): Promise<{ status: number; ack: Record<string, unknown> | undefined }> {
    const payload = {
      type: "view_submission",
      team: { id: this.slack.teamId, domain: "fake" },
      user: { id: options.user, username: options.userName ?? options.user.toLowerCase(), name: options.userName ?? options.user.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: "A0FAKEAPP",
      token: "legacy-verification-token",
      trigger_id: `trigger-${++this.sequence}-${Date.now()}`,
      view: {
        ...options.view.view,
        id: options.view.id,
        team_id: this.slack.teamId,
        app_id: "A0FAKEAPP",
        bot_id: this.slack.botId,
        hash: `${this.sequence}.hash`,
        root_view_id: options.view.id,
        previous_view_id: null,
        clear_on_close: false,
        notify_on_close: false,
        state: { values: modalState(options.view, options.answers ?? {}) },
      },
      response_urls: [],
      is_enterprise_install: false,
    };
    const result = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
    return { status: result.status, ack: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : undefined };
  }

  /** A body as it is (a replayed fixture), signed with the app's secret. */
  signed(body: string, contentType: string): Promise<{ status: number; body: string; ms: number }> {
    return this.send(body, contentType);
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

interface ButtonElement {
  type: "button";
  action_id: string;
  block_id: string;
  text: { type: "plain_text"; text: string };
  value?: string;
}

/** The button with this label in a message's blocks; fails the test with the labels there are. */
export function findButton(blocks: unknown, label: string | RegExp): ButtonElement {
  const buttons: ButtonElement[] = [];
  for (const block of Array.isArray(blocks) ? (blocks as Array<{ type?: string; block_id?: string; elements?: Array<Record<string, unknown>> }>) : []) {
    if (block.type !== "actions") continue;
    for (const element of block.elements ?? []) {
      if (element.type === "button") buttons.push({ ...(element as unknown as ButtonElement), block_id: block.block_id ?? "" });
    }
  }
  const found = buttons.find((button) => (typeof label === "string" ? button.text.text === label : label.test(button.text.text)));
  if (!found) throw new Error(`no button "${String(label)}" in the message; buttons: ${buttons.map((button) => button.text.text).join(", ") || "none"}`);
  return found;
}

type StateValue = { type: "static_select"; selected_option: { text: { type: "plain_text"; text: string }; value: string } | null } | { type: "plain_text_input"; value: string | null };

/** The `state.values` Slack sends for a modal: every input block, answered or left at its initial value. */
function modalState(opened: OpenedView, answers: Record<string, string>): Record<string, Record<string, StateValue>> {
  const labels = new Set(Object.keys(answers));
  const values: Record<string, Record<string, StateValue>> = {};
  for (const block of opened.view.blocks) {
    if (block.type !== "input") continue;
    const label = (block.label as { text: string }).text;
    const element = block.element as { type: string; action_id: string; options?: Array<{ text: { type: "plain_text"; text: string }; value: string }>; initial_option?: { text: { type: "plain_text"; text: string }; value: string }; initial_value?: string };
    const answer = answers[label];
    labels.delete(label);
    let value: StateValue;
    if (element.type === "static_select") {
      const option = answer === undefined ? element.initial_option : element.options?.find((candidate) => candidate.text.text.toLowerCase() === answer.toLowerCase());
      if (answer !== undefined && !option) throw new Error(`"${label}" has no option "${answer}"; options: ${element.options?.map((candidate) => candidate.text.text).join(", ")}`);
      value = { type: "static_select", selected_option: option ? { text: option.text, value: option.value } : null };
    } else {
      value = { type: "plain_text_input", value: answer ?? element.initial_value ?? null };
    }
    values[String(block.block_id)] = { [element.action_id]: value };
  }
  if (labels.size) throw new Error(`the modal has no input labelled ${[...labels].map((label) => `"${label}"`).join(", ")}`);
  return values;
}
