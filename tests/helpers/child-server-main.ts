/**
 * Runs the real server in its own process for crash tests: database from CHILD_DATABASE_URL or
 * CHILD_DATA_DIR (PGlite), port from CHILD_PORT (0 = any). Prints one JSON line `{"url": …}` once listening.
 */
import { openDatabase } from "../../db/client";
import { allAttachments } from "../../server/attachments";
import { createLogger } from "../../server/logger";
import { startServer } from "../../server/server";
import { testConfig } from "./server";

const database = await openDatabase({
  url: process.env.CHILD_DATABASE_URL || undefined,
  dataDir: process.env.CHILD_DATA_DIR || undefined,
});
const server = await startServer({
  database,
  logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
  config: testConfig(),
  port: Number(process.env.CHILD_PORT ?? 0),
  host: "127.0.0.1",
  seedDemo: true,
  attachments: allAttachments,
});
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
process.on("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});
