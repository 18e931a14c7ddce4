import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { conferences } from "../../db/schema";
import { demoUser } from "../followup/fixture";
import { isFocused, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });

describe.runIf(web.run)("the conference picker of a case with more than one conference", () => {
  it("switches the panel on Enter or leaving it, not while the keyboard browses the closed picker", async () => {
    // Beside the demo case's planned conference, one held two weeks ago.
    const db = web.server.deps.database.db;
    const { id: chairId } = await demoUser(db, "voorzitter");
    const startedAt = new Date(Date.now() - 14 * 86_400_000);
    const [held] = await db
      .insert(conferences)
      .values({
        caseId: web.caseId,
        status: "ended",
        scheduledAt: startedAt,
        startedAt,
        endedAt: new Date(startedAt.getTime() + 45 * 60_000),
        createdBy: chairId,
      })
      .returning({ id: conferences.id });

    const page = await (await loggedInContext(web.browser, web.server, "voorzitter")).newPage();
    await page.goto(`/casussen/${web.caseId}`);
    const status = panel(page).getByTestId("conference-status");
    const picker = panel(page).getByLabel("Overleg", { exact: true });
    /** The status the panel shows, once it shows one (the badge: Gepland, Afgelopen). */
    const shown = () => panel(page).locator(".ep-conf-status").textContent();
    await withScreenshots([page], "conference-picker", async () => {
      // The planned one first.
      await status.filter({ hasText: "Gepland" }).waitFor();
      const planned = await picker.inputValue();
      expect(planned).not.toBe(held.id);

      // Browsing the closed picker (on Windows and in this Chromium the arrows change its value)
      // switches nothing: the planned conference stays in the panel, its start button with it.
      await picker.focus();
      await page.keyboard.press("ArrowDown");
      expect(await picker.inputValue()).toBe(held.id);
      await page.waitForTimeout(500);
      expect(await shown()).toBe("Gepland");
      expect(await panel(page).getByRole("button", { name: "Overleg starten" }).count()).toBe(1);
      expect(await isFocused(picker)).toBe(true);

      // Enter shows the conference browsed to; the keyboard stays on the picker.
      await page.keyboard.press("Enter");
      await status.filter({ hasText: "Afgelopen" }).waitFor();
      await panel(page).getByRole("link", { name: "Verslag bekijken" }).waitFor();
      await page.waitForTimeout(300);
      expect(await isFocused(picker)).toBe(true);
      await screenshot(page, "conference-picker");

      // Escape goes back to the conference shown.
      await page.keyboard.press("ArrowUp");
      expect(await picker.inputValue()).toBe(planned);
      await page.keyboard.press("Escape");
      expect(await picker.inputValue()).toBe(held.id);
      await page.waitForTimeout(300);
      expect(await shown()).toBe("Afgelopen");

      // Leaving it with Tab shows the one browsed to. The Tab was headed into the old panel, now
      // built anew: the keyboard is back on the picker, not out of the page.
      await page.keyboard.press("ArrowUp");
      await page.waitForTimeout(300);
      expect(await shown()).toBe("Afgelopen");
      await page.keyboard.press("Tab");
      await status.filter({ hasText: "Gepland" }).waitFor();
      await expect.poll(() => isFocused(picker)).toBe(true);
      await page.waitForTimeout(300);
      expect(await isFocused(picker)).toBe(true);
      // Leaving it backwards (to the plan, which stays) shows it too, and the keyboard goes on there.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Shift+Tab");
      await status.filter({ hasText: "Afgelopen" }).waitFor();
      await page.waitForTimeout(300);
      expect(await isFocused(page.getByRole("textbox", { name: "Directe veiligheid" }))).toBe(true);

      // A choice with the mouse (or from the opened list) shows it at once.
      await picker.selectOption(planned);
      await status.filter({ hasText: "Gepland" }).waitFor();

      await page.setViewportSize({ width: 320, height: 800 });
      await screenshot(page, "conference-picker-320");
    });
    await page.context().close();
  });
});
