/** Structured logging with pino. Log identifiers and codes only: never plan text, names or tokens. */
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Keys that must never reach a log line, whatever a caller passes. */
const redactPaths = [
  "password",
  "token",
  "secret",
  "cookie",
  "text",
  "name",
  "email",
  "*.password",
  "*.token",
  "*.secret",
  "*.cookie",
  "*.text",
  "*.name",
  "*.email",
  "req.headers.cookie",
  'req.headers["set-cookie"]',
];

/** Creates the process logger; to standard output, or to `destination` (tests read the lines back). */
export function createLogger(level = "info", destination?: DestinationStream): Logger {
  const options = { level, base: { app: "een-plan" }, redact: { paths: redactPaths, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}

/** What of an error may go into a log line. */
export interface LoggableError {
  type: string;
  /** A database (SQLSTATE) or system error code, when there is one. */
  code?: string;
  /** The stack's frames: where it happened, without the message. */
  frames?: string;
}

/**
 * An error reduced to its kind, its code and where it happened. Never the message: a driver's
 * message quotes the query and its parameters, which hold plan text and names.
 */
export function loggableError(err: unknown): LoggableError {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    name?: unknown;
    code?: unknown;
    stack?: unknown;
    cause?: unknown;
  };
  const cause = (typeof e.cause === "object" && e.cause !== null ? e.cause : {}) as { code?: unknown };
  const code = [e.code, cause.code].find(
    (c): c is string => typeof c === "string" && /^[A-Z0-9_]{1,40}$/.test(c),
  );
  const frames =
    typeof e.stack === "string"
      ? e.stack
          .split("\n")
          .filter((line) => /^\s+at /.test(line))
          .join("\n")
      : undefined;
  return {
    type: typeof e.name === "string" ? e.name : typeof err,
    ...(code ? { code } : {}),
    ...(frames ? { frames } : {}),
  };
}
