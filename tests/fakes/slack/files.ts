/** A file as the app shared it: the bytes it uploaded and where files.completeUploadExternal put it. */
export interface SharedFile {
  id: string;
  filename: string;
  title: string | undefined;
  altText: string | undefined;
  bytes: Buffer;
  channel: string | undefined;
  threadTs: string | undefined;
  initialComment: string | undefined;
}

interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  altText: string | undefined;
  bytes?: Buffer;
}

/**
 * Slack's external upload flow: files.getUploadURLExternal hands out an upload URL on this server,
 * the client POSTs the bytes there, files.completeUploadExternal shares the file into a channel or
 * thread. Each step fails the way Slack's does when the one before it was skipped.
 */
export class FakeFiles {
  readonly shared: SharedFile[] = [];
  private readonly pending = new Map<string, PendingUpload>();
  private sequence = 0;

  getUploadUrl(body: Record<string, unknown>, base: string): Record<string, unknown> {
    const filename = typeof body.filename === "string" ? body.filename : "";
    const length = Number(body.length);
    if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
    const id = `F0FAKE${String(++this.sequence).padStart(4, "0")}`;
    this.pending.set(id, { id, filename, length, altText: typeof body.alt_text === "string" ? body.alt_text : undefined });
    return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
  }

  /** The bytes POSTed to an upload URL (raw, or the `file`/`body` part of a multipart form). */
  async receive(id: string, raw: Buffer, contentType: string | undefined): Promise<{ status: number; body: string }> {
    const upload = this.pending.get(id);
    if (!upload) return { status: 404, body: "upload URL not found" };
    let bytes = raw;
    if (contentType?.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
      const part = [...form.values()].find((value): value is File => typeof value !== "string");
      if (!part) return { status: 400, body: "no file in the form" };
      bytes = Buffer.from(await part.arrayBuffer());
    }
    upload.bytes = bytes;
    return { status: 200, body: `OK - ${bytes.length}` };
  }

  complete(body: Record<string, unknown>): Record<string, unknown> {
    const files = Array.isArray(body.files) ? (body.files as Array<{ id?: string; title?: string }>) : [];
    if (files.length === 0) return { ok: false, error: "invalid_arguments" };
    const done: SharedFile[] = [];
    for (const file of files) {
      const upload = file.id ? this.pending.get(file.id) : undefined;
      if (!upload?.bytes) return { ok: false, error: "file_not_found" };
      if (upload.bytes.length !== upload.length) return { ok: false, error: "file_upload_size_mismatch" };
      done.push({
        id: upload.id,
        filename: upload.filename,
        title: file.title,
        altText: upload.altText,
        bytes: upload.bytes,
        channel: typeof body.channel_id === "string" ? body.channel_id : undefined,
        threadTs: typeof body.thread_ts === "string" ? body.thread_ts : undefined,
        initialComment: typeof body.initial_comment === "string" ? body.initial_comment : undefined,
      });
    }
    for (const file of done) this.pending.delete(file.id);
    this.shared.push(...done);
    return { ok: true, files: done.map((file) => ({ id: file.id, name: file.filename, title: file.title ?? file.filename, mimetype: "image/png" })) };
  }
}
