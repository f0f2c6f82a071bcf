import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * Paths censored wherever they appear. Tokens never reach a log call on purpose; this catches the
 * accident of logging a whole options or request object.
 */
const SECRET_PATHS = ["token", "*.token", "apiKey", "*.apiKey", "password", "*.password", "authorization", "*.authorization", "headers.authorization"];

/**
 * Structured JSON logs on stdout. Lines carry `sessionKey` (the thread key) and `interviewId`
 * where they concern a session; what candidates wrote is only logged at debug and below.
 */
export function createLogger(options: { level: LogLevel; role: string; destination?: DestinationStream }): Logger {
  const settings = {
    level: options.level,
    base: { service: "mock-interview", role: options.role, pid: process.pid },
    redact: { paths: SECRET_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export const silentLogger: Logger = pino({ level: "silent" });

/** Redis URLs may carry a password; logs and start-up errors show only where Redis is. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username) parsed.username = "***";
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
