/**
 * The forms of the Leden page that set a case up: adding a member in a role the person may have
 * (the role follows the person chosen), and inviting an ervaringsdeskundige by link.
 */
import type { Locator, Page } from "playwright-core";
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

/** The coordinator's browser on the Leden page of a new case, registered over the API. */
async function newCaseMembers(reference: string): Promise<Page> {
  const api = await web.server.loginAs("coordinator");
  const created = await api.post("/api/cases", { reference, title: `Huishouden ${reference}` });
  expect(created.status).toBe(201);
  const context = browsers.keep(await loggedInContext(web.browser, web.server, "coordinator"));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = browsers.watch(await context.newPage(), "coordinator");
  await page.goto(`/casussen/${created.json.id}/leden`);
  await page.getByRole("heading", { name: "Lid toevoegen" }).waitFor();
  return page;
}

/** What a select shows: the text of its chosen option. */
const shown = (select: Locator) =>
  select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? "");
const options = (select: Locator) => select.locator("option").allTextContents();
/** The texts that describe a field (its `aria-describedby`). */
const description = async (page: Page, field: Locator) => {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(" ");
};

describe.runIf(web.run)("the member form", () => {
  it("starts each person at their own default role: an ervaringsdeskundige's role does not carry over to the next", async () => {
    const page = await newCaseMembers("MDA-FORM-001");
    await withScreenshots([page], "members-form-role", async () => {
      const person = page.getByLabel("Persoon");
      const role = page.getByLabel("Rol in de casus");
      await person.focus();
      await person.selectOption({ label: "Petra Hoekstra — ervaringsdeskundige" });
      expect(await options(role)).toEqual(["Ervaringsdeskundige"]);
      expect(await role.inputValue()).toBe("expertByExperience");

      // Another person: back to Professional, shown as what will be sent. An organisation's account
      // is not offered the ervaringsdeskundige's role at all.
      await person.selectOption({ label: "Karin Mulder (Politie Oost-Nederland)" });
      expect(await role.inputValue()).toBe("professional");
      expect(await shown(role)).toBe("Professional");
      expect(await options(role)).toEqual(["Voorzitter", "Casusregisseur", "Professional", "Toehoorder"]);

      // The procesregisseur herself, after the ervaringsdeskundige again.
      await person.selectOption({ label: "Petra Hoekstra — ervaringsdeskundige" });
      expect(await role.inputValue()).toBe("expertByExperience");
      await person.selectOption({ label: "Ingrid de Vries (Zorg- en Veiligheidshuis IJsselland)" });
      expect(await role.inputValue()).toBe("professional");
      expect(await shown(role)).toBe("Professional");
      expect(await options(role)).not.toContain("Ervaringsdeskundige");
      await screenshot(page, "members-form-role-follows-person");
      expect(await seriousViolations(page)).toEqual([]);

      // Added with the keyboard: Tab from the role to Toevoegen, Enter.
      await role.focus();
      await page.keyboard.press("Tab");
      const add = page.getByRole("button", { name: "Toevoegen", exact: true });
      expect(await isFocused(add)).toBe(true);
      await page.keyboard.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: "Ingrid de Vries is toegevoegd als professional." })
        .waitFor();
      const ingrid = page.locator("tbody tr", {
        has: page.getByRole("cell", { name: "Ingrid de Vries", exact: true }),
      });
      await expect.poll(() => ingrid.locator("td").nth(2).textContent()).toBe("Professional");
      expect(await page.locator(".ep-case-header__meta").textContent()).toContain("Mijn rol: Professional");

      // Her role form does not offer the ervaringsdeskundige's role either.
      await page.getByRole("button", { name: "Rol wijzigen van Ingrid de Vries" }).focus();
      await page.keyboard.press("Enter");
      const newRole = page.getByLabel("Nieuwe rol voor Ingrid de Vries");
      await expect.poll(() => isFocused(newRole)).toBe(true);
      expect(await options(newRole)).not.toContain("Ervaringsdeskundige");
      await page.keyboard.press("Escape");
    });
  });
});

describe.runIf(web.run)("the invitation form", () => {
  it("says at the e-mail field that the address has an account, and announces the link it made", async () => {
    const page = await newCaseMembers("MDA-FORM-002");
    await withScreenshots([page], "members-form-invite", async () => {
      const invite = page.getByRole("region", { name: "Ervaringsdeskundige uitnodigen" });
      const name = invite.getByLabel("Naam", { exact: true });
      const email = invite.getByLabel("E-mailadres", { exact: true });
      await name.focus();
      await page.keyboard.type("Petra Hoekstra");
      await page.keyboard.press("Tab");
      expect(await isFocused(email)).toBe(true);
      await page.keyboard.type("ervaringsdeskundige@demo.eenplan.nl");
      await page.keyboard.press("Enter");

      // The server's refusal is the e-mail field's problem: tied to it, and the keyboard is there.
      await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
      expect(await description(page, email)).toContain("Dit e-mailadres heeft al een account");
      await expect.poll(() => isFocused(email)).toBe(true);
      expect(await name.getAttribute("aria-invalid")).toBeNull();
      await screenshot(page, "members-invite-taken");
      expect(await seriousViolations(page)).toEqual([]);

      // Another address: the problem goes as soon as it is changed.
      await email.fill("");
      await expect.poll(() => email.getAttribute("aria-invalid")).toBeNull();
      await page.keyboard.type("sanne.deboer@example.nl");
      await name.fill("Sanne de Boer");
      await email.focus();
      await page.keyboard.press("Enter");

      // A status line says what was made, has the keyboard, and the link with its button follow it.
      const made = invite
        .getByRole("status")
        .filter({ hasText: "De uitnodigingslink voor Sanne de Boer is gemaakt." });
      await made.waitFor();
      await expect.poll(() => isFocused(made)).toBe(true);
      expect(await made.textContent()).toMatch(
        /Hij is geldig tot .*\d{4} om \d{2}:\d{2} en werkt één keer\./,
      );
      const linkBox = invite.getByLabel("Uitnodigingslink (wordt maar één keer getoond)");
      await page.keyboard.press("Tab");
      expect(await isFocused(linkBox)).toBe(true);
      const link = await linkBox.inputValue();
      expect(link).toMatch(/\/uitnodiging\/[a-z0-9]+\.[a-z0-9]+$/);
      await page.keyboard.press("Tab");
      const copy = invite.getByRole("button", { name: "Link kopiëren" });
      expect(await isFocused(copy)).toBe(true);
      await page.keyboard.press("Enter");
      await invite.getByRole("status").filter({ hasText: "Gekopieerd." }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      expect(await email.inputValue()).toBe("");
      await screenshot(page, "members-invite-made");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
