/** Starts the whole server on one http.Server: Hono routes, the Yjs endpoint and Socket.IO. */

import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Database } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { createApp } from "./app";
import { type Clock, systemClock } from "./clock";
import { writeRefusal, yjsPathPrefix } from "./collab/upgrade";
import { AccessEvents, type AppConfig, type AppDeps } from "./deps";
import type { Logger } from "./logger";
import { type MailNotifier, mailNotifier } from "./notify/mail";

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

/**
 * Connections the kernel may hold for us while the event loop is busy. After a restart every open
 * plan reconnects at once (a dozen sections per participant); Node's default of 511 drops the
 * handshakes beyond it, and each dropped client waits a second or more for its retry. The kernel
 * caps the number at net.core.somaxconn (4096 on current Linux).
 */
export /** Where upgrades are handled: the Yjs endpoint and Socket.IO. */
const upgradePrefixes = [yjsPathPrefix, "/socket.io/"];

const listenBacklog = 4096;

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
  // Mail links point where people open the app: the public address, else this server's own, known
  // once it listens. The notifier exists before the parts attach: reminders may be due at start-up.
  let listening!: { resolve: (url: string) => void; reject: (err: unknown) => void };
  const listeningAt = new Promise<string>((resolve, reject) => {
    listening = { resolve, reject };
  });
  listeningAt.catch(() => {});
  let mail: MailNotifier | undefined;
  if (options.config.mail) {
    const { publicOrigin } = options.config;
    mail = mailNotifier(deps, options.config.mail, publicOrigin ?? listeningAt);
    deps.notifier = mail;
  }
  const app = createApp(deps);
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  const attachments: Attachment[] = [];
  for (const attach of options.attachments ?? []) attachments.push(await attach(httpServer, deps));
  // Upgrades to any other address are answered, not left open until the client gives up.
  httpServer.on("upgrade", (req, socket) => {
    if (upgradePrefixes.some((prefix) => req.url?.startsWith(prefix))) return;
    socket.on("error", () => socket.destroy());
    writeRefusal(socket, 404);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen({ port: options.port, host: options.host, backlog: listenBacklog }, () => {
        httpServer.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    listening.reject(err);
    throw err;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}`;
  listening.resolve(url);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      for (const a of attachments.reverse()) await a.close();
      httpServer.closeAllConnections();
      await stopped;
      // Mail being sent finishes; the rest waits in the outbox for the next start, where it goes out
      // when due (a gathering mail keeps gathering, a retry keeps its time): no rush at shutdown.
      await mail?.close();
      await options.database.close();
    })();
    return closing;
  };
  return { url, port, deps, httpServer, close };
}
