/** The only reader of process.env: parses the configuration once, listing every problem. */
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "expected true or false" })
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const schema = z.object({
  PORT: z.coerce
    .number({ error: "expected a port number" })
    .int("expected a whole number")
    .min(0, "expected 0 to 65535")
    .max(65535, "expected 0 to 65535")
    .default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_ORIGIN: z.url({ error: "expected a URL such as https://eenplan.example.nl" }).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DEMO: bool.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  SECRET_KEY: z
    .string()
    .regex(
      /^[0-9a-fA-F]{64}$/,
      "expected 64 hexadecimal characters (32 random bytes, e.g. `openssl rand -hex 32`)",
    )
    .optional(),
  REMINDER_TIME: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, "expected a time such as 07:00, or off")
    .default("07:00"),
  ESCALATE_AFTER_DAYS: z.coerce
    .number({ error: "expected a number of days" })
    .int()
    .min(1)
    .max(365)
    .default(7),
  RETENTION_YEARS: z.coerce
    .number({ error: "expected a number of years" })
    .int({ error: "expected a whole number of years" })
    .min(1, { error: "expected at least 1 year" })
    .max(100, { error: "expected at most 100 years" })
    .default(20),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  // A plan has 13 sections: a cap below that would refuse part of a single open plan.
  MAX_CONNECTIONS_PER_SESSION: z.coerce
    .number({ error: "expected a number of connections" })
    .int({ error: "expected a whole number" })
    .min(13, { error: "expected at least 13 (one plan has 13 sections)" })
    .max(10_000, { error: "expected at most 10000" })
    .default(60),
  SMTP_URL: z
    .url({ error: "expected a URL such as smtp://user:password@mail.example.nl:587" })
    .refine((u) => /^smtps?:\/\//.test(u), { error: "expected smtp:// or smtps://" })
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  MAX_SOCKETS_PER_SESSION: z.coerce
    .number({ error: "expected a number of sockets" })
    .int({ error: "expected a whole number" })
    .min(1, { error: "expected at least 1" })
    .max(10_000, { error: "expected at most 10000" })
    .default(20),
});

/** The parsed configuration. */
export type Env = z.infer<typeof schema>;

// In production the second-factor keys must not lie in the database readable to anyone with a copy,
// and the public address must be known and https: it makes the session cookie Secure, and a request
// is ours only from exactly that origin (not from http:// on the same host).
const checked = schema.superRefine((env, ctx) => {
  if (env.SMTP_URL && !env.MAIL_FROM) {
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required with SMTP_URL (the sender)" });
  }
  if (env.NODE_ENV !== "production") return;
  if (!env.SECRET_KEY) {
    ctx.addIssue({ code: "custom", path: ["SECRET_KEY"], message: "required when NODE_ENV=production" });
  }
  if (!env.PUBLIC_ORIGIN?.startsWith("https://")) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_ORIGIN"],
      message: "an https:// address is required when NODE_ENV=production",
    });
  }
});

/** Result of parsing: the configuration, or every problem found. */
export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Parses an environment (process.env by default) without exiting. */
export function parseEnv(source: Record<string, string | undefined> = process.env): EnvResult {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = checked.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
  };
}

/** Parses process.env; on a bad value prints every problem and exits with status 1. */
export function loadEnv(): Env {
  const result = parseEnv();
  if (result.ok) return result.env;
  process.stderr.write(
    `Eén Plan cannot start, the configuration is invalid:\n${result.problems.map((p) => `  - ${p}`).join("\n")}\n`,
  );
  process.exit(1);
}
