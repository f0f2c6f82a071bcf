import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeAssistant, type AssistantThread } from "./slack/assistant.js";
import { FakeFaults, type FaultScope, type RateLimitFault, type ServerErrorFault } from "./slack/faults.js";
import { FakeFiles, type SharedFile } from "./slack/files.js";
import { FakeMessages, type ShownMessage } from "./slack/messages.js";
import { FakeSocketMode } from "./slack/socket-mode.js";
import { modalProblems, type ModalPayload, type OpenedView } from "./slack/views.js";
import { FakeWorkspace } from "./slack/workspace.js";

export type { AssistantThread, FaultScope, ModalPayload, OpenedView, RateLimitFault, ServerErrorFault, SharedFile, ShownMessage };

/** One Web API call as the real WebClient sent it. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  token: string | undefined;
  /** The request path: `/api/<method>`, or `/response/<id>` for a post to a response_url. */
  path: string;
  /** What the fake answered (e.g. the `ts` it gave a posted message). */
  response?: Record<string, unknown>;
  /** The HTTP status answered: 200, a fault's 5xx or 429, one injected by `failHttp`, or undefined for a call `hold` never answers. */
  status?: number;
}

type Handler = (call: SlackCall) => Record<string, unknown> | undefined;

/**
 * A fake Slack Web API on 127.0.0.1: real HTTP, the WebClient's form or JSON bodies, realistic `ts`
 * values, and on demand `ok: false` errors, HTTP 500s and calls carried out but never answered;
 * `messages` shows each thread as a reader sees it, edits applied. Bolt reaches it through `clientOptions.slackApiUrl`.
 * The workspace (channel members, admins, DMs), modals and file uploads answer as Slack does, and
 * `socketMode` is Socket Mode: apps.connections.open and the WebSocket it points to. Faults
 * make Slack's edge fail on demand: 5xx, or 429 with Retry-After, per method and/or channel.
 * `assistant` is the Agents & AI Apps pane: threads opened there and assistant.threads.*.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly teamId = "T0FAKE01";
  readonly botUserId = "U0BOT0001";
  readonly botId = "B0BOT0001";
  readonly workspace = new FakeWorkspace(this.teamId, this.botUserId);
  readonly files = new FakeFiles();
  readonly socketMode = new FakeSocketMode();
  /** Assistant threads (the Agents & AI Apps pane) and the assistant.threads.* methods. */
  readonly assistant = new FakeAssistant(this.teamId);
  /** What channels and threads show, edits applied. */
  readonly messages = new FakeMessages();
  private readonly faults = new FakeFaults(() => this.calls.length);
  /** Modals opened with views.open, oldest first. */
  readonly views: OpenedView[] = [];
  private server: Server | undefined;
  private clock = 1_732_291_200;
  private sequence = 0;
  /** Per-method overrides: return an object to answer with it, undefined to answer normally. */
  private readonly overrides = new Map<string, Handler>();
  /** Per-method HTTP failures (`failHttp`) and calls to carry out without answering (`hold`). */
  private readonly httpFailures = new Map<string, number>();
  private readonly holds = new Map<string, number>();
  private readonly held = new Set<ServerResponse>();
  private waiters: Array<{ predicate: (call: SlackCall) => boolean; resolve: (call: SlackCall) => void }> = [];
  private readonly observers: Array<(call: SlackCall) => void> = [];

  /** Where a slash command's `response_url` points: ephemeral replies land here as `response_url` calls. */
  responseUrl(id: string): string {
    return this.apiUrl.replace(/\/api\/$/, `/response/${id}`);
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  private get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("FakeSlack is not started");
    return `http://127.0.0.1:${address.port}`;
  }

  /** Makes `channel` one with exactly these members (and the bot). */
  channel(channel: string, members: readonly string[]): this {
    this.workspace.channel(channel, members);
    return this;
  }

  /** Gives `user` a display name, as users.info will report it. */
  user(user: string, displayName: string): this {
    this.workspace.names.set(user, displayName);
    return this;
  }

  /** Makes `user` a workspace admin, as users.info will report. */
  admin(user: string): this {
    this.workspace.admins.add(user);
    return this;
  }

  /** The bot's DM channel with `user`, as conversations.open answers it. */
  dmChannel(user: string): string {
    return this.workspace.dmChannel(user);
  }

  /** The user opens a new thread in the app's assistant pane (in their DM with the bot), while viewing `viewing`. */
  openAssistantThread(user: string, viewing?: string): AssistantThread {
    return this.assistant.open(user, this.dmChannel(user), this.nextTs(), viewing);
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on("upgrade", (request, socket, head: Buffer) => this.socketMode.upgrade(request, socket, head));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    // Upgraded sockets are no longer the HTTP server's to close: end them first, or close() waits on them.
    this.socketMode.close();
    for (const response of this.held) response.destroy();
    this.faults.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Answers calls in scope with an HTTP 5xx (500 unless told), as Slack's edge does in an outage, until the fault's `end()`. */
  serverError(scope: FaultScope, status = 500): ServerErrorFault {
    return this.faults.serverError(scope, status);
  }

  /** Rate-limits calls in scope: 429 with Retry-After for `retryAfterSeconds` from the first such call. */
  rateLimit(scope: FaultScope, retryAfterSeconds: number): RateLimitFault {
    return this.faults.rateLimit(scope, retryAfterSeconds);
  }

  /** Answer `method` with `ok: false` and this error (optionally only for calls `when` matches). */
  fail(method: string, error: string, when: (call: SlackCall) => boolean = () => true): void {
    this.overrides.set(method, (call) => (when(call) ? { ok: false, error } : undefined));
  }

  /** Answer every call to `method` with this HTTP status (Slack having an outage) until `recover`. */
  failHttp(method: string, status = 500): void {
    this.httpFailures.set(method, status);
  }

  /** Answer `method` normally again, ending `fail` and `failHttp`. */
  recover(method: string): void {
    this.overrides.delete(method);
    this.httpFailures.delete(method);
  }

  /** Carry out the next `times` calls to `method` but never answer them: Slack took the call, and the answer was lost. */
  hold(method: string, times = 1): void {
    this.holds.set(method, (this.holds.get(method) ?? 0) + times);
  }

  /** Calls `listener` with every call as it is answered: how a fake in a process of its own reports what it saw. */
  observe(listener: (call: SlackCall) => void): void {
    this.observers.push(listener);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first call (already made or still to come) that `predicate` accepts. */
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs = 5_000): Promise<SlackCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching Slack call within ${timeoutMs} ms; calls: ${this.calls.map((call) => call.method).join(", ")}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  }

  /** The thread as a reader sees it (edits and deletions applied) once `done` holds; polls until then, failing after `timeoutMs`. */
  async threadWhen(channel: string, threadTs: string, done: (messages: ShownMessage[]) => boolean, timeoutMs = 15_000): Promise<ShownMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = this.messages.inThread(channel, threadTs);
      if (done(messages)) return messages;
      if (Date.now() > deadline) throw new Error(`the thread never got there: ${JSON.stringify(messages.map((message) => [message.text.slice(0, 40), message.streaming]))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  nextTs(): string {
    this.sequence += 1;
    return `${this.clock + this.sequence}.${String(this.sequence * 100).padStart(6, "0")}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = (request.url ?? "").split("?")[0] ?? "";
    if (path.startsWith("/upload/")) {
      // An upload URL from files.getUploadURLExternal: the file's bytes, not a Web API call.
      const uploaded = await this.files.receive(path.slice("/upload/".length), Buffer.concat(chunks), request.headers["content-type"]);
      response.writeHead(uploaded.status, { "content-type": "text/plain" }).end(uploaded.body);
      return;
    }
    const raw = Buffer.concat(chunks).toString("utf8");
    // Web API calls arrive at /api/<method>; anything else is a post to a command's response_url.
    const method = path.startsWith("/api/") ? path.slice("/api/".length) : "response_url";
    const body = parseBody(raw, request.headers["content-type"]);
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "") || (typeof body.token === "string" ? body.token : undefined);
    const call: SlackCall = { method, body, token, path };
    this.calls.push(call);
    const fault = this.faults.answer(call, this.calls.length - 1);
    const failure = this.httpFailures.get(method);
    const holds = this.holds.get(method) ?? 0;
    if (fault) {
      call.status = fault.status;
      response.writeHead(fault.status, fault.headers).end(fault.body);
    } else if (failure !== undefined) {
      call.status = failure;
      response.writeHead(failure, { "content-type": "text/html" }).end("<html><body>Internal Server Error</body></html>");
    } else {
      const answer = this.overrides.get(method)?.(call) ?? this.answer(call);
      call.response = answer;
      if (holds > 0) {
        this.holds.set(method, holds - 1);
        this.held.add(response);
      } else {
        call.status = 200;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(answer));
      }
    }
    this.waiters = this.waiters.filter((waiter) => (waiter.predicate(call) ? (waiter.resolve(call), false) : true));
    for (const observer of this.observers) observer(call);
  }

  private answer(call: SlackCall): Record<string, unknown> {
    const channel = call.body.channel;
    switch (call.method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake Team", user: "mock-interview", team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case "apps.connections.open":
        return this.socketMode.open(call.token, this.baseUrl);
      case "chat.postMessage": {
        const ts = this.nextTs();
        this.messages.posted(String(channel), ts, call.body);
        this.assistant.posted(String(channel), typeof call.body.thread_ts === "string" ? call.body.thread_ts : undefined);
        return { ok: true, channel, ts, message: { type: "message", user: this.botUserId, bot_id: this.botId, text: call.body.text, ts, thread_ts: call.body.thread_ts } };
      }
      case "chat.update":
        this.messages.updated(String(channel), String(call.body.ts), call.body);
        return { ok: true, channel, ts: call.body.ts, text: call.body.text };
      case "chat.delete":
        return this.messages.deleted(String(channel), String(call.body.ts)) ? { ok: true, channel, ts: call.body.ts } : { ok: false, error: "message_not_found" };
      case "chat.startStream":
        return this.startStream(call.body);
      case "chat.appendStream":
      case "chat.stopStream": {
        const error = this.messages.appended(String(channel), String(call.body.ts), call.body, call.method === "chat.stopStream");
        return error ? { ok: false, error } : { ok: true, channel, ts: call.body.ts };
      }
      case "chat.postEphemeral":
        if (!this.workspace.canSeeEphemeral(String(channel), String(call.body.user))) return { ok: false, error: "user_not_in_channel" };
        return { ok: true, message_ts: this.nextTs() };
      case "chat.getPermalink":
        return { ok: true, channel, permalink: `https://fake.slack.com/archives/${String(channel)}/p${String(call.body.message_ts).replace(".", "")}` };
      case "conversations.info":
        return { ok: true, channel: { id: channel, is_member: true, is_private: false } };
      case "conversations.members":
        return this.workspace.conversationsMembers(call.body);
      case "conversations.open":
        return this.workspace.conversationsOpen(call.body);
      case "users.info":
        return this.workspace.usersInfo(call.body);
      case "views.open":
        return this.openView(call.body);
      case "views.update":
        return { ok: true, view: { id: call.body.view_id } };
      case "files.getUploadURLExternal":
        return this.files.getUploadUrl(call.body, this.baseUrl);
      case "files.completeUploadExternal":
        return this.files.complete(call.body);
      default:
        return this.assistant.answer(call.method, call.body) ?? { ok: true };
    }
  }

  /** As Slack checks it: a stream needs a thread, and in a channel (not a DM) the user and team it streams to. */
  private startStream(body: Record<string, unknown>): Record<string, unknown> {
    const channel = String(body.channel ?? "");
    if (typeof body.thread_ts !== "string") return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: thread_ts"] } };
    if (!channel.startsWith("D")) {
      if (typeof body.recipient_user_id !== "string") return { ok: false, error: "missing_recipient_user_id" };
      if (body.recipient_team_id !== this.teamId) return { ok: false, error: "missing_recipient_team_id" };
    }
    const ts = this.nextTs();
    this.messages.started(channel, ts, body);
    return { ok: true, channel, ts };
  }

  private openView(body: Record<string, unknown>): Record<string, unknown> {
    if (typeof body.trigger_id !== "string" || !body.trigger_id) return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: trigger_id"] } };
    const problems = modalProblems(body.view);
    if (problems.length) return { ok: false, error: "invalid_arguments", response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) } };
    this.sequence += 1;
    const opened: OpenedView = { id: `V0FAKE${String(this.sequence).padStart(5, "0")}`, triggerId: body.trigger_id, view: body.view as ModalPayload };
    this.views.push(opened);
    return { ok: true, view: { ...opened.view, id: opened.id, team_id: this.teamId, state: { values: {} }, hash: `${this.sequence}.hash`, app_id: "A0FAKEAPP", bot_id: this.botId } };
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient JSON-encodes nested arguments such as blocks inside the form.
    body[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
  }
  return body;
}

/** Headers Slack signs every request with: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackSignature(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}
