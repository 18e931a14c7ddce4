import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createPlanVersion } from "../../server/commands/plan-version";
import { sectionDocName } from "../../shared/plan";
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
});
