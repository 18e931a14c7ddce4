/**
 * One login session has only so many live connections (MAX_SOCKETS_PER_SESSION). A tab beyond the
 * cap says why its conference is not live, in the server's words, and becomes live by itself once
 * another tab of the session closes, without a reload.
 */
import { describe, expect, it } from "vitest";
import { loginViaUi, newContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

// One socket per session, so a second tab is already one too many.
const web = useWebServer({ config: { maxSocketsPerSession: 1 } });

describe.runIf(web.run)("a tab beyond the session's connections", () => {
  it("says so, and goes live once another tab closes", async () => {
    const context = await newContext(web.browser, web.server.url);
    const first = await context.newPage();
    await loginViaUi(first, "voorzitter");
    await first.goto(`/casussen/${web.caseId}`);
    const start = (page: typeof first) => page.getByRole("button", { name: "Overleg starten" });
    await start(first).waitFor();

    const second = await context.newPage();
    await second.goto(`/casussen/${web.caseId}`);
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
