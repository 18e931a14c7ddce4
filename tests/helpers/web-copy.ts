/** What one e2e file runs against: a server on a private copy of the built web app, and a browser. */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { demoCaseId } from "../followup/fixture";
import { chromiumAvailable, launchBrowser } from "./browser";
import { startTestServer, type TestServer, type TestServerOptions } from "./server";

/**
 * Copies `dist/web` to a folder of its own: other test runs on this machine may rebuild
 * `dist/web` while this one runs, which would swap the hashed assets under an open page. Waits
 * while the build is incomplete. Remove the folder when done.
 */
export async function copyOfWebBuild(): Promise<string> {
  const built = fileURLToPath(new URL("../../dist/web", import.meta.url));
  for (let attempt = 0; ; attempt++) {
    const dir = await mkdtemp(join(tmpdir(), "eenplan-web-"));
    await cp(built, dir, { recursive: true }).catch(() => {});
    const index = await readFile(join(dir, "index.html"), "utf8").catch(() => "");
    const assets = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    const complete = await Promise.all(
      assets.map((a) =>
        readFile(join(dir, a)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (index && complete.every(Boolean)) return dir;
    await rm(dir, { recursive: true, force: true });
    if (attempt > 20) throw new Error("dist/web stays incomplete");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A running e2e set-up; `caseId` is the demo case (when the demo data is seeded). */
export interface WebServer {
  server: TestServer;
  browser: Browser;
  caseId: string;
  stop(): Promise<void>;
}

/** Starts a server on a private copy of the built app (see `copyOfWebBuild`) and a browser. */
export async function startWebServer(options: Omit<TestServerOptions, "web"> = {}): Promise<WebServer> {
  const webRoot = await copyOfWebBuild();
  const server = await startTestServer({ ...options, web: true, config: { ...options.config, webRoot } });
  const browser = await launchBrowser();
  const caseId = options.seed === false ? "" : await demoCaseId(server.deps.database.db);
  return {
    server,
    browser,
    caseId,
    async stop() {
      await browser.close();
      await server.stop();
      await rm(webRoot, { recursive: true, force: true });
    },
  };
}

/** What `useWebServer` hands a test file: `run` at once, the rest once its `beforeAll` has run. */
export interface UsedWebServer {
  /** Whether Chromium is here; `describe.runIf(web.run)` skips the file's tests when not. */
  readonly run: boolean;
  readonly server: TestServer;
  readonly browser: Browser;
  readonly caseId: string;
}

/**
 * Starts a file's server and browser (see `startWebServer`) in `beforeAll` and stops them in
 * `afterAll`, so every e2e file does not declare, assign and stop them itself. Call it at the top
 * level of the file; without Chromium it registers nothing. The properties are getters: read them
 * inside a test or hook, where they are started; read earlier they throw.
 */
export function useWebServer(options: Omit<TestServerOptions, "web"> = {}): UsedWebServer {
  const run = chromiumAvailable();
  let web: WebServer | undefined;
  if (run) {
    beforeAll(async () => {
      web = await startWebServer(options);
    });
    afterAll(async () => {
      await web?.stop();
      web = undefined;
    });
  }
  const started = (): WebServer => {
    if (web) return web;
    throw new Error(
      "the e2e server is not running: read it inside a test or hook of a file that calls useWebServer",
    );
  };
  return {
    run,
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    get caseId() {
      return started().caseId;
    },
  };
}
