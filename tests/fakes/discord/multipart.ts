/** A file in a multipart upload, as the fake received it: enough for a test to check a PNG's bytes. */
export interface UploadedFile {
  /** The form field: `files[0]`, `files[1]`, … */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * A REST body as Discord reads it: JSON, or multipart/form-data with the JSON in `payload_json` and
 * the files in `files[n]` (what @discordjs/rest sends for attachments).
 */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[]; readable: boolean }> {
  const parsed = await parseParts(raw, contentType);
  return { ...parsed, readable: isReadable(raw, contentType, parsed.body) };
}

async function parseParts(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    const payload = form.get("payload_json");
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (!field.startsWith("files[") || typeof value === "string") continue;
      files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body: typeof payload === "string" ? safeJson(payload) : undefined, files };
  }
  return { body: safeJson(raw.toString("utf8")), files: [] };
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Whether Discord could read the JSON: valid UTF-8 with no string holding half of a surrogate pair.
 * JSON.stringify writes a lone surrogate as a `\ud83d` escape, which Discord's parser refuses as it
 * refuses the raw bytes, so a message with half an emoji in it is rejected whole.
 */
function isReadable(raw: Buffer, contentType: string | undefined, body: unknown): boolean {
  if (!contentType?.startsWith("multipart/form-data") && raw.length > 0) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      return false;
    }
  }
  return !holdsLoneSurrogate(body);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(holdsLoneSurrogate);
  if (typeof value === "object" && value !== null) return Object.entries(value).some(([key, entry]) => LONE_SURROGATE.test(key) || holdsLoneSurrogate(entry));
  return false;
}
