import type { z } from "zod";

/**
 * JSON read back from Redis, or null when it is not JSON or not of the schema: an entry written by
 * something else, or damaged, reads as missing so one bad entry does not hide the rest.
 */
export function parseOrNull<S extends z.ZodType>(raw: string, schema: S): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
