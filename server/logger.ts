/** Structured logging with pino. Log identifiers and codes only: never plan text, names or tokens. */
import pino, { type Logger } from "pino";

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

/** Creates the process logger. */
export function createLogger(level = "info"): Logger {
  return pino({ level, base: { app: "een-plan" }, redact: { paths: redactPaths, censor: "[redacted]" } });
}
