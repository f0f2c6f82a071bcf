import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { z } from "zod";
import { ConflictError, DependencyDownError } from "../../core/errors.js";

/** A data file that is not JSON or not what this release wrote. Nothing is overwritten, so the user can look at it. */
export class UnreadableDataFileError extends ConflictError {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`I can't read my saved data in ${path} (${detail}). Move that file aside or fix it, then try again; I haven't changed it.`);
  }
}

/** The data directory cannot be written (permissions, a full disk). */
export class DataDirUnwritableError extends DependencyDownError {
  constructor(path: string, cause: unknown) {
    super(`I can't save my data to ${path} (${cause instanceof Error ? cause.message : String(cause)}). Check that the folder is writable, or pick another with --data DIR.`, { cause });
  }
}

/**
 * One JSON file holding one store's data, validated by its schema on read and replaced whole on
 * write: a temporary file beside it, then a rename, so a crash mid-write leaves the old file or
 * the new one, never half of one.
 */
export class JsonFile<S extends z.ZodType> {
  constructor(
    readonly path: string,
    private readonly schema: S,
  ) {}

  /** The file's data, or null when there is no file yet. */
  read(): z.infer<S> | null {
    let raw: string;
    try {
      raw = readFileSync(this.path, "utf8");
    } catch (error) {
      if (isMissing(error)) return null;
      throw new UnreadableDataFileError(this.path, error instanceof Error ? error.message : String(error));
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      throw new UnreadableDataFileError(this.path, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnreadableDataFileError(this.path, `${issue?.path.join(".") || "file"}: ${issue?.message ?? "invalid"}`);
    }
    return parsed.data;
  }

  write(data: z.infer<S>): void {
    const temporary = `${this.path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    try {
      // Interview transcripts are personal: the folder and files are the user's alone.
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(temporary, JSON.stringify(data), { mode: 0o600 });
      renameSync(temporary, this.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new DataDirUnwritableError(dirname(this.path), error);
    }
  }
}

// Not `instanceof Error`: errors from node:fs may come from another realm (test runners' VMs).
function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}
