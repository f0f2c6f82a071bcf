import OpenAI, { APIConnectionError, APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { partialStringField } from "../../voice/llm/partial-json.js";
import { LlmError, type ChatMessage, type ChatModel, type OutputFormat, type StructuredRequest, type StructuredResult, type Usage } from "../../voice/llm/chat.js";

export interface OpenAiChatOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  /** For the whole answer; a streamed one gets it for its first chunk and for each gap between chunks. */
  timeoutMs: number;
  maxRetries: number;
}

const DOWNGRADE: Record<OutputFormat, OutputFormat | null> = { json_schema: "json_object", json_object: "text", text: null };

/**
 * Chat Completions through the openai SDK, so OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio and
 * other compatible servers all work. The SDK retries 429, 5xx and timeouts with backoff. A server
 * that rejects `json_schema` is asked for JSON mode, then plain text, and remembered for next time.
 */
export class OpenAiChatModel implements ChatModel {
  private readonly client: OpenAI;
  private format: OutputFormat = "json_schema";
  private readonly timeoutMs: number;
  readonly model: string;

  constructor(options: OpenAiChatOptions) {
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? null,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
  }

  /** The output format in use now, after any downgrades. */
  get outputFormat(): OutputFormat {
    return this.format;
  }

  async structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    for (;;) {
      const format = this.format;
      try {
        return await this.ask(request, format);
      } catch (error) {
        const lower = DOWNGRADE[format];
        if (lower && rejectsFormat(error)) {
          this.format = lower;
          continue;
        }
        throw asLlmError(error);
      }
    }
  }

  private async ask<T>(request: StructuredRequest<T>, format: OutputFormat): Promise<StructuredResult<T>> {
    if (request.onMessage) return this.stream(request, format, request.onMessage);
    if (format === "json_schema") {
      const completion = await this.client.chat.completions.parse({
        model: this.model,
        messages: request.messages,
        response_format: zodResponseFormat(request.schema, request.name),
      });
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new LlmError("refused", `The model refused: ${message.refusal}`);
      if (!message?.parsed) throw new LlmError("malformed", "The model returned no structured answer.");
      return { value: message.parsed as T, text: message.content ?? "", usage: usage(completion.usage), format };
    }
    const messages = format === "json_object" ? withJsonInstructions(request) : request.messages;
    const completion = await this.client.chat.completions.create({
      model: this.model,
      messages,
      ...(format === "json_object" ? { response_format: { type: "json_object" as const } } : {}),
    });
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new LlmError("refused", `The model refused: ${message.refusal}`);
    const text = message?.content?.trim() ?? "";
    if (!text) throw new LlmError("malformed", "The model returned an empty answer.");
    if (format === "text") return { value: null, text, usage: usage(completion.usage), format };
    return { value: parseJson(text, request.schema), text, usage: usage(completion.usage), format };
  }

  /**
   * The same answer, streamed: the message is told as it grows (read out of the JSON as it
   * arrives), then the whole answer is checked against the schema as a non-streamed one is. The
   * SDK's timeout covers only the wait for the response to begin, so a stream that falls silent
   * for as long is cut off here.
   */
  private async stream<T>(request: StructuredRequest<T>, format: OutputFormat, onMessage: (text: string) => void): Promise<StructuredResult<T>> {
    const controller = new AbortController();
    let silent: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(silent);
      silent = setTimeout(() => controller.abort(), this.timeoutMs);
    };
    const messages = format === "json_object" ? withJsonInstructions(request) : request.messages;
    const responseFormat =
      format === "json_schema" ? { response_format: zodResponseFormat(request.schema, request.name) } : format === "json_object" ? { response_format: { type: "json_object" as const } } : {};
    let text = "";
    let refusal = "";
    let told = "";
    let used: Usage = { promptTokens: 0, completionTokens: 0 };
    try {
      const chunks = await this.client.chat.completions.create({ model: this.model, messages, ...responseFormat, stream: true, stream_options: { include_usage: true } }, { signal: controller.signal });
      watch();
      for await (const chunk of chunks) {
        watch();
        if (chunk.usage) used = usage(chunk.usage);
        const delta = chunk.choices[0]?.delta;
        if (delta?.refusal) refusal += delta.refusal;
        if (!delta?.content) continue;
        text += delta.content;
        const message = format === "text" ? text : partialStringField(text, "message");
        if (message !== undefined && message.length > told.length) {
          told = message;
          onMessage(message);
        }
      }
    } catch (error) {
      // An HTTP error before the stream began is judged like any other (a format it lacks, a 5xx).
      if (error instanceof APIError && !(error instanceof APIConnectionError) && !controller.signal.aborted) throw error;
      throw new LlmError("unavailable", "The model stopped answering part way through.", { cause: error });
    } finally {
      clearTimeout(silent);
    }
    // The SDK may end an aborted stream quietly, as if it were complete.
    if (controller.signal.aborted) throw new LlmError("unavailable", "The model fell silent part way through its answer.");
    if (refusal) throw new LlmError("refused", `The model refused: ${refusal}`);
    text = text.trim();
    if (!text) throw new LlmError("malformed", "The model returned an empty answer.");
    if (format === "text") return { value: null, text, usage: used, format };
    return { value: parseJson(text, request.schema), text, usage: used, format };
  }
}

/** JSON mode carries no schema, so the schema goes into the first (stable) system message. */
function withJsonInstructions<T>(request: StructuredRequest<T>): ChatMessage[] {
  const schema = JSON.stringify(z.toJSONSchema(request.schema));
  const instruction = `Answer with one JSON object and nothing else, matching this JSON Schema:\n${schema}`;
  const [first, ...rest] = request.messages;
  if (first?.role !== "system") return [{ role: "system", content: instruction }, ...request.messages];
  return [{ role: "system", content: `${first.content}\n\n${instruction}` }, ...rest];
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    // Some servers wrap JSON in a code fence even in JSON mode.
    raw = JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/g, ""));
  } catch (error) {
    throw new LlmError("malformed", "The model's answer was not valid JSON.", { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new LlmError("malformed", "The model's answer did not match the expected shape.", { cause: result.error });
  return result.data;
}

function usage(raw: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage {
  return { promptTokens: raw?.prompt_tokens ?? 0, completionTokens: raw?.completion_tokens ?? 0 };
}

/** A 400/422 about the response format means "this server cannot do that format", not "the server is down". */
function rejectsFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return /response_format|json_schema|json_object|structured|schema/i.test(`${error.message} ${JSON.stringify(error.error ?? {})}`);
}

function asLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof APIConnectionError) return new LlmError("unavailable", "The model server could not be reached in time.", { cause: error });
  if (error instanceof APIError) return new LlmError("unavailable", `The model server answered ${error.status ?? "with an error"}.`, { cause: error });
  // The SDK's own parse of a structured answer throws plain errors on malformed JSON.
  return new LlmError("malformed", "The model's answer could not be read.", { cause: error });
}
