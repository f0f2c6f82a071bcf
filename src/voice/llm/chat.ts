import type { z } from "zod";
import { DependencyDownError } from "../../core/errors.js";

/** A chat message as Chat Completions takes it. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** How the answer was asked for: the best the server supports, found by trying. */
export type OutputFormat = "json_schema" | "json_object" | "text";

export interface StructuredRequest<T> {
  /** Schema name the server sees, e.g. "interviewer_turn". */
  name: string;
  schema: z.ZodType<T>;
  messages: ChatMessage[];
  /**
   * Streams the answer, telling its top-level `message` field's text so far as it arrives (the
   * whole text, in plain-text mode). The result is the same as without it.
   */
  onMessage?: (text: string) => void;
}

export interface StructuredResult<T> {
  /** The parsed answer, or null when the server only speaks plain text. */
  value: T | null;
  /** The raw text of the answer (the message itself in plain-text mode). */
  text: string;
  usage: Usage;
  format: OutputFormat;
}

/** The model behind the LLM interviewer and summarizer: any OpenAI-compatible Chat Completions server. */
export interface ChatModel {
  readonly model: string;
  structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
}

export type LlmFailure = "unavailable" | "malformed" | "refused";

/** The model could not give a usable answer; the caller falls back to the offline path. */
export class LlmError extends DependencyDownError {
  constructor(
    readonly failure: LlmFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
