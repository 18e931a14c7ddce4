/** Boot: env, database, http server with Hono, Yjs and Socket.IO; graceful shutdown on SIGTERM/SIGINT. */
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { type Database, openDatabase } from "../db/client";
import { users } from "../db/schema";
import { allAttachments } from "./attachments";
import { holdDataDir } from "./data-lock";
import { loadEnv } from "./env";
import { createLogger, loggableError } from "./logger";
import { startServer } from "./server";

const demoAccounts = [
  "coordinator@demo.eenplan.nl",
  "voorzitter@demo.eenplan.nl",
  "veiligthuis@demo.eenplan.nl",
  "wijkteam@demo.eenplan.nl",
  "politie@demo.eenplan.nl",
  "ervaringsdeskundige@demo.eenplan.nl",
  "buitenstaander@demo.eenplan.nl",
  "admin@demo.eenplan.nl",
];

/** Starts Eén Plan from the environment. */
export async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const embedded = !env.DATABASE_URL;
  const dataDir = resolve(env.DATA_DIR);
  const freshEmbedded = embedded && (!existsSync(dataDir) || readdirSync(dataDir).length === 0);
  if (embedded) holdDataDir(dataDir);
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: embedded ? dataDir : undefined,
    onCheckpoint: (report) =>
      report.ok
        ? logger.debug(
            { walBytes: report.walBytes, ms: report.ms, reason: report.reason },
            "database checkpoint",
          )
        : // Not the error itself: PGlite hangs the query and its parameters on it. Its type and
          // message: the statements here are fixed, so the message holds no case data.
          logger.warn(
            { err: { type: (report.error as Error)?.name, message: (report.error as Error)?.message } },
            "database checkpoint failed",
          ),
  });
  // Demo mode: by default on an embedded database that is new or was seeded before; never in production.
  const demo =
    env.NODE_ENV !== "production" &&
    (env.DEMO ?? (embedded && (freshEmbedded || (await hasDemoAccounts(database)))));
  if (env.NODE_ENV === "production" && env.DEMO) logger.warn("DEMO is ignored when NODE_ENV=production");
  const webRoot = fileURLToPath(new URL("../dist/web", import.meta.url));
  const server = await startServer({
    database,
    logger,
    port: env.PORT,
    host: env.HOST,
    seedDemo: demo,
    attachments: allAttachments,
    config: {
      session: {
        idleMs: env.SESSION_IDLE_MINUTES * 60_000,
        absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
      },
      demo,
      secureCookies: env.PUBLIC_ORIGIN?.startsWith("https://") ?? false,
      publicOrigin: env.PUBLIC_ORIGIN,
      webRoot: existsSync(webRoot) ? webRoot : undefined,
      maxBodyBytes: 1024 * 1024,
      escalateAfterDays: env.ESCALATE_AFTER_DAYS,
      retentionYears: env.RETENTION_YEARS,
      maxConnectionsPerSession: env.MAX_CONNECTIONS_PER_SESSION,
      maxSocketsPerSession: env.MAX_SOCKETS_PER_SESSION,
      secretKey: env.SECRET_KEY ? new Uint8Array(Buffer.from(env.SECRET_KEY, "hex")) : undefined,
      reminderTime: env.REMINDER_TIME === "off" ? undefined : env.REMINDER_TIME,
      mail: env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
    },
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: loggableError(err) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  logger.info({ url: server.url, database: database.kind }, "Eén Plan is running");
  if (server.deps.config.demo) {
    process.stdout.write(
      `\nEén Plan draait op ${server.url}\nDemo-accounts (wachtwoord demo-wachtwoord-2026):\n${demoAccounts
        .map((a) => `  ${a}`)
        .join("\n")}\n\n`,
    );
  } else {
    process.stdout.write(`\nEén Plan draait op ${server.url}\n\n`);
  }
}

/** Whether the database holds the demo accounts (seeded earlier), so demo logins keep working. */
async function hasDemoAccounts(database: Database): Promise<boolean> {
  try {
    const rows = await database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.isDemo, true))
      .limit(1);
    return rows.length > 0;
  } catch {
    return false; // not migrated yet: a new database
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`Eén Plan could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
