/** Starts the real server on a loopback port with a fresh database, for integration tests. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { demoEmail, demoPassword } from "../../db/seed/demo";
import { allAttachments } from "../../server/attachments";
import type { Clock } from "../../server/clock";
import type { AppConfig } from "../../server/deps";
import { createLogger, type Logger } from "../../server/logger";
import { type Attach, type RunningServer, startServer } from "../../server/server";
import { createTestDatabase, type TestDatabase } from "./database";

/** A running test server with its database and a client factory. */
export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** A new HTTP client (own cookie jar) for this server. */
  client(): HttpClient;
  /** A client logged in as a demo account (key as in `coordinator`, `voorzitter`, …). */
  loginAs(key: string): Promise<HttpClient>;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** Options for a test server. */
export interface TestServerOptions {
  /** Seed the demo data (default true). */
  seed?: boolean;
  clock?: Clock;
  config?: Partial<AppConfig>;
  /** Which attachments to start; all of main.ts's by default. */
  attachments?: Attach[];
  /** Reuse this database (restart tests). */
  database?: TestDatabase;
  /** Serve the built web app (e2e). */
  web?: boolean;
  /** The server's logger; by default one at `TEST_LOG_LEVEL` (silent unless set). */
  logger?: Logger;
}

const webRoot = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** Default test config: demo mode on, short limits off. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    session: { idleMs: 2 * 3_600_000, absoluteMs: 12 * 3_600_000 },
    demo: true,
    secureCookies: false,
    maxBodyBytes: 1024 * 1024,
    ...overrides,
  };
}

/** Starts a server on 127.0.0.1, port 0. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  if (options.web && !existsSync(webRoot)) throw new Error("dist/web is missing: run `npm run build` first");
  const running = await startServer({
    database: await database.open(),
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    config: testConfig({ ...(options.web ? { webRoot } : {}), ...options.config }),
    port: 0,
    host: "127.0.0.1",
    clock: options.clock,
    seedDemo: options.seed ?? true,
    attachments: options.attachments ?? allAttachments,
  });
  const client = () => new HttpClient(running.url);
  return {
    ...running,
    database,
    client,
    loginAs: async (key: string) => {
      const c = client();
      const res = await c.post("/api/auth/login", { email: demoEmail(key), password: demoPassword });
      if (res.status !== 200) throw new Error(`login as ${key} failed: ${res.status}`);
      return c;
    },
    stop: async () => {
      await running.close();
      if (!options.database) await database.drop();
    },
  };
}

/** A small fetch client that keeps the session cookie, like a browser would. */
export class HttpClient {
  cookie: string | null = null;

  constructor(readonly baseUrl: string) {}

  /** Sends a request; `body` is JSON unless it is a string. */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(";");
      const [name, value] = pair.split("=");
      if (name === "session") this.cookie = value ? `session=${value}` : null;
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
    return { status: res.status, headers: res.headers, text, json: json as any };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request("GET", path, undefined, headers);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request("POST", path, body ?? {}, headers);
  }
  patch(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request("PATCH", path, body, headers);
  }
  delete(path: string, headers?: Record<string, string>) {
    return this.request("DELETE", path, undefined, headers);
  }

  /** The raw token of the session cookie, for WebSocket and Socket.IO clients. */
  get sessionToken(): string | null {
    return this.cookie ? this.cookie.slice("session=".length) : null;
  }
}
