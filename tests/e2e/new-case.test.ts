/**
 * The procesregisseur registers a new case on the case list and lands on its Leden page, which
 * says the case was registered (and where a huisverbod's days go) where the keyboard is.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import {
  closeAfterEachTest,
  isFocused,
  loggedInContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const browsers = closeAfterEachTest();

async function coordinatorOn(path: string): Promise<Page> {
  const context = browsers.keep(await loggedInContext(web.browser, web.server, "coordinator"));
  const page = browsers.watch(await context.newPage(), "coordinator");
  await page.goto(path);
  return page;
}

/** Opens "Nieuwe casus registreren" with the keyboard: the summary, Enter. */
async function openNewCaseForm(page: Page) {
  const summary = page.locator("summary", { hasText: "Nieuwe casus registreren" });
  await summary.focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("Kenmerk").waitFor();
  return summary;
}

/** Fills the form with the keyboard and sends it with Enter on its button. */
async function register(page: Page, reference: string, household: string, categories: string[]) {
  await page.getByLabel("Kenmerk").focus();
  await page.keyboard.type(reference);
  await page.keyboard.press("Tab");
  await page.keyboard.type(household);
  for (const category of categories) {
    await page.getByLabel(category).focus();
    await page.keyboard.press("Space");
  }
  await page.getByRole("button", { name: "Casus aanmaken en leden toevoegen" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL("**/leden");
  await page.getByRole("heading", { level: 1, name: household }).waitFor();
}

describe.runIf(web.run)("registering a new case", () => {
  it("says on the Leden page, where the keyboard is, that the case was registered and where the huisverbod's days go", async () => {
    const page = await coordinatorOn("/casussen");
    await withScreenshots([page], "new-case-huisverbod", async () => {
      const summary = await openNewCaseForm(page);
      // The summary's focus ring (outline beyond its offset, or the shadow) stays clear of "Kenmerk".
      const ring = await summary.evaluate((el) => {
        const style = getComputedStyle(el);
        const spread = Number(/(-?\d+(?:\.\d+)?)px\s*(?:inset)?$/.exec(style.boxShadow)?.[1] ?? 0);
        return Math.max(
          Number.parseFloat(style.outlineWidth) + Number.parseFloat(style.outlineOffset),
          spread,
        );
      });
      expect(ring).toBeGreaterThan(0);
      const summaryBox = await summary.boundingBox();
      const labelBox = await page.locator("label", { hasText: "Kenmerk" }).boundingBox();
      const gap = (labelBox?.y ?? 0) - ((summaryBox?.y ?? 0) + (summaryBox?.height ?? 0));
      expect(gap).toBeGreaterThan(ring);
      await screenshot(page, "new-case-form-open");

      await register(page, "MDA-NC-001", "Huishouden Nieuw", ["Huisverbod"]);
      const said = page.getByRole("status").filter({ hasText: "Casus MDA-NC-001 is geregistreerd." });
      await said.waitFor();
      await expect.poll(() => isFocused(said)).toBe(true);
      expect(await said.textContent()).toBe(
        "Casus MDA-NC-001 is geregistreerd. Voeg hieronder de leden toe. Leg de dagen van het huisverbod vast onder Fase.",
      );
      // Right above the member form.
      expect(await said.evaluate((el) => el.nextElementSibling?.querySelector("h3")?.textContent ?? "")).toBe(
        "Lid toevoegen",
      );
      await screenshot(page, "new-case-registered");
      expect(await seriousViolations(page)).toEqual([]);

      // Tab reaches the link to Fase in the line; Enter opens the huisverbod there.
      await page.keyboard.press("Tab");
      const fase = said.getByRole("link", { name: "Fase" });
      expect(await isFocused(fase)).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL("**/fase");
      await page.getByRole("heading", { level: 2, name: "Huisverbod" }).waitFor();

      // Said once: back on Leden (history, then a reload) the line is not there again.
      await page.goBack();
      await page.getByRole("heading", { name: "Lid toevoegen" }).waitFor();
      expect(await page.getByText("is geregistreerd").count()).toBe(0);
      await page.reload();
      await page.getByRole("heading", { name: "Lid toevoegen" }).waitFor();
      expect(await page.getByText("is geregistreerd").count()).toBe(0);
    });
  });

  it("says nothing of a huisverbod for a case without one, and names the procesregisseur's place on the list", async () => {
    const page = await coordinatorOn("/casussen");
    await withScreenshots([page], "new-case-plain", async () => {
      await openNewCaseForm(page);
      await register(page, "MDA-NC-002", "Huishouden Zonder", ["Kinderen in het gezin"]);
      const said = page.getByRole("status").filter({ hasText: "Casus MDA-NC-002 is geregistreerd." });
      await expect.poll(() => isFocused(said)).toBe(true);
      expect(await said.textContent()).toBe(
        "Casus MDA-NC-002 is geregistreerd. Voeg hieronder de leden toe.",
      );
      expect(await said.getByRole("link").count()).toBe(0);

      // On the list she is no member of the new case: her column says so in plain words.
      await page.getByRole("link", { name: "Casussen", exact: true }).click();
      const row = page.getByRole("row", { name: /MDA-NC-002/ });
      await expect.poll(() => row.getByRole("cell").last().textContent()).toBe("Procesregisseur (geen lid)");
      await screenshot(page, "new-case-list-role");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
