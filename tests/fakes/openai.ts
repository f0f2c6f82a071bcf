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
  };
}

/** What the fake does with the next request. */
export type FakeReply =
  | { kind: "json"; value: unknown }
  | { kind: "text"; content: string }
  | { kind: "status"; status: number; message?: string; headers?: Record<string, string> }
  | { kind: "hang" }
  | { kind: "malformed" }
  | { kind: "refusal"; refusal: string };

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
    }
  }
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
