/** What REST handlers take and give back, and Discord's error answers (Unknown …, 50035 Invalid Form Body). */
import { RESTJSONErrorCodes } from "discord.js";
import type { z } from "zod";
import type { UploadedFile } from "./multipart.js";
import { isRecord } from "./wire.js";

export interface RestAnswer {
  status: number;
  body?: unknown;
  /** Gateway events Discord sends because of this call, dispatched once the response is out. */
  after?: () => Promise<unknown>;
}

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  authorized: boolean;
}

/** Discord's 50035 body: errors nested along the offending path, each with `_errors`. */
export function invalidForm(error: z.ZodError | undefined, prefix: PropertyKey[] = [], message?: string): RestAnswer {
  const errors: Record<string, unknown> = {};
  const issues = error?.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message, code: issue.code === "too_big" ? "BASE_TYPE_MAX_LENGTH" : issue.code === "too_small" ? "BASE_TYPE_MIN_LENGTH" : "BASE_TYPE_INVALID" })) ?? [
    { path: prefix, message: message ?? "Invalid Form Body", code: "BASE_TYPE_INVALID" },
  ];
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    node._errors = [{ code: issue.code, message: issue.message }];
  }
  return { status: 400, body: { message: "Invalid Form Body", code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, errors } };
}

/** The same 50035 answer with its errors nested one level deeper, under `key`. */
export function prefixed(answer: RestAnswer, key: string): RestAnswer {
  const body = answer.body;
  if (!isRecord(body) || !isRecord(body.errors)) return answer;
  return { ...answer, body: { ...body, errors: { [key]: body.errors } } };
}

/** What Discord answers a body it cannot read as JSON, such as one holding half of a surrogate pair (which is not valid UTF-8). */
export const invalidJson = (): RestAnswer => ({ status: 400, body: { message: "The request body contains invalid JSON.", code: RESTJSONErrorCodes.RequestBodyContainsInvalidJSON } });
export const notFound = (): RestAnswer => ({ status: 404, body: { message: "404: Not Found", code: 0 } });
export const unknownChannel = (): RestAnswer => ({ status: 404, body: { message: "Unknown Channel", code: RESTJSONErrorCodes.UnknownChannel } });
export const unknownMessage = (): RestAnswer => ({ status: 404, body: { message: "Unknown Message", code: RESTJSONErrorCodes.UnknownMessage } });
export const unknownWebhook = (): RestAnswer => ({ status: 404, body: { message: "Unknown Webhook", code: RESTJSONErrorCodes.UnknownWebhook } });
export const unknownGuild = (): RestAnswer => ({ status: 404, body: { message: "Unknown Guild", code: RESTJSONErrorCodes.UnknownGuild } });
export const unknownMember = (): RestAnswer => ({ status: 404, body: { message: "Unknown Member", code: RESTJSONErrorCodes.UnknownMember } });
export const unknownInteraction = (): RestAnswer => ({ status: 404, body: { message: "Unknown interaction", code: RESTJSONErrorCodes.UnknownInteraction } });
