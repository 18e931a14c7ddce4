import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { actionItems } from "../../db/schema";
import { addCase, demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loginViaUi, newContext, screenshot, withScreenshots } from "../helpers/browser";
import { connectAs, emitAck } from "../helpers/socket";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const lateTitle = "Aanmelding traumabehandeling moeder bevestigen";

async function pageFor(key: string): Promise<Page> {
  const context = await newContext(web.browser, web.server.url);
  const page = await context.newPage();
  await loginViaUi(page, key);
  return page;
}

describe.runIf(web.run)("follow-up in a real browser", () => {
  it("a coordinator filters to late actions, escalates one, and the owner sees it in their reminders", async () => {
    const coordinator = await pageFor("coordinator");
    await withScreenshots([coordinator], "followup-coordinator", async () => {
      await coordinator
        .getByRole("navigation", { name: "Hoofdmenu" })
        .getByRole("link", { name: "Actieoverzicht" })
        .click();
      await coordinator.waitForURL("**/overzicht");
      await coordinator.getByRole("status").filter({ hasText: "3 actiepunten" }).waitFor();
      await coordinator.getByLabel("Alleen te late acties").check();
      // One is one: "1 actiepunt", not "1 actiepunten".
      await coordinator
        .getByRole("status")
        .filter({ hasText: /^1 actiepunt$/ })
        .waitFor();
      const row = coordinator.getByRole("row").filter({ hasText: lateTitle });
      expect(await row.getByRole("cell", { name: "nog geen reden" }).count()).toBe(1);
      expect(await row.getByText("2 dagen te laat").count()).toBe(1);
      await screenshot(coordinator, "followup-overview-late");
      expect(await seriousViolations(coordinator)).toEqual([]);

      // Sortable headers are buttons; aria-sort follows the keyboard.
      const ownerHeader = coordinator.getByRole("columnheader", { name: "Eigenaar" });
      expect(await ownerHeader.getAttribute("aria-sort")).toBe("none");
      await ownerHeader.getByRole("button").focus();
      await coordinator.keyboard.press("Enter");
      await expect.poll(() => ownerHeader.getAttribute("aria-sort")).toBe("ascending");
      await coordinator.keyboard.press("Enter");
      await expect.poll(() => ownerHeader.getAttribute("aria-sort")).toBe("descending");

      await row.getByRole("link", { name: lateTitle }).click();
      await coordinator.waitForURL("**/acties/*");
      await coordinator.getByRole("heading", { level: 1, name: lateTitle }).waitFor();
      await coordinator.getByLabel("Reden van escalatie").fill("Al twee weken geen bevestiging van de GGZ.");
      // Raised by the procesregisseur, it goes to the level above her: management.
      await coordinator.getByRole("button", { name: "Escaleren naar Management" }).click();
      await coordinator.getByText("Al twee weken geen bevestiging van de GGZ.").waitFor();
      await coordinator.getByRole("button", { name: "Escaleren naar Bestuurlijk overleg" }).waitFor();
      expect(await coordinator.getByText("Geëscaleerd: Management").count()).toBeGreaterThan(0);
      // Said, and the keyboard is on the new escalation, not on the button that now goes a level higher.
      await coordinator.getByRole("status").filter({ hasText: "Geëscaleerd naar Management." }).waitFor();
      await expect
        .poll(() => coordinator.evaluate(() => document.activeElement?.textContent ?? ""))
        .toContain("Al twee weken geen bevestiging van de GGZ.");
      expect(await coordinator.getByRole("button", { name: "Escaleren naar Management" }).count()).toBe(0);
      await screenshot(coordinator, "followup-action-escalated");
      expect(await seriousViolations(coordinator)).toEqual([]);

      // Back in the overview the filter and the sort are as she left them, after a reload too.
      await coordinator.getByRole("link", { name: "Terug naar het overzicht" }).click();
      for (const reload of [false, true]) {
        if (reload) await coordinator.reload();
        await coordinator.waitForURL("**/overzicht?*");
        const search = new URL(coordinator.url()).searchParams;
        expect([search.get("telaat"), search.get("sorteer"), search.get("richting")]).toEqual([
          "ja",
          "owner",
          "af",
        ]);
        await coordinator
          .getByRole("status")
          .filter({ hasText: /^1 actiepunt$/ })
          .waitFor();
        expect(await coordinator.getByLabel("Alleen te late acties").isChecked()).toBe(true);
        expect(await ownerHeader.getAttribute("aria-sort")).toBe("descending");
      }
    });

    const owner = await pageFor("wijkteam");
    await withScreenshots([owner], "followup-owner", async () => {
      const myActions = owner
        .getByRole("navigation", { name: "Hoofdmenu" })
        .getByRole("link", { name: /Mijn acties/ });
      await expect.poll(() => myActions.textContent()).toContain("1 herinnering");
      expect(await myActions.textContent()).not.toContain("herinneringen");
      await myActions.click();
      await owner.waitForURL("**/acties");
      const reminders = owner.getByRole("region", { name: "Herinneringen" });
      await reminders.getByRole("link", { name: lateTitle }).waitFor();
      await reminders.getByText("1 actie verloopt binnen 3 dagen of is te laat.", { exact: true }).waitFor();
      expect(await reminders.getByText("Geëscaleerd: Management").count()).toBe(1);
      await screenshot(owner, "followup-my-actions");
      expect(await seriousViolations(owner)).toEqual([]);

      // A note (and, the action being late, its reason) without a new status, by keyboard: the card
      // stays, with its message and the keyboard on its button, which says the reason goes too.
      const card = owner.getByRole("article", { name: lateTitle });
      const focusedText = () => owner.evaluate(() => document.activeElement?.textContent ?? "");
      await card.getByLabel("Notitie (optioneel)").fill("Gebeld met de huisarts.");
      await card.getByRole("button", { name: "Notitie en reden opslaan" }).focus();
      await owner.keyboard.press("Enter");
      await card.getByRole("status").getByText("Opgeslagen.").waitFor();
      await owner.waitForTimeout(500); // the list reloads after saving
      expect(await focusedText()).toBe("Notitie en reden opslaan");
      expect(await card.getByRole("status").textContent()).toBe("Opgeslagen.");

      // One key press with a note: done. The card leaves the list; a line says so and has the keyboard.
      // The reminder and the badge go away.
      await card.getByLabel("Notitie (optioneel)").fill("Aanmelding is bevestigd, intake volgende week.");
      await card.getByRole("button", { name: "Markeer als gereed" }).focus();
      await owner.keyboard.press("Enter");
      await expect.poll(focusedText).toBe(`„${lateTitle}” is opgeslagen en staat niet meer in deze lijst.`);
      await reminders.getByText("Geen acties die binnen 3 dagen verlopen of te laat zijn.").waitFor();
      await expect.poll(() => myActions.textContent()).toBe("Mijn acties");
    });

    await withScreenshots([coordinator], "followup-escalations", async () => {
      await coordinator
        .getByRole("navigation", { name: "Hoofdmenu" })
        .getByRole("link", { name: "Escalaties" })
        .click();
      await coordinator.waitForURL("**/escalaties");
      const item = coordinator.getByRole("article", { name: /Management/ });
      await item.getByLabel("Uitkomst").fill("Eigenaar heeft de aanmelding bevestigd.");
      await screenshot(coordinator, "followup-escalations");
      expect(await seriousViolations(coordinator)).toEqual([]);
      await item.getByRole("button", { name: "Afsluiten met uitkomst" }).click();
      await coordinator.getByText("Geen open escalaties.").waitFor();

      // A whole case can be escalated too, from the same page.
      await coordinator
        .getByLabel("Casus", { exact: true })
        .selectOption({ label: "MDA-DEMO-001 — Huishouden Berkel-Yilmaz" });
      await coordinator
        .getByLabel("Reden van escalatie")
        .fill("Geen voortgang op de veiligheidsvoorwaarden.");
      await coordinator.getByRole("button", { name: "Casus opschalen naar Management" }).click();
      await coordinator.getByRole("status").filter({ hasText: "Geëscaleerd naar Management." }).waitFor();
      await coordinator
        .getByRole("article", { name: "Management — MDA-DEMO-001" })
        .getByText("De casus zelf")
        .waitFor();
      await screenshot(coordinator, "followup-case-escalated");
    });
  });

  it("lets the case director hand an action to another member with a new date; the new owner sees it", async () => {
    const title = "Begeleide omgang regelen via het omgangshuis";
    const api = await web.server.loginAs("wijkteam");
    const caseId = (await api.get("/api/cases")).json.cases[0].id;
    const action = (await api.get(`/api/cases/${caseId}/actions`)).json.actions.find(
      (a: { title: string }) => a.title === title,
    );
    const politie = await pageFor("politie");
    // A professional who does not own it sees the action but cannot hand it over,
    // and the page asks nothing for the members it would offer (no `GET /api/cases/` without an id).
    const caseRequests: string[] = [];
    politie.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/cases")) caseRequests.push(new URL(r.url()).pathname);
    });
    await politie.goto(`/acties/${action.id}`);
    await politie.getByRole("heading", { level: 1, name: title }).waitFor();
    await politie.waitForTimeout(300);
    expect(await politie.getByLabel("Eigenaar").count()).toBe(0);
    expect(caseRequests).toEqual([]);

    const director = await pageFor("wijkteam");
    await withScreenshots([director], "followup-reassign", async () => {
      await director.goto(`/acties/${action.id}`);
      await director.getByRole("heading", { level: 1, name: title }).waitFor();
      const ownerSelect = director.getByLabel("Eigenaar");
      await expect.poll(() => ownerSelect.inputValue()).toBe(action.owner.id);
      const options = await ownerSelect.locator("option").allTextContents();
      expect(options).toContain("Karin Mulder — Politie Oost-Nederland");
      expect(options.join()).not.toContain("Ingrid de Vries"); // the observer owns nothing
      await ownerSelect.selectOption({ label: "Karin Mulder — Politie Oost-Nederland" });
      // A date in the past is refused, and the page says why.
      await director.getByLabel("Termijn").fill("2020-01-15");
      await director.getByRole("button", { name: "Opslaan" }).click();
      await director.getByText("Deze datum ligt in het verleden. Kies vandaag of later.").waitFor();
      await director.getByLabel("Termijn").fill("2027-01-15");
      await director.getByLabel("Notitie").fill("Politie regelt de omgang via het omgangshuis.");
      await director.getByRole("button", { name: "Opslaan" }).click();
      await director.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
      const facts = director.locator(".ep-fu-facts");
      await facts.getByText("Karin Mulder (Politie Oost-Nederland)").waitFor();
      expect(await facts.textContent()).toContain("15 januari 2027");
      const history = director.getByRole("region", { name: "Geschiedenis" });
      expect(await history.textContent()).toContain("Politie regelt de omgang");
      expect(await history.textContent()).toContain("Eigenaar: Ellen Bakker → Karin Mulder");
      await screenshot(director, "followup-reassigned");
      expect(await seriousViolations(director)).toEqual([]);
    });

    await politie.goto("/acties");
    await politie.getByRole("article", { name: title }).waitFor();
  });

  it("shows the figures as accessible charts with tables and a CSV download", async () => {
    const coordinator = await pageFor("coordinator");
    await withScreenshots([coordinator], "followup-figures", async () => {
      await coordinator.goto("/cijfers");
      const chart = coordinator.getByRole("img", { name: /Casussen per fase/ });
      await chart.waitFor();
      // The page says which actions its action figures count (as server/queries/figures.ts does).
      await coordinator
        .getByText(
          /Een actiepunt telt mee als de termijn in de periode valt .*geannuleerde actiepunten tellen niet mee/,
        )
        .waitFor({ timeout: 5_000 });
      expect(await chart.getAttribute("aria-label")).toContain("Veiligheid 1");
      expect(
        await coordinator
          .getByRole("table", { name: /Casussen per fase/ })
          .getByRole("row")
          .count(),
      ).toBe(6);
      const csv = coordinator.getByRole("link", { name: "Download als CSV" });
      expect(await csv.getAttribute("href")).toMatch(/format=csv/);
      const res = await coordinator.request.get(`${web.server.url}${await csv.getAttribute("href")}`);
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain("casussen per fase;veiligheid;1");

      // The demo case's first conference is only planned: with the period over it, nothing is
      // counted yet (a planned conference may never take place).
      const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await coordinator.getByLabel("Tot en met").fill(inAMonth);
      await coordinator.getByRole("button", { name: "Toon cijfers" }).click();
      const median = coordinator.getByRole("region", {
        name: "Mediaan dagen van aanmelding tot eerste overleg",
      });
      await median
        .getByText(
          "Geen eerste overleg gehouden in deze periode; een gepland overleg telt mee zodra het is begonnen.",
        )
        .waitFor();
      // Once it has started, it counts: one case, in the singular.
      const chair = await connectAs(web.server, "voorzitter");
      try {
        const list = await (await web.server.loginAs("voorzitter")).get(
          `/api/cases/${web.caseId}/conferences`,
        );
        const conferenceId = list.json.conferences[0].id;
        expect((await emitAck(chair, "conference:join", { conferenceId })).ok).toBe(true);
        expect((await emitAck(chair, "conference:start", { conferenceId })).ok).toBe(true);
      } finally {
        chair.close();
      }
      await coordinator.getByRole("button", { name: "Toon cijfers" }).click();
      await median.getByText(/\(over 1 casus\)$/).waitFor();
      expect(await median.textContent()).toMatch(/\d+ dagen \(over 1 casus\)$/);
      await screenshot(coordinator, "followup-figures");
      expect(await seriousViolations(coordinator)).toEqual([]);
    });
  });

  it("lets the case director move the case to another phase and back after an incident", async () => {
    const director = await pageFor("wijkteam");
    await withScreenshots([director], "followup-phase", async () => {
      const caseId = (await (await web.server.loginAs("wijkteam")).get("/api/cases")).json.cases[0].id;
      await director.goto(`/casussen/${caseId}/fase`);
      await director.getByRole("cell", { name: "Aangemeld voor MDA++" }).waitFor();
      await director.getByLabel("Nieuwe fase").selectOption({ label: "Risicogestuurde zorg" });
      await director.getByLabel("Reden").fill("Acht weken geen incidenten.");
      await director.getByRole("button", { name: "Fase wijzigen" }).click();
      await director.getByRole("cell", { name: "Acht weken geen incidenten." }).waitFor();
      await director.getByText("Fase: Risicogestuurde zorg").waitFor();
      await director.getByLabel("Nieuw incident: terug naar veiligheid").check();
      await director.getByLabel("Reden").fill("Nieuwe politiemelding.");
      await director.getByRole("button", { name: "Fase wijzigen" }).click();
      await director.getByRole("cell", { name: "Nieuwe politiemelding." }).waitFor();
      await director.getByText("Fase: Veiligheid").waitFor();
      expect(
        await director
          .getByRole("row")
          .filter({ hasText: "Nieuwe politiemelding." })
          .getByText("Incident")
          .count(),
      ).toBe(1);
      await screenshot(director, "followup-phase");
      expect(await seriousViolations(director)).toEqual([]);
    });
    // Someone else on the case sees the history but no form.
    const politie = await pageFor("politie");
    const caseId = (await (await web.server.loginAs("politie")).get("/api/cases")).json.cases[0].id;
    await politie.goto(`/casussen/${caseId}/fase`);
    await politie.getByRole("cell", { name: "Nieuwe politiemelding." }).waitFor();
    expect(await politie.getByRole("button", { name: "Fase wijzigen" }).count()).toBe(0);
  });

  it("shows the coordinator actions past the first 200 with 'Meer tonen', from the keyboard", async () => {
    // 250 more actions in the region, in one insert: with the demo's, more than two pages' worth.
    const db = web.server.deps.database.db;
    const caseId = await addCase(db, { reference: "MDA-PAGING-001", registeredAt: new Date("2026-05-01") });
    const politie = await demoUser(db, "politie");
    await db.insert(actionItems).values(
      Array.from({ length: 250 }, (_, i) => ({
        caseId,
        title: `Vervolgactie ${String(i + 1).padStart(3, "0")}`,
        ownerUserId: politie.id,
        ownerOrganisationId: politie.organisationId,
        dueDate: `2027-06-${String((i % 28) + 1).padStart(2, "0")}`,
        createdBy: politie.id,
      })),
    );
    const total = (await (await web.server.loginAs("coordinator")).get("/api/actions?limit=1")).json.total;
    expect(total).toBeGreaterThan(250);

    const coordinator = await pageFor("coordinator");
    await withScreenshots([coordinator], "followup-paging", async () => {
      await coordinator.goto("/overzicht");
      const status = coordinator.getByRole("status");
      await status.filter({ hasText: `${total} actiepunten, 1–200 getoond` }).waitFor();
      const rows = coordinator.getByRole("table", { name: "Actiepunten, te late eerst" }).locator("tbody tr");
      expect(await rows.count()).toBe(200);
      await coordinator.getByText(`1–200 van ${total} getoond`).waitFor();
      const more = coordinator.getByRole("button", { name: "Meer tonen" });
      await more.scrollIntoViewIfNeeded();
      await screenshot(coordinator, "followup-overview-more");
      expect(await seriousViolations(coordinator)).toEqual([]);

      // Enter on the button appends the rest; the keyboard continues at the first new row.
      await more.focus();
      await coordinator.keyboard.press("Enter");
      await status.filter({ hasText: `${total} actiepunten, 1–${total} getoond` }).waitFor();
      expect(await rows.count()).toBe(total);
      const firstNew = rows.nth(200).getByRole("link");
      await expect.poll(() => isFocused(firstNew)).toBe(true);
      await screenshot(coordinator, "followup-overview-more-loaded");
      expect(await more.count()).toBe(0);
      expect(await coordinator.getByText(/van \d+ getoond/).count()).toBe(0);
      const titles = await rows.locator("td:first-child").allTextContents();
      expect(new Set(titles.filter((t) => t.startsWith("Vervolgactie"))).size).toBe(250);

      // Another filter starts again at the first page, without the rows appended before.
      await coordinator.getByLabel("Casus", { exact: true }).selectOption({ label: "MDA-PAGING-001" });
      await status.filter({ hasText: "250 actiepunten, 1–200 getoond" }).waitFor();
      expect(await rows.count()).toBe(200);
      await coordinator.getByText("1–200 van 250 getoond").waitFor();
      // And so does going back to the same filters as before.
      await coordinator.getByRole("button", { name: "Filters wissen" }).click();
      await status.filter({ hasText: `${total} actiepunten, 1–200 getoond` }).waitFor();
      expect(await rows.count()).toBe(200);
      await more.waitFor();

      // An action opened from here keeps "Actieoverzicht" marked in the menu, not "Mijn acties".
      const menu = coordinator.getByRole("navigation", { name: "Hoofdmenu" });
      const marked = () => menu.locator("a.active").allTextContents();
      expect(await marked()).toEqual(["Actieoverzicht"]);
      await rows.first().getByRole("link").focus();
      await coordinator.keyboard.press("Enter");
      await coordinator.waitForURL(/\/acties\/[0-9a-f-]+$/);
      await coordinator.getByRole("heading", { level: 1 }).waitFor();
      expect(await marked()).toEqual(["Actieoverzicht"]);
      // Opened by its own link (from a mail, a bookmark) it belongs to "Mijn acties".
      const actionUrl = coordinator.url();
      await coordinator.goto("/casussen");
      await coordinator.goto(actionUrl);
      await coordinator.getByRole("heading", { level: 1 }).waitFor();
      await expect.poll(() => marked()).toEqual([expect.stringMatching(/^Mijn acties/)]);
    });
  });
});
