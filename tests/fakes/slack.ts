import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the real WebClient sent it. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  token: string | undefined;
  /** What the fake answered (e.g. the `ts` it gave a posted message). */
  response?: Record<string, unknown>;
}

type Handler = (call: SlackCall) => Record<string, unknown> | undefined;

/**
 * A fake Slack Web API on 127.0.0.1: real HTTP, the WebClient's form or JSON bodies, realistic `ts`
 * values and `ok: false` errors on demand. Bolt reaches it through `clientOptions.slackApiUrl`.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly teamId = "T0FAKE01";
  readonly botUserId = "U0BOT0001";
  readonly botId = "B0BOT0001";
  private server: Server | undefined;
  private clock = 1_732_291_200;
  private sequence = 0;
  /** Per-method overrides: return an object to answer with it, undefined to answer normally. */
  private readonly overrides = new Map<string, Handler>();
  private waiters: Array<{ predicate: (call: SlackCall) => boolean; resolve: (call: SlackCall) => void }> = [];

  /** Where a slash command's `response_url` points: ephemeral replies land here as `response_url` calls. */
  responseUrl(id: string): string {
    return this.apiUrl.replace(/\/api\/$/, `/response/${id}`);
  }

  get apiUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("FakeSlack is not started");
    return `http://127.0.0.1:${address.port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Answer `method` with `ok: false` and this error (optionally only for calls `when` matches). */
  fail(method: string, error: string, when: (call: SlackCall) => boolean = () => true): void {
    this.overrides.set(method, (call) => (when(call) ? { ok: false, error } : undefined));
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

  nextTs(): string {
    this.sequence += 1;
    return `${this.clock + this.sequence}.${String(this.sequence * 100).padStart(6, "0")}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    // Web API calls arrive at /api/<method>; anything else is a post to a command's response_url.
    const path = (request.url ?? "").split("?")[0] ?? "";
    const method = path.startsWith("/api/") ? path.slice("/api/".length) : "response_url";
    const body = parseBody(raw, request.headers["content-type"]);
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "") || (typeof body.token === "string" ? body.token : undefined);
    const call: SlackCall = { method, body, token };
    this.calls.push(call);
    const answer = this.overrides.get(method)?.(call) ?? this.answer(call);
    call.response = answer;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(answer));
    this.waiters = this.waiters.filter((waiter) => (waiter.predicate(call) ? (waiter.resolve(call), false) : true));
  }

  private answer(call: SlackCall): Record<string, unknown> {
    const channel = call.body.channel;
    switch (call.method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake Team", user: "mock-interview", team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case "chat.postMessage": {
        const ts = this.nextTs();
        return { ok: true, channel, ts, message: { type: "message", user: this.botUserId, bot_id: this.botId, text: call.body.text, ts, thread_ts: call.body.thread_ts } };
      }
      case "chat.update":
        return { ok: true, channel, ts: call.body.ts, text: call.body.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "chat.getPermalink":
        return { ok: true, channel, permalink: `https://fake.slack.com/archives/${String(channel)}/p${String(call.body.message_ts).replace(".", "")}` };
      case "conversations.info":
        return { ok: true, channel: { id: channel, is_member: true, is_private: false } };
      case "views.open":
      case "views.update":
        return { ok: true, view: { id: `V${this.sequence + 1}` } };
      default:
        return { ok: true };
    }
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
