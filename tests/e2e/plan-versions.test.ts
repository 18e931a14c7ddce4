import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createPlanVersion } from "../../server/commands/plan-version";
import { seriousViolations } from "../helpers/axe";
import { caretToEnd, loginViaUi, newContext, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";
import { openSection } from "../helpers/yjs";

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
});
