import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { caseMembers } from "../../db/schema";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loggedInPageWithErrors, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

/** A logged-in page, and the script errors it throws. */
const pageFor = (key: string) => loggedInPageWithErrors(web.browser, web.server.url, key);

/** The text of the elements that describe a control (its hint, its problem). */
const description = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

describe.runIf(web.run)("emergency access (noodtoegang) for a procesregisseur who is not a member", () => {
  it("offers it on the plan, jumps to the form, and says on the plan that every read is flagged", async () => {
    // In the demo data Ingrid de Vries is an observer of the case: here she is not on it.
    const db = web.server.deps.database.db;
    const coordinator = await demoUser(db, "coordinator");
    await db
      .delete(caseMembers)
      .where(and(eq(caseMembers.caseId, web.caseId), eq(caseMembers.userId, coordinator.id)));

    const { page, errors } = await pageFor("coordinator");
    await withScreenshots([page], "break-glass", async () => {
      // Leden opened as such, to set the case up: the members and their forms first, the emergency
      // access after them (only the plan's link puts it first, below).
      await page.goto(`/casussen/${web.caseId}/leden`);
      const offer = page.getByRole("heading", { name: "Noodtoegang", level: 3 });
      await offer.waitFor();
      const order = await page.evaluate(() => {
        const headings = [...document.querySelectorAll("main h3")].map((h) => h.textContent);
        return { add: headings.indexOf("Lid toevoegen"), breakGlass: headings.indexOf("Noodtoegang") };
      });
      expect(order.add).toBeGreaterThanOrEqual(0);
      expect(order.breakGlass).toBeGreaterThan(order.add);

      await page.goto(`/casussen/${web.caseId}`);
      // The plan says why it shows nothing, and the way to emergency access.
      await page.getByText("Is er een noodsituatie?").waitFor();
      expect(await page.getByText("Er zijn geen onderdelen van het plan die u mag lezen.").count()).toBe(0);
      await screenshot(page, "break-glass-offer");
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("link", { name: "Noodtoegang vragen" }).click();

      // The link lands on the form, with the keyboard on its heading, and the field's hint says the minimum.
      await page.waitForURL(`**/casussen/${web.caseId}/leden#noodtoegang`);
      const heading = page.getByRole("heading", { name: "Noodtoegang", level: 3 });
      await heading.waitFor();
      await expect.poll(() => isFocused(heading)).toBe(true);
      const form = page.getByRole("form", { name: "Noodtoegang" });
      expect(await form.getAttribute("id")).toBe("noodtoegang");
      const intro = (await form.textContent()) ?? "";
      expect(intro).toContain("privacyfunctionaris");
      expect(intro).not.toContain("privacy officer");
      expect(await description(page, "#break-glass-reason")).toContain("Minstens 10 tekens");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("break-glass-reason");
      await screenshot(page, "break-glass-form");
      expect(await seriousViolations(page)).toEqual([]);

      await page.keyboard.type("Acuut gevaar gemeld door de politie, voorzitter onbereikbaar.");
      await form.getByRole("button", { name: "Noodtoegang vragen" }).click();
      // The form is gone: the keyboard goes to the notice, which says until when and leads to the plan.
      const granted = page.getByRole("status").filter({ hasText: /U heeft noodtoegang tot .*\d{2}:\d{2}/ });
      await granted.waitFor();
      await expect.poll(() => isFocused(granted)).toBe(true);
      await granted.getByRole("link", { name: "Naar het veiligheidsplan" }).click();

      // On the plan, where the reading happens, the same notice; no conference she is not part of.
      await page.waitForURL(`**/casussen/${web.caseId}`);
      await page
        .getByRole("status")
        .filter({ hasText: "Elke inzage wordt gemarkeerd vastgelegd." })
        .filter({ hasText: /tot .*\d{2}:\d{2}/ })
        .waitFor();
      await page
        .getByRole("status")
        .filter({ hasText: /^Verbonden$/ })
        .waitFor();
      const aside = page.getByRole("complementary", { name: "Overleg" });
      await aside.getByText("Het casusoverleg is alleen voor de leden van deze casus.").waitFor();
      // Give a refused join the time to show up, if it were asked for.
      await page.waitForTimeout(1000);
      expect(await page.getByText("Niet gelukt").count()).toBe(0);
      expect(await page.getByText("Dit mag u niet doen in deze casus.").count()).toBe(0);
      await screenshot(page, "break-glass-plan");
      expect(await seriousViolations(page)).toEqual([]);

      // After a reload too (the case says until when), and in English.
      await page.reload();
      await page
        .getByRole("status")
        .filter({
          hasText: /U heeft noodtoegang tot .*\d{2}:\d{2}\. Elke inzage wordt gemarkeerd vastgelegd\./,
        })
        .waitFor();
      await page.getByRole("button", { name: "English" }).click();
      await page
        .getByRole("status")
        .filter({
          hasText: /You have emergency access until .*\d{2}:\d{2}\. Every read is recorded and flagged\./,
        })
        .waitFor();
      await page.getByText("The case conference is for the members of this case only.").waitFor();
      await page.getByRole("button", { name: "Nederlands" }).click();
      expect(errors).toEqual([]);
    });
  });
});
