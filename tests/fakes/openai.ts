import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake received, as the real SDK sent it over HTTP. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema?: { name: string } };
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
  };
}

/** What the fake does with the next request. */
export type FakeReply =
  | { kind: "json"; value: unknown }
  | { kind: "text"; content: string }
  | { kind: "status"; status: number; message?: string; headers?: Record<string, string> }
  | { kind: "hang" }
  | { kind: "malformed" }
  | { kind: "refusal"; refusal: string }
  /** Streamed requests only: sends the answer's first `chars` characters, then drops the connection or falls silent. */
  | { kind: "cut"; value: unknown; chars: number; then: "drop" | "stall" };

/** How fast a streamed answer arrives: the wait before its first token, then tokens per second (a token is about four characters). */
export interface StreamPace {
  firstTokenMs: number;
  tokensPerSecond: number;
}

/**
 * A fake OpenAI-compatible Chat Completions server on 127.0.0.1: real HTTP, the real response
 * shapes, scriptable replies and failures. The `openai` SDK talks to it through OPENAI_BASE_URL.
 */
export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Replies used in order; when none is queued, `respond` decides. */
  private readonly queue: FakeReply[] = [];
  /** Reject `response_format: json_schema` (and optionally JSON mode) like a server that lacks them. */
  rejectJsonSchema = false;
  rejectJsonObject = false;
  respond: (request: RecordedRequest) => FakeReply = defaultReply;
  /** Streamed answers come at this pace; the default is quick, for tests. */
  pace: StreamPace = { firstTokenMs: 0, tokensPerSecond: 2_000 };
  /** Answers not streamed also take the pace's time (first token, then every token) before they arrive, as a real model's do. */
  paceWholeAnswers = false;
  private server: Server | undefined;
  private readonly hanging = new Set<ServerResponse>();

  get baseURL(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("FakeOpenAI is not started");
    return `http://127.0.0.1:${address.port}/v1`;
  }

  script(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** The system and developer messages of every request, joined: where candidate text must never appear. */
  instructionsOf(request: RecordedRequest): string {
    return request.body.messages.filter((message) => message.role !== "user" && message.role !== "assistant").map((message) => message.content).join("\n");
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
      return send(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: "invalid_request_error" } });
    }
    const recorded: RecordedRequest = { path: request.url, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedRequest["body"] };
    this.requests.push(recorded);
    const format = recorded.body.response_format?.type;
    if ((format === "json_schema" && this.rejectJsonSchema) || (format === "json_object" && this.rejectJsonObject)) {
      return send(response, 400, {
        error: { message: `response_format type '${format}' is not supported by this server`, type: "invalid_request_error", param: "response_format", code: null },
      });
    }
    const reply = this.queue.shift() ?? this.respond(recorded);
    if (recorded.body.stream) return this.stream(recorded, reply, response);
    if (this.paceWholeAnswers && (reply.kind === "json" || reply.kind === "text")) {
      const length = reply.kind === "json" ? JSON.stringify(reply.value).length : reply.content.length;
      await pause(this.pace.firstTokenMs + (Math.ceil(length / 4) * 1_000) / this.pace.tokensPerSecond);
    }
    switch (reply.kind) {
      case "status":
        return send(response, reply.status, { error: { message: reply.message ?? `status ${reply.status}`, type: "server_error" } }, reply.headers);
      case "hang":
        this.hanging.add(response);
        return;
      case "malformed":
        return send(response, 200, completion(recorded, "{\"message\": \"half a JSON obj"));
      case "refusal":
        return send(response, 200, completion(recorded, null, reply.refusal));
      case "text":
        return send(response, 200, completion(recorded, reply.content));
      case "json":
        return send(response, 200, completion(recorded, JSON.stringify(reply.value)));
      case "cut":
        return send(response, 200, completion(recorded, JSON.stringify(reply.value)));
    }
  }

  /** Server-sent events as Chat Completions streams them: a chunk per token at `pace`, usage last when asked for, then [DONE]. */
  private async stream(request: RecordedRequest, reply: FakeReply, response: ServerResponse): Promise<void> {
    if (reply.kind === "status") return send(response, reply.status, { error: { message: reply.message ?? `status ${reply.status}`, type: "server_error" } }, reply.headers);
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const id = `chatcmpl-fake-${Date.now()}`;
    const event = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: request.body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
    const hang = () => {
      this.hanging.add(response);
    };
    if (reply.kind === "hang") return hang();
    const content = reply.kind === "text" ? reply.content : reply.kind === "json" || reply.kind === "cut" ? JSON.stringify(reply.value) : reply.kind === "malformed" ? '{"message": "half a JSON obj' : "";
    const limit = reply.kind === "cut" ? reply.chars : content.length;
    await pause(this.pace.firstTokenMs);
    response.write(event({ role: "assistant", content: "" }));
    if (reply.kind === "refusal") response.write(event({ refusal: reply.refusal }));
    for (let at = 0; at < limit; at += 4) {
      if (response.destroyed) return;
      if (at > 0) await pause(1_000 / this.pace.tokensPerSecond);
      response.write(event({ content: content.slice(at, Math.min(at + 4, limit)) }));
    }
    if (reply.kind === "cut") {
      if (reply.then === "stall") return hang();
      response.destroy();
      return;
    }
    response.write(event({}, "stop"));
    if (request.body.stream_options?.include_usage) {
      const { usage } = completion(request, content);
      response.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: request.body.model, choices: [], usage })}\n\n`);
    }
    response.end("data: [DONE]\n\n");
  }
}

/** The fake model's speed: a stream's tokens, a whole answer's wait. */
function pause(ms: number): Promise<void> {
  // Pacing, not a verdict: the fake is as slow as a model, no test decides anything by it.
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A plausible interviewer turn, or a plausible summary, depending on what was asked for. */
function defaultReply(request: RecordedRequest): FakeReply {
  const wantsSummary = JSON.stringify(request.body.messages[0]?.content ?? "").includes("end-of-interview scorecard");
  if (!request.body.response_format) return { kind: "text", content: "Fake model (plain text): tell me more about how you would monitor this." };
  if (wantsSummary) return { kind: "json", value: fakeSummary() };
  return {
    kind: "json",
    value: { message: "Fake model: that's a reasonable start. How would you know in production that it works?", phaseGoalMet: false, claims: [] },
  };
}

export function fakeSummary(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scorecard: [],
    strengths: ["Fake strength one.", "Fake strength two.", "Fake strength three."],
    improvements: ["Fake improvement one.", "Fake improvement two.", "Fake improvement three."],
    resourceIds: [],
    narrative: {
      keyDecisions: [],
      mlApproach: "Fake approach.",
      architectureStrengths: "Fake architecture.",
      productionReadiness: "Fake readiness.",
      strengthsDemonstrated: "Fake strengths.",
      areasToExplore: [],
      overallAssessment: "Fake assessment.",
    },
    ...overrides,
  };
}

function completion(request: RecordedRequest, content: string | null, refusal: string | null = null) {
  const promptChars = request.body.messages.reduce((total, message) => total + message.content.length, 0);
  const completionTokens = Math.ceil((content ?? refusal ?? "").length / 4);
  const promptTokens = Math.ceil(promptChars / 4);
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.body.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}
