import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { conferences, decisions } from "../../db/schema";
import { createPlanVersion } from "../../server/commands/plan-version";
import { sectionDocName } from "../../shared/plan";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import {
  caretToEnd,
  isFocused,
  loginViaUi,
  newContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";
import { appendParagraph, openSection, roundTrip } from "../helpers/yjs";

const web = useWebServer();

describe.runIf(web.run)("the version history of the plan", () => {
  it("lists an adopted version, reads it back and shows what changed since", async () => {
    const client = await web.server.loginAs("wijkteam");
    const caseId = (await client.get("/api/cases")).json.cases[0].id as string;
    const me = (await client.get("/api/me")).json as { id: string };
    // Adoption itself is the conference's work; here the version is stored by the same command it calls.
    const version = await createPlanVersion(
      web.server.deps.database.db,
      caseId,
      { createdBy: me.id },
      new Date(),
    );

    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "wijkteam");
    await withScreenshots([page], "plan-versions", async () => {
      // A line added to the plan after the version was adopted.
      await page.goto(`/casussen/${caseId}?sectie=goals`);
      await page
        .getByRole("status")
        .filter({ hasText: /^Verbonden$/ })
        .waitFor();
      const text = page.getByRole("textbox", { name: "Doelen van het gezin" });
      await expect.poll(() => text.textContent()).toContain("weer kan werken");
      await text.click();
      await caretToEnd(page);
      await page.keyboard.press("Enter");
      await page.keyboard.type("Moeder wil binnen een jaar een eigen woning.");
      await expect
        .poll(async () => {
          const plan = await client.get(`/api/cases/${caseId}/plan`);
          return plan.json.sections.find((s: { key: string }) => s.key === "goals").text as string;
        })
        .toContain("eigen woning");
      // And a point added to a list (Directe veiligheid is one), by another member's editor.
      const safety = await openSection(web.server.url, client.cookie, `case:${caseId}:immediate_safety`);
      const list = safety.doc
        .getXmlFragment("prosemirror")
        .toArray()
        .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "bulletList");
      const item = new Y.XmlElement("listItem");
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("School belt oma bij afwezigheid.")]);
      item.insert(0, [paragraph]);
      list?.insert(list.length, [item]);
      await expect
        .poll(async () => {
          const plan = await client.get(`/api/cases/${caseId}/plan`);
          return plan.json.sections.find((s: { key: string }) => s.key === "immediate_safety").text as string;
        })
        .toContain("School belt oma");
      safety.destroy();

      await page
        .getByRole("navigation", { name: "Onderdelen van de casus" })
        .getByRole("link", { name: "Versies" })
        .click();
      await page.getByRole("heading", { name: "Versies van het veiligheidsplan" }).waitFor();
      const row = page.getByRole("row", { name: new RegExp(`Versie ${version.number}`) });
      expect(await row.getByRole("cell", { name: "Joris Smit" }).count()).toBe(1);
      await screenshot(page, "plan-versions-list");
      expect(await seriousViolations(page)).toEqual([]);

      // Read the version: the text as it was, without the later line.
      await row.getByRole("link", { name: /^Lezen/ }).click();
      await page.getByRole("heading", { name: `Versie ${version.number}`, level: 2 }).waitFor();
      const goals = page.locator("section", {
        has: page.getByRole("heading", { name: "Doelen van het gezin" }),
      });
      expect(await goals.textContent()).toContain("weer kan werken");
      expect(await goals.textContent()).not.toContain("eigen woning");

      // List items read as a list, not as "- " typed in front of each line.
      const household = page.locator("section", {
        has: page.getByRole("heading", { name: "Gezin en netwerk" }),
      });
      const items = household.getByRole("list").getByRole("listitem");
      expect(await items.allTextContents()).toEqual([
        "Moeder Sanne (34)",
        "Vader Erkan (37), sinds twee maanden uit huis",
        "Noor (9) en Daan (6)",
      ]);
      expect(await household.textContent()).not.toContain("- ");
      await household.getByText(/^Oma van moederskant woont in dezelfde wijk/).waitFor();
      await screenshot(page, "plan-versions-read");
      expect(await seriousViolations(page)).toEqual([]);

      // Compare with now: the later line is marked as added, in words.
      await page.getByRole("link", { name: "Terug naar alle versies" }).click();
      await row.getByRole("link", { name: /^Vergelijk met nu/ }).click();
      await page
        .getByRole("heading", { name: `Versie ${version.number} vergeleken met het huidige plan` })
        .waitFor();
      const added = page.locator(".ep-plan-diff__line--added");
      await added.first().waitFor();
      expect(await added.first().textContent()).toBe(
        "+ toegevoegd Moeder wil binnen een jaar een eigen woning.",
      );
      // Points of a list show as points: a "- " before them read like the "− verwijderd" marker.
      const safetyDiff = page.locator("section", {
        has: page.getByRole("heading", { name: "Directe veiligheid" }),
      });
      const lines = await safetyDiff.locator(".ep-plan-diff__line").allTextContents();
      expect(lines).toContain("• Moeder heeft een AWARE-alarm (politie regelt, deze week).");
      expect(lines).toContain("+ toegevoegd • School belt oma bij afwezigheid.");
      expect(lines.filter((l) => /(^|\s)- /.test(l))).toEqual([]);
      await screenshot(page, "plan-versions-diff");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  it("compares two adopted versions, chosen with the keyboard, without what was typed since", async () => {
    const client = await web.server.loginAs("wijkteam");
    const caseId = (await client.get("/api/cases")).json.cases[0].id as string;
    const me = (await client.get("/api/me")).json as { id: string };
    const db = web.server.deps.database.db;
    const addToGoals = async (text: string) => {
      const editor = await openSection(web.server.url, client.cookie, sectionDocName(caseId, "goals"));
      appendParagraph(editor.doc, text);
      await roundTrip(editor);
      editor.destroy();
    };
    // Two versions, as two conferences adopt them, with a change between them and one after.
    const older = await createPlanVersion(db, caseId, { createdBy: me.id }, new Date("2026-11-17T10:00:00Z"));
    await addToGoals("Vader volgt een training agressieregulatie.");
    const newer = await createPlanVersion(db, caseId, { createdBy: me.id }, new Date("2026-11-24T10:00:00Z"));
    await addToGoals("Na het laatste overleg getypt.");

    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "wijkteam");
    await withScreenshots([page], "plan-versions-two", async () => {
      await page.goto(`/casussen/${caseId}/versies`);
      const row = page.getByRole("row", { name: new RegExp(`^Versie ${newer.number} `) });
      // From the newer version's row to its comparison with the version before, by the keyboard.
      const link = row.getByRole("link", { name: /^Vergelijk met vorige versie/ });
      expect(await link.getAttribute("href")).toBe(
        `/casussen/${caseId}/versies?versie=${older.number}&vergelijk=${newer.number}`,
      );
      await link.focus();
      await page.keyboard.press("Enter");
      const heading = page.getByRole("heading", {
        level: 2,
        name: `Verschil tussen versie ${older.number} van 17 november 2026 en versie ${newer.number} van 24 november 2026`,
      });
      await heading.waitFor();
      expect(new URL(page.url()).search).toBe(`?versie=${older.number}&vergelijk=${newer.number}`);
      // The keyboard is on the heading of what is shown, not fallen to the top of the page.
      await expect.poll(() => isFocused(heading)).toBe(true);
      await page
        .getByText(
          `Regels met “+ toegevoegd” staan in versie ${newer.number} en niet in versie ${older.number}`,
        )
        .waitFor();
      const goals = page.locator("section", {
        has: page.getByRole("heading", { name: "Doelen van het gezin" }),
      });
      await goals.locator(".ep-plan-diff__line--added").first().waitFor();
      expect(await goals.locator(".ep-plan-diff__line--added").allTextContents()).toEqual([
        "+ toegevoegd Vader volgt een training agressieregulatie.",
      ]);
      // The one section that changed is the first, and only, heading under the comparison's; the
      // others are named in one line after it, every one of them, in the plan's order.
      const main = page.getByRole("main");
      expect(await main.getByRole("heading", { level: 3 }).allTextContents()).toEqual([
        "Doelen van het gezin",
      ]);
      expect(await main.getByText("Geen verschillen.", { exact: true }).count()).toBe(0);
      const readable = (await client.get(`/api/cases/${caseId}/plan`)).json.sections as {
        key: string;
        title: string;
      }[];
      const others = readable.filter((s) => s.key !== "goals").map((s) => s.title);
      expect(others.length).toBeGreaterThan(9);
      expect(await main.getByText(/^Geen verschillen in: /).textContent()).toBe(
        `Geen verschillen in: ${others.join(", ")}.`,
      );
      expect(await page.locator("main").textContent()).not.toContain("Na het laatste overleg getypt.");
      await screenshot(page, "plan-versions-two");
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 320, height: 800 });
      await screenshot(page, "plan-versions-two-320");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.setViewportSize({ width: 1280, height: 900 });
      // The address alone, sent on or opened later, shows the same comparison.
      await page.reload();
      await heading.waitFor();

      // Back to the list, and any two versions chosen in the form: the oldest and the newest.
      await page.getByRole("link", { name: "Terug naar alle versies" }).focus();
      await page.keyboard.press("Enter");
      const listHeading = page.getByRole("heading", { level: 2, name: "Versies van het veiligheidsplan" });
      await listHeading.waitFor();
      await expect.poll(() => isFocused(listHeading)).toBe(true);
      const form = page.getByRole("form", { name: "Twee versies vergelijken" });
      expect(await form.getByLabel("Nieuwere versie").inputValue()).toBe(String(newer.number));
      // Each choice gives the time of adoption, as the table does (11:00 in Amsterdam).
      const choices = await form.getByLabel("Nieuwere versie").locator("option").allTextContents();
      expect(choices).toContain(`Versie ${newer.number} (24 nov 2026, 11:00)`);
      expect(choices).toContain(`Versie ${older.number} (17 nov 2026, 11:00)`);
      // The same version twice is not a comparison: the form says so where the keyboard is.
      await form.getByLabel("Oudere versie").focus();
      await page.keyboard.press("Home");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await form.getByText("Kies twee verschillende versies.").waitFor();
      expect(await isFocused(form.getByLabel("Nieuwere versie"))).toBe(true);
      expect(new URL(page.url()).search).toBe("");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("End");
      expect(await form.getByLabel("Oudere versie").inputValue()).toBe("1");
      await screenshot(page, "plan-versions-pick");
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 320, height: 800 });
      await screenshot(page, "plan-versions-pick-320");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await isFocused(form.getByRole("button", { name: "Vergelijken" }))).toBe(true);
      await page.keyboard.press("Enter");
      const chosen = page.getByRole("heading", {
        level: 2,
        name: new RegExp(
          `^Verschil tussen versie 1 van \\d+ \\w+ \\d{4} en versie ${newer.number} van 24 november 2026$`,
        ),
      });
      await chosen.waitFor();
      expect(new URL(page.url()).search).toBe(`?versie=1&vergelijk=${newer.number}`);
      await expect.poll(() => isFocused(chosen)).toBe(true);
    });
  });

  it("links a version to the minutes of its conference, and tells two versions of one day apart", async () => {
    const client = await web.server.loginAs("wijkteam");
    const caseId = (await client.get("/api/cases")).json.cases[0].id as string;
    const db = web.server.deps.database.db;
    const chair = (await demoUser(db, "voorzitter")).id;
    // One conference adopts two decisions, a quarter of an hour apart; the plan did not change between.
    const [conference] = await db
      .insert(conferences)
      .values({
        caseId,
        scheduledAt: new Date("2026-11-24T10:00:00Z"),
        status: "ended",
        startedAt: new Date("2026-11-24T10:00:00Z"),
        endedAt: new Date("2026-11-24T10:45:00Z"),
        createdBy: chair,
      })
      .returning({ id: conferences.id });
    const adopt = async (text: string, at: string) => {
      const version = await createPlanVersion(
        db,
        caseId,
        { conferenceId: conference.id, createdBy: chair },
        new Date(at),
      );
      await db.insert(decisions).values({
        caseId,
        conferenceId: conference.id,
        text,
        status: "adopted",
        proposedBy: chair,
        adoptedBy: chair,
        adoptedAt: new Date(at),
        planVersionId: version.id,
      });
      return version;
    };
    const first = await adopt("Oma haalt de kinderen op dinsdag en donderdag.", "2026-11-24T10:05:00Z");
    const second = await adopt("Vader meldt zich bij het Leger des Heils.", "2026-11-24T10:20:00Z");

    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "wijkteam");
    await withScreenshots([page], "plan-versions-conference", async () => {
      await page.goto(`/casussen/${caseId}/versies`);
      const listHeading = page.getByRole("heading", { level: 2, name: "Versies van het veiligheidsplan" });
      await listHeading.waitFor();
      // The two versions of one morning, told apart by their time in the form.
      const form = page.getByRole("form", { name: "Twee versies vergelijken" });
      expect(await form.getByLabel("Oudere versie").locator("option:checked").textContent()).toBe(
        `Versie ${first.number} (24 nov 2026, 11:05)`,
      );
      expect(await form.getByLabel("Nieuwere versie").locator("option:checked").textContent()).toBe(
        `Versie ${second.number} (24 nov 2026, 11:20)`,
      );
      await screenshot(page, "plan-versions-conference");
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 320, height: 800 });
      await screenshot(page, "plan-versions-conference-320");
      // At phone width the chosen version, with its time, is still read whole in the closed select.
      for (const label of ["Oudere versie", "Nieuwere versie"]) {
        const room = await form.getByLabel(label).evaluate((el) => {
          const select = el as HTMLSelectElement;
          const style = getComputedStyle(select);
          const measure = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
          measure.font = style.font;
          const text = select.selectedOptions[0]?.textContent ?? "";
          const inner = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return inner - measure.measureText(text).width;
        });
        expect(room).toBeGreaterThanOrEqual(0);
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      // Compared, by the keyboard: nothing changed, and one line says so.
      await form.getByRole("button", { name: "Vergelijken" }).focus();
      await page.keyboard.press("Enter");
      const heading = page.getByRole("heading", {
        level: 2,
        name: `Verschil tussen versie ${first.number} van 24 november 2026 en versie ${second.number} van 24 november 2026`,
      });
      await heading.waitFor();
      await expect.poll(() => isFocused(heading)).toBe(true);
      const main = page.getByRole("main");
      await main.getByText("Geen verschillen in de onderdelen van het plan die u mag lezen.").waitFor();
      expect(await main.getByRole("heading", { level: 3 }).count()).toBe(0);
      expect(await main.getByText(/^Geen verschillen/).count()).toBe(1);
      await screenshot(page, "plan-versions-unchanged");
      expect(await seriousViolations(page)).toEqual([]);

      // From the version's row to the minutes of the conference that adopted it, by the keyboard.
      await page.getByRole("link", { name: "Terug naar alle versies" }).focus();
      await page.keyboard.press("Enter");
      await listHeading.waitFor();
      await expect.poll(() => isFocused(listHeading)).toBe(true);
      const row = page.getByRole("row", { name: new RegExp(`^Versie ${second.number} `) });
      const minutes = row.getByRole("link", {
        name: `Verslag van het overleg waarin versie ${second.number} is vastgesteld`,
      });
      // Both versions of that morning lead to the same minutes.
      const earlier = page
        .getByRole("row", { name: new RegExp(`^Versie ${first.number} `) })
        .getByRole("link", { name: `Verslag van het overleg waarin versie ${first.number} is vastgesteld` });
      expect(await earlier.getAttribute("href")).toBe(`/casussen/${caseId}/verslagen/${conference.id}`);
      await minutes.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`**/casussen/${caseId}/verslagen/${conference.id}`);
      const minutesHeading = page.getByRole("heading", {
        level: 2,
        name: "Verslag casusoverleg 24 november 2026",
      });
      await minutesHeading.waitFor();
      await expect.poll(() => isFocused(minutesHeading)).toBe(true);
      // The decision that adopted the version is there, with the version's number beside it.
      const decision = page
        .getByRole("listitem")
        .filter({ hasText: "Vader meldt zich bij het Leger des Heils." });
      expect(await decision.textContent()).toContain(`Planversie ${second.number}`);
    });
  });
});
