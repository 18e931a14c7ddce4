/**
 * The Logboek after a procesregisseur looked into a case by emergency access (noodtoegang), as a
 * privacy officer reviews it: each flagged row says what was read and why, the grant says
 * "Noodtoegang" once, her reading of the Logboek is not flagged, and every "Toepassen" is answered
 * by a status that says how many rows the filters found.
 */
import { and, eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { caseMembers } from "../../db/schema";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loggedInPageWithErrors, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const reason = "Acute melding politie over nieuw geweld, regisseur onbereikbaar.";

/** The rows of the Logboek's table. */
const rows = (page: Page) => page.locator("table.ep-audit tbody tr");

/** The text of one column of a row (1: when, 2: who, 3: what, 4: outcome, 5: reason). */
const cell = (row: Locator, n: number) => row.locator(`td:nth-child(${n})`);

/** Every text the status takes from now on, so that an announcement emptied and filled again shows. */
async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const status = document.querySelector('[data-testid="audit-found"]') as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
}

describe.runIf(web.run)("the Logboek after emergency access", () => {
  it("says per row what was read and why, names the grant once, and does not flag reading the Logboek", async () => {
    // In the demo data Ingrid de Vries observes the case; here she is not on it.
    const db = web.server.deps.database.db;
    const coordinator = await demoUser(db, "coordinator");
    await db
      .delete(caseMembers)
      .where(and(eq(caseMembers.caseId, web.caseId), eq(caseMembers.userId, coordinator.id)));
    const api = await web.server.loginAs("coordinator");
    expect((await api.post(`/api/cases/${web.caseId}/break-glass`, { reason })).status).toBe(201);

    const { page, errors } = await loggedInPageWithErrors(web.browser, web.server.url, "coordinator");
    await withScreenshots([page], "logboek-filter", async () => {
      // She opens the plan once, under emergency access.
      await page.goto(`/casussen/${web.caseId}`);
      await page
        .getByRole("status")
        .filter({ hasText: /^Verbonden$/ })
        .waitFor();
      // And who could be added: the Leden page.
      await page.goto(`/casussen/${web.caseId}/leden`);
      await page.getByRole("heading", { name: "Lid toevoegen", level: 3 }).waitFor();
      await page.goto(`/casussen/${web.caseId}/logboek`);
      const grant = rows(page).filter({ hasText: "verleend" });
      await grant.waitFor();

      // The grant: the flag says "Noodtoegang", the action only that it was granted.
      expect((await cell(grant, 3).textContent())?.replace(/\s+/g, " ").trim()).toBe(
        "Noodtoegang verleend (casus)",
      );
      expect(
        await rows(page)
          .filter({ hasText: /Noodtoegang\s*Noodtoegang/ })
          .count(),
      ).toBe(0);
      expect(await cell(grant, 5).textContent()).toBe(reason);

      // Each flagged read says what was read, once, and carries the grant's reason: which sections
      // hold text (the workspace opening), and the request for who could be added (which that
      // route does not record itself).
      const plan = rows(page).filter({ hasText: "Ingezien (welke onderdelen tekst hebben)" });
      expect(await plan.count()).toBe(1);
      expect(await cell(plan, 3).textContent()).toContain("Noodtoegang");
      expect(await cell(plan, 5).textContent()).toBe(reason);
      expect(await rows(page).filter({ hasText: "(verzoek: welke onderdelen tekst hebben)" }).count()).toBe(
        0,
      );
      const candidates = rows(page).filter({ hasText: "Ingezien (verzoek: mogelijke leden)" });
      expect(await candidates.count()).toBe(1);
      expect(await cell(candidates, 5).textContent()).toBe(reason);
      expect(await rows(page).filter({ hasText: "verzoek met noodtoegang" }).count()).toBe(0);
      const household = rows(page).filter({ hasText: "Ingezien (sectie ‘Gezin en netwerk’)" });
      // One opening of the plan, one read of the section (the page's one connection to it).
      expect(await household.count()).toBe(1);
      expect(await cell(household, 5).textContent()).toBe(reason);
      await screenshot(page, "logboek-noodtoegang");
      expect(await seriousViolations(page)).toEqual([]);

      // Only emergency access: the status says how many rows, and it is what the table shows.
      const status = page.getByTestId("audit-found");
      expect(await status.getAttribute("role")).toBe("status");
      expect(await status.textContent()).toBe("");
      await page.getByLabel("Alleen noodtoegang").check();
      const apply = page.getByRole("button", { name: "Toepassen" });
      await apply.click();
      await expect.poll(() => status.textContent()).toMatch(/^\d+ regels gevonden$/);
      const flagged = Number((await status.textContent())?.split(" ")[0]);
      expect(flagged).toBeGreaterThan(10);
      await expect.poll(() => rows(page).count()).toBe(flagged);
      // Her reading of the Logboek (the first load) is no emergency access.
      expect(await rows(page).filter({ hasText: "(logboek)" }).count()).toBe(0);
      expect(await isFocused(apply)).toBe(true);

      // A filter that finds nothing says so.
      await page.getByLabel("Handeling").selectOption({ label: "Verwijderd" });
      await apply.click();
      await expect.poll(() => status.textContent()).toBe("Geen regels met deze filters");

      // Applied again, the same answer is told again: emptied, then filled.
      const seen = await recordStatus(page);
      await apply.click();
      await expect.poll(seen).toEqual(["", "Geen regels met deze filters"]);

      // Without the flag, her readings of the Logboek are there, unflagged.
      await page.getByLabel("Handeling").selectOption({ label: "Alle" });
      await page.getByLabel("Alleen noodtoegang").uncheck();
      await page.getByLabel("Persoon").selectOption({ label: "Ingrid de Vries" });
      await apply.click();
      await expect.poll(() => status.textContent()).toMatch(/^\d+ regels gevonden$/);
      const logboek = rows(page).filter({ hasText: "Ingezien (logboek)" });
      expect(await logboek.count()).toBeGreaterThan(0);
      for (const text of await logboek.allTextContents()) expect(text).not.toContain("Noodtoegang");
      await screenshot(page, "logboek-gefilterd");

      // In English the same, in English.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Audit trail", level: 2 }).waitFor();
      await page.getByLabel("Emergency access only").check();
      await page.getByRole("button", { name: "Apply" }).click();
      await expect.poll(() => status.textContent()).toMatch(/^\d+ lines found$/);
      expect(
        (await cell(rows(page).filter({ hasText: "granted" }), 3).textContent())?.replace(/\s+/g, " ").trim(),
      ).toBe("Emergency access granted (case)");
      expect(await rows(page).filter({ hasText: "Read (request: possible members)" }).count()).toBe(1);
      await page.getByRole("button", { name: "Nederlands" }).click();
    });
    expect(errors).toEqual([]);
  });
});
