/** Starts the whole server on one http.Server: Hono routes, the Yjs endpoint and Socket.IO. */

import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Database } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { createApp } from "./app";
import { type Clock, systemClock } from "./clock";
import { AccessEvents, type AppConfig, type AppDeps } from "./deps";
import type { Logger } from "./logger";

/** A part that lives on the http server (Yjs, Socket.IO) and must stop cleanly. */
export interface Attachment {
  /** Flushes pending writes and closes open connections. */
  close(): Promise<void>;
}

/** Attaches a part to the running http server. */
export type Attach = (server: HttpServer, deps: AppDeps) => Attachment | Promise<Attachment>;

/** What is needed to start. */
export interface StartOptions {
  database: Database;
  logger: Logger;
  config: AppConfig;
  port: number;
  host: string;
  clock?: Clock;
  /** Seed the demo data when the database has none. */
  seedDemo?: boolean;
  /** Parts to attach (collab, conference); main.ts passes all of them. */
  attachments?: Attach[];
}

/** A started server. */
export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  httpServer: HttpServer;
  /** Graceful stop: stop accepting, close sockets, flush, close the database. */
  close(): Promise<void>;
}

/** Migrates, seeds when asked, and listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  await migrate(options.database);
  if (options.seedDemo) {
    const seeded = await seedDemo(options.database.db, clock.now());
    if (seeded) options.logger.info("demo data seeded");
  }
  const deps: AppDeps = {
    database: options.database,
    logger: options.logger,
    clock,
    config: options.config,
    accessEvents: new AccessEvents(),
  };
  const app = createApp(deps);
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  const attachments: Attachment[] = [];
  for (const attach of options.attachments ?? []) attachments.push(await attach(httpServer, deps));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      for (const a of attachments.reverse()) await a.close();
      httpServer.closeAllConnections();
      await stopped;
      await options.database.close();
    })();
    return closing;
  };
  return { url: `http://${hostForUrl}:${port}`, port, deps, httpServer, close };
}
