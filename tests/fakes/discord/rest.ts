/** The REST front door: records every call, refuses bodies Discord cannot read, applies injected failures and delays, routes the rest, and answers with rate-limit headers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseBody, type UploadedFile } from "./multipart.js";
import { invalidJson, notFound, type RestAnswer, type RestRequest } from "./rest-answers.js";
import { safeDecode } from "./wire.js";

/** One REST call as the real client sent it. `path` is relative to `/api/v10` and decoded (`Routes.*` output matches it through `callsTo`). */
export interface DiscordCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON (or the `payload_json` of a multipart upload); undefined when there was no body. */
  body: unknown;
  /** How many files a multipart upload attached. */
  files: number;
  /** The files themselves, bytes and all. */
  attachments: UploadedFile[];
  /** Whether `Authorization: Bot <token>` was sent (interaction callbacks and webhooks send none). */
  authorized: boolean;
  status: number;
  /** What the fake answered (a created message, a thread, an error body); undefined for a 204. */
  response: unknown;
}

export type Route = [method: string, pattern: RegExp, needsAuth: boolean, handler: (request: RestRequest, params: string[]) => RestAnswer | Promise<RestAnswer>];

export class FakeRest {
  readonly calls: DiscordCall[] = [];
  private readonly failures: Array<{ method: string; path: RegExp; status: number; body: unknown; times: number }> = [];
  private readonly delays: Array<{ method: string; path: RegExp; ms: number; times: number }> = [];
  private readonly holds: Array<{ method: string; path: RegExp; times: number }> = [];
  /** Answers held back by `hold`, ended when the fake stops. */
  private readonly held = new Set<ServerResponse>();
  private waiters: Array<{ predicate: (call: DiscordCall) => boolean; resolve: (call: DiscordCall) => void }> = [];

  constructor(
    private readonly token: string,
    private readonly routes: Route[],
  ) {}

  callsTo(method: string, path: string | RegExp): DiscordCall[] {
    return this.calls.filter((call) => call.method === method && (typeof path === "string" ? call.path === safeDecode(path) : path.test(call.path)));
  }

  /** Resolves with the first call (already made or still to come) that `predicate` accepts. */
  waitFor(predicate: (call: DiscordCall) => boolean, timeoutMs: number): Promise<DiscordCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching Discord call within ${timeoutMs} ms; calls: ${this.calls.map((call) => `${call.method} ${call.path}`).join(", ") || "none"}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  }

  /** Answer matching calls with this status and body (`times` times, then normally). */
  fail(method: string, path: RegExp, status: number, body: unknown, times: number): void {
    this.failures.push({ method, path, status, body, times });
  }

  /** Stops every failure `fail` injected: Discord is healthy again. */
  recover(): void {
    this.failures.splice(0);
  }

  /** Carry out matching calls but never answer them (`times` times): the request took effect, the answer was lost. */
  hold(method: string, path: RegExp, times: number): void {
    this.holds.push({ method, path, times });
  }

  /** Ends the answers held back, as a server going away would. */
  dropHeld(): void {
    for (const response of this.held) response.destroy();
    this.held.clear();
  }

  /** Answer matching calls only after `ms` (`times` times, then at once). */
  delay(method: string, path: RegExp, ms: number, times: number): void {
    this.delays.push({ method, path, ms, times });
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const { body, files: attachments, readable } = await parseBody(Buffer.concat(chunks), request.headers["content-type"]);
    const method = request.method ?? "GET";
    const authorized = request.headers.authorization === `Bot ${this.token}`;
    const versioned = url.pathname.match(/^\/api\/v10(\/.*)$/);
    // discord-api-types' Routes percent-encode arguments (`@original` becomes `%40original`); record the decoded path.
    const path = safeDecode(versioned?.[1] ?? url.pathname);
    const call: DiscordCall = { method, path, query: Object.fromEntries(url.searchParams), body, files: attachments.length, attachments, authorized, status: 0, response: undefined };
    this.calls.push(call);
    const answer = !versioned ? notFound() : readable ? await this.answer({ method, path, query: url.searchParams, body, files: attachments, authorized }) : invalidJson();
    call.status = answer.status;
    // A copy: stored messages change with later edits, the recorded answer must not.
    call.response = answer.body === undefined ? undefined : structuredClone(answer.body);
    const hold = this.holds.find((entry) => entry.method === method && entry.path.test(path) && entry.times > 0);
    if (hold) {
      hold.times -= 1;
      this.held.add(response);
    } else {
      respond(response, answer);
    }
    this.waiters = this.waiters.filter((waiter) => (waiter.predicate(call) ? (waiter.resolve(call), false) : true));
    await answer.after?.();
  }

  private async answer(request: RestRequest): Promise<RestAnswer> {
    const delay = this.delays.find((entry) => entry.method === request.method && entry.path.test(request.path) && entry.times > 0);
    if (delay) {
      delay.times -= 1;
      // Pacing, not a verdict: Discord having the slow moment the test asked for.
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const failure = this.failures.find((entry) => entry.method === request.method && entry.path.test(request.path) && entry.times > 0);
    if (failure) {
      failure.times -= 1;
      return { status: failure.status, body: failure.body };
    }
    for (const [method, pattern, needsAuth, handler] of this.routes) {
      const match = request.path.match(pattern);
      if (method !== request.method || !match) continue;
      if (needsAuth && !request.authorized) return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
      return handler(request, match.slice(1));
    }
    return notFound();
  }
}

/** JSON with Discord's rate-limit headers; a 204 carries no body and no content type (@discordjs/rest would try to parse it). */
function respond(response: ServerResponse, answer: RestAnswer): void {
  const headers: Record<string, string> = {
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "4",
    "x-ratelimit-reset": String(Date.now() / 1000 + 1),
    "x-ratelimit-reset-after": "1.000",
    "x-ratelimit-bucket": "fake0bucket",
  };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  response.writeHead(answer.status, { ...headers, "content-type": "application/json" });
  response.end(JSON.stringify(answer.body));
}
