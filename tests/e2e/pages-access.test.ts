import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { attendance } from "../../db/schema";
import { addCase, demoUser, endDemoConference } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { loggedInPageWithErrors, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const notFound = "Deze casus bestaat niet of u heeft er geen toegang toe.";

/** A logged-in page, and the script errors it throws. */
const pageFor = (key: string) => loggedInPageWithErrors(web.browser, web.server.url, key);

const caseTabs = (page: Page) => page.getByRole("navigation", { name: "Onderdelen van de casus" });

describe.runIf(web.run)("case pages a user may not see", () => {
  it("tells someone who is not a member that the case is not there, on every case page, with a way back", async () => {
    const { page, errors } = await pageFor("buitenstaander");
    await withScreenshots([page], "pages-outsider", async () => {
      for (const tab of ["", "leden", "logboek", "versies", "verslagen", "fase"]) {
        await page.goto(`/casussen/${web.caseId}${tab && `/${tab}`}`);
        await page.getByRole("alert").filter({ hasText: notFound }).waitFor();
        expect(await page.getByRole("link", { name: "Terug naar de casussen" }).count()).toBe(1);
        // Nothing of the page behind it: no filters, no export, no empty table.
        expect(await page.getByRole("table").count()).toBe(0);
        expect(await page.getByRole("link", { name: "Download CSV" }).count()).toBe(0);
        await screenshot(page, `pages-outsider-${tab || "plan"}`);
        expect(await seriousViolations(page)).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.getByRole("link", { name: "Terug naar de casussen" }).click();
      await page.waitForURL("**/casussen");
    });
  });

  it("tells an outsider whom to ask, in the same words whether the case exists or not", async () => {
    const { page, errors } = await pageFor("buitenstaander");
    const nextStep = "Vraag dan de voorzitter of de procesregisseur om u toe te voegen.";
    const said: string[] = [];
    for (const id of [web.caseId, "00000000-0000-4000-8000-000000000000"]) {
      await page.goto(`/casussen/${id}`);
      const alert = page.getByRole("alert").filter({ hasText: notFound });
      await alert.waitFor();
      said.push(((await alert.textContent()) ?? "").trim());
    }
    expect(said[0]).toContain(nextStep);
    expect(said[1]).toBe(said[0]);
    expect(errors).toEqual([]);
  });

  it("offers an administrator no case work: no Mijn acties, no case to escalate", async () => {
    const { page, errors } = await pageFor("admin");
    const menu = page.getByRole("navigation", { name: "Hoofdmenu" });
    await menu.getByRole("link", { name: "Beheer" }).waitFor();
    expect(await menu.getByRole("link", { name: /Mijn acties/ }).count()).toBe(0);
    const casesRead = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/cases");
    await menu.getByRole("link", { name: "Escalaties" }).click();
    await page.getByRole("heading", { level: 1, name: "Escalaties" }).waitFor();
    expect((await casesRead).status()).toBe(200);
    await page.getByText("Geen open escalaties.").waitFor();
    expect(await page.getByRole("button", { name: "Casus één niveau opschalen" }).count()).toBe(0);
    expect(await page.getByLabel("Casus").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("tells an ervaringsdeskundige they may not read the audit trail, and offers no Logboek tab", async () => {
    const { page, errors } = await pageFor("ervaringsdeskundige");
    await withScreenshots([page], "pages-ebe-audit", async () => {
      await page.goto(`/casussen/${web.caseId}/logboek`);
      await page
        .getByRole("alert")
        .filter({ hasText: "U mag het logboek van deze casus niet inzien." })
        .waitFor();
      expect(await page.getByRole("link", { name: "Download CSV" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Toepassen" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "Terug naar de casussen" }).count()).toBe(1);
      await caseTabs(page).getByRole("link", { name: "Leden" }).waitFor();
      expect(await caseTabs(page).getByRole("link", { name: "Logboek" }).count()).toBe(0);
      await screenshot(page, "pages-ebe-audit");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  it("gives the coordinator the Logboek tab, with what each entry is about in Dutch and in English", async () => {
    const { page, errors } = await pageFor("coordinator");
    await withScreenshots([page], "pages-coordinator-audit", async () => {
      // Opening the plan reads its sections: entries about sections and the case.
      await page.goto(`/casussen/${web.caseId}`);
      await page
        .getByRole("status")
        .filter({ hasText: /^Verbonden$/ })
        .waitFor();
      await caseTabs(page).getByRole("link", { name: "Logboek" }).click();
      await page.waitForURL("**/logboek");
      const what = page.locator("table.ep-audit tbody td:nth-child(3)");
      await what.first().waitFor();
      await expect.poll(async () => (await what.allTextContents()).join("\n")).toContain("Ingezien (casus)");
      const texts = (await what.allTextContents()).join("\n");
      expect(texts).toMatch(/Ingezien \(sectie ‘[^’]+’\)/);
      // Opening the plan asks which sections hold text, not their text (CaseWorkspace.tsx).
      expect(texts).toContain("Ingezien (welke onderdelen tekst hebben)");
      expect(texts).not.toContain("Ingezien (veiligheidsplan)");
      expect(texts).not.toMatch(/\((case|section|audit_log|plan|conferences?)\b/);
      await screenshot(page, "pages-coordinator-audit");
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("button", { name: "English" }).click();
      await expect.poll(async () => (await what.allTextContents()).join("\n")).toContain("Read (case)");
      expect((await what.allTextContents()).join("\n")).toMatch(/Read \(section ‘[^’]+’\)/);
      await page.getByRole("button", { name: "Nederlands" }).click();
      expect(errors).toEqual([]);
    });
  });
});

describe.runIf(web.run)("the members page", () => {
  it("says a new case has no members yet", async () => {
    const fresh = await addCase(web.server.deps.database.db, {
      reference: "MDA-PAGES-001",
      registeredAt: new Date(),
    });
    const { page, errors } = await pageFor("coordinator");
    await withScreenshots([page], "pages-members-empty", async () => {
      await page.goto(`/casussen/${fresh}/leden`);
      await page.getByRole("heading", { name: "Leden", level: 2 }).waitFor();
      await page.getByText("Nog geen leden.").waitFor();
      expect(await page.getByRole("columnheader", { name: "Naam" }).count()).toBe(0);
      await screenshot(page, "pages-members-empty");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  it("confirms saved readers beside the form, where the chair is looking", async () => {
    const { page, errors } = await pageFor("voorzitter");
    await withScreenshots([page], "pages-members-readers", async () => {
      await page.goto(`/casussen/${web.caseId}/leden`);
      const form = page.locator("form", { has: page.getByRole("button", { name: "Lezers opslaan" }) });
      await form.getByLabel(/^Marco Jansen/).check();
      await form.getByRole("button", { name: "Lezers opslaan" }).click();
      const status = form.getByRole("status");
      await status.filter({ hasText: "De lijst van lezers is opgeslagen." }).waitFor();
      expect(await status.getAttribute("aria-live")).toBe("polite");
      // In view without scrolling back up: right under the button that was pressed.
      const inView = await status.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
      expect(inView).toBe(true);
      expect(await page.getByText("De lijst van lezers is opgeslagen.").count()).toBe(1);
      await screenshot(page, "pages-members-readers-saved");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});

describe.runIf(web.run)("the minutes", () => {
  it("lists members whose attendance nobody recorded, so their absence shows", async () => {
    const db = web.server.deps.database.db;
    const conferenceId = await endDemoConference(db, web.caseId);
    await db.insert(attendance).values([
      { conferenceId, userId: (await demoUser(db, "voorzitter")).id, present: "present" },
      { conferenceId, userId: (await demoUser(db, "politie")).id, present: "absent" },
    ]);

    const { page, errors } = await pageFor("wijkteam");
    await withScreenshots([page], "pages-minutes", async () => {
      await page.goto(`/casussen/${web.caseId}/verslagen/${conferenceId}`);
      const table = page.getByRole("region", { name: "Aanwezigheid", exact: true }).getByRole("table");
      await table.waitFor();
      const presence = async (name: string) =>
        (await table.getByRole("row").filter({ hasText: name }).locator("td").last().textContent())?.trim();
      expect(await presence("Marco Jansen")).toBe("Aanwezig");
      expect(await presence("Karin Mulder")).toBe("Afwezig");
      expect(await presence("Joris Smit")).toBe("Aanwezigheid niet vastgelegd");
      expect(await presence("Petra Hoekstra")).toBe("Aanwezigheid niet vastgelegd");
      await screenshot(page, "pages-minutes-attendance");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});
