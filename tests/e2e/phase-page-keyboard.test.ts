/**
 * The phase page from the keyboard, in Dutch: lifting the huisverbod is asked first, naming its last
 * day, and the keyboard is never dropped; a case without phase changes says so instead of showing an
 * empty table, and the history table is named by its heading, not by a caption repeating it.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../shared/dates";
import { addCase } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loggedInPageWithErrors, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

const dutchDate = (day: string) =>
  new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));

/** Presses Tab until `target` has the keyboard, as someone tabbing through the page would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < 80; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the keyboard never reached the element");
}

/** The element that has the keyboard, as "tag text" (or "body"). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? "body" : `${el.tagName} ${el.textContent?.trim()}`;
  });

describe.runIf(web.run)("the phase page from the keyboard", () => {
  it("asks before lifting the huisverbod, keeps it on Escape or Annuleren, and says so once lifted", async () => {
    const today = amsterdamDate(new Date());
    const imposed = addDays(today, -2);
    const lastDay = addDays(today, 5);
    const chair = await web.server.loginAs("voorzitter");
    const set = await chair.request("PUT", `/api/cases/${web.caseId}/restraining-order`, {
      from: imposed,
      until: lastDay,
    });
    expect(set.status).toBe(200);

    const { page, errors } = await loggedInPageWithErrors(web.browser, web.server.url, "voorzitter");
    await withScreenshots([page], "huisverbod-lift", async () => {
      await page.goto(`/casussen/${web.caseId}/fase`);
      const badge = page
        .locator("header.ep-case-header")
        .getByText(`Huisverbod tot en met ${dutchDate(lastDay)}`);
      await badge.waitFor();
      // The button says what it does; no past tense that reads like a status.
      expect(await page.getByRole("button", { name: "Huisverbod opgeheven" }).count()).toBe(0);
      const lift = page.getByRole("button", { name: "Huisverbod opheffen" });
      await tabTo(page, lift);
      await page.keyboard.press("Enter");

      // The question names the last day and has the keyboard.
      const question = `Het huisverbod tot en met ${dutchDate(lastDay)} opheffen?`;
      const ask = page.getByRole("group", { name: question });
      await ask.waitFor();
      await expect.poll(() => isFocused(ask)).toBe(true);
      await screenshot(page, "huisverbod-lift-question");
      expect(await seriousViolations(page)).toEqual([]);

      // Escape keeps it, and gives the keyboard back to the button.
      await page.keyboard.press("Escape");
      await expect.poll(() => ask.count()).toBe(0);
      await expect.poll(() => isFocused(lift)).toBe(true);
      expect(await badge.count()).toBe(1);
      expect((await chair.get(`/api/cases/${web.caseId}`)).json.restrainingOrderUntil).toBe(lastDay);

      // So does "Annuleren".
      await page.keyboard.press("Enter");
      await expect.poll(() => isFocused(ask)).toBe(true);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("BUTTON Ja, huisverbod opheffen");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("BUTTON Annuleren");
      await page.keyboard.press("Enter");
      await expect.poll(() => isFocused(lift)).toBe(true);
      expect((await chair.get(`/api/cases/${web.caseId}`)).json.restrainingOrderUntil).toBe(lastDay);

      // "Ja": lifted; the status line says which, and has the keyboard.
      await page.keyboard.press("Enter");
      await expect.poll(() => isFocused(ask)).toBe(true);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const done = page
        .getByRole("status")
        .filter({ hasText: `Het huisverbod tot en met ${dutchDate(lastDay)} is opgeheven.` });
      await done.waitFor();
      await expect.poll(() => isFocused(done)).toBe(true);
      await page.getByText("Er is geen huisverbod vastgelegd.").waitFor();
      await expect.poll(() => badge.count()).toBe(0);
      expect(await lift.count()).toBe(0);
      expect((await chair.get(`/api/cases/${web.caseId}`)).json.restrainingOrderUntil).toBeNull();
      await screenshot(page, "huisverbod-lifted");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await page.context().close();
  });

  it("says a case has no phase changes yet, and names the history table by its heading", async () => {
    // A case made in the app has no row in its history until its case director moves it.
    const db = web.server.deps.database.db;
    const caseId = await addCase(db, {
      reference: "MDA-2026-061",
      registeredAt: new Date(),
      members: [["wijkteam", "caseDirector"]],
    });
    const { page, errors } = await loggedInPageWithErrors(web.browser, web.server.url, "wijkteam");
    await withScreenshots([page], "phase-history-empty", async () => {
      await page.goto(`/casussen/${caseId}/fase`);
      const heading = page.getByRole("heading", { name: "Fasegeschiedenis", level: 2 });
      await heading.waitFor();
      await page.getByText("Nog geen fasewijzigingen.").waitFor();
      expect(await page.getByRole("table").count()).toBe(0);
      await screenshot(page, "phase-history-empty");
      expect(await seriousViolations(page)).toEqual([]);

      // The first change, from the keyboard: a new incident, with a reason.
      await tabTo(page, page.getByLabel("Nieuw incident: terug naar veiligheid"));
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
      await page.keyboard.type("Nieuwe politiemelding.");
      await tabTo(page, page.getByRole("button", { name: "Fase wijzigen" }));
      await page.keyboard.press("Enter");

      const table = page.getByRole("table", { name: "Fasegeschiedenis" });
      await table.getByRole("cell", { name: "Nieuwe politiemelding." }).waitFor();
      expect(await page.getByText("Nog geen fasewijzigingen.").count()).toBe(0);
      // Named by the heading above it: no caption that says the same words a second time.
      expect(await table.locator("caption").count()).toBe(0);
      const labelledBy = await table.getAttribute("aria-labelledby");
      expect(labelledBy).toBe(await heading.getAttribute("id"));
      await screenshot(page, "phase-history-first-row");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await page.context().close();
  });
});
