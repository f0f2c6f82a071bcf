/** A Web API rejection's error code (`not_in_channel`, `expired_trigger_id`, …), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null && "error" in data && typeof data.error === "string" ? data.error : undefined;
}
