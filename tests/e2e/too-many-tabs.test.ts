/**
 * One login session has only so many live connections (MAX_SOCKETS_PER_SESSION). A tab beyond the
 * cap says why its conference is not live, in the server's words, and becomes live by itself once
 * another tab of the session closes, without a reload.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, loginViaUi, newContext, screenshot } from "../helpers/browser";
import type { TestServer } from "../helpers/server";
import { startWebServer } from "../helpers/web-copy";

const run = chromiumAvailable();
let server: TestServer;
let browser: Browser;
let stopWeb: (() => Promise<void>) | undefined;
let caseId: string;

beforeAll(async () => {
  if (!run) return;
  // One socket per session, so a second tab is already one too many.
  ({
    server,
    browser,
    caseId,
    stop: stopWeb,
  } = await startWebServer({ config: { maxSocketsPerSession: 1 } }));
});
afterAll(async () => {
  await stopWeb?.();
});

describe.runIf(run)("a tab beyond the session's connections", () => {
  it("says so, and goes live once another tab closes", async () => {
    const context = await newContext(browser, server.url);
    const first = await context.newPage();
    await loginViaUi(first, "voorzitter");
    await first.goto(`/casussen/${caseId}`);
    const start = (page: typeof first) => page.getByRole("button", { name: "Overleg starten" });
    await start(first).waitFor();

    const second = await context.newPage();
    await second.goto(`/casussen/${caseId}`);
    const refusal = second.getByRole("alert").filter({
      hasText:
        "Er staan te veel verbindingen open met deze sessie. Sluit een ander tabblad: dit verbindt daarna vanzelf.",
    });
    await refusal.waitFor();
    expect(await start(second).count()).toBe(0);
    await screenshot(second, "too-many-tabs");

    await first.close();
    await start(second).waitFor({ timeout: 20_000 });
    expect(await refusal.count()).toBe(0);
    await context.close();
  }, 60_000);
});
