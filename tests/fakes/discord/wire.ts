/** Small values and checks every part of the fake shares: Discord's "no flags", plain-object tests, decoded paths. */

/** Discord sends 0 for "no flags"; TypeScript's flag enums refuse the literal 0 but take a number. */
export const NO_FLAGS: number = 0;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
