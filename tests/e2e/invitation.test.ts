import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { demoCaseReference } from "../../db/seed/demo";
import { fixedClock } from "../../server/clock";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loginViaUi, newContext, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

// The server's clock stands still so the test decides when the next 30-second code step begins.
const clock = fixedClock(new Date());

const web = useWebServer({ clock });

/** The code an authenticator app would show now, from the secret as the page shows it. */
const codeFor = (secretText: string) =>
  generateHOTP(
    decodeBase32(secretText.replace(/\s+/g, "")),
    BigInt(Math.floor(clock.now().getTime() / 30_000)),
    6,
  );

describe.runIf(web.run)("an invited ervaringsdeskundige", () => {
  it("gets a link from the coordinator, sets a password, links an app, and sees the case", async () => {
    const coordinatorContext = await newContext(web.browser, web.server.url);
    const coordinator = await coordinatorContext.newPage();
    const guestContext = await newContext(web.browser, web.server.url);
    const guest = await guestContext.newPage();
    await withScreenshots([coordinator, guest], "invitation", async () => {
      await loginViaUi(coordinator, "coordinator");
      await coordinator.goto(`/casussen/${web.caseId}/leden`);
      await coordinator.getByRole("heading", { name: "Leden", level: 2 }).waitFor();
      expect(await coordinator.getByRole("cell", { name: "Petra Hoekstra", exact: true }).count()).toBe(1);
      // Police and justice information: the ervaringsdeskundige is not offered as a reader.
      const readers = coordinator.getByRole("group", { name: "Lezers van ‘Afgeschermde informatie’" });
      await readers.getByLabel(/Karin Mulder/).waitFor();
      expect(await readers.getByLabel(/Petra Hoekstra/).count()).toBe(0);
      await coordinator.getByLabel("Naam", { exact: true }).fill("Sanne de Boer");
      await coordinator.getByLabel("E-mailadres", { exact: true }).fill("sanne@example.nl");
      await coordinator.getByRole("button", { name: "Link maken" }).click();
      const linkBox = coordinator.getByLabel("Uitnodigingslink (wordt maar één keer getoond)");
      await linkBox.waitFor();
      const link = await linkBox.inputValue();
      expect(link).toMatch(/\/uitnodiging\/[a-z0-9]+\.[a-z0-9]+$/);
      await screenshot(coordinator, "members-invite-link");
      expect(await seriousViolations(coordinator)).toEqual([]);

      await guest.goto(link);
      await guest.getByRole("heading", { name: "Welkom bij Eén Plan" }).waitFor();
      await guest.getByText("Sanne de Boer").waitFor();
      await screenshot(guest, "invitation-page");
      expect(await seriousViolations(guest)).toEqual([]);
      await guest.getByLabel("Kies een wachtwoord").fill("kort");
      await guest.getByLabel("Herhaal het wachtwoord").fill("kort");
      await guest.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      // Said at the password itself, which gets the keyboard (not under the repeat, out of reach).
      const chosen = guest.getByLabel("Kies een wachtwoord");
      await expect.poll(() => chosen.getAttribute("aria-invalid")).toBe("true");
      expect(await isFocused(chosen)).toBe(true);
      const describedBy = ((await chosen.getAttribute("aria-describedby")) ?? "").split(" ");
      const described = await Promise.all(
        describedBy.filter(Boolean).map((id) => guest.locator(`[id="${id}"]`).textContent()),
      );
      expect(described.join(" ")).toContain("minstens 12 tekens");
      await guest.getByLabel("Kies een wachtwoord").fill("paarse-olifant-fietst");
      await guest.getByLabel("Herhaal het wachtwoord").fill("paarse-olifant-fietst");
      await guest.getByRole("button", { name: "Wachtwoord opslaan" }).click();

      await guest.waitForURL("**/inloggen/koppelen");
      await guest.getByRole("img", { name: /QR-code/ }).waitFor();
      const secret = (await guest.locator("code.ep-secret").textContent()) as string;
      expect(secret.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
      await screenshot(guest, "enrolment-page");
      expect(await seriousViolations(guest)).toEqual([]);
      await guest
        .getByLabel("Code van 6 cijfers")
        .fill(String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, "0"));
      await guest.getByRole("button", { name: "Koppelen en doorgaan" }).click();
      expect(await guest.getByRole("alert").textContent()).toContain("klopt niet");
      await guest.getByLabel("Code van 6 cijfers").fill(codeFor(secret));
      await guest.getByRole("button", { name: "Koppelen en doorgaan" }).click();
      await guest.waitForURL("**/casussen");
      await guest.getByRole("link", { name: demoCaseReference }).waitFor();
      expect(await guest.getByRole("cell", { name: "Ervaringsdeskundige" }).count()).toBe(1);

      // Logging in again from a link to the case: password, then a fresh code on the code page,
      // then the case the link named.
      await guest.getByRole("button", { name: "Uitloggen" }).click();
      await guest.waitForURL("**/inloggen");
      const caseAddress = `/casussen/${web.caseId}`;
      await guest.goto(caseAddress);
      await guest.waitForURL(
        (u) => u.pathname === "/inloggen" && u.searchParams.get("terug") === caseAddress,
      );
      await guest.getByLabel("E-mailadres").fill("sanne@example.nl");
      await guest.getByLabel("Wachtwoord").fill("paarse-olifant-fietst");
      await guest.getByRole("button", { name: "Inloggen" }).click();
      await guest.waitForURL(
        (u) => u.pathname === "/inloggen/code" && u.searchParams.get("terug") === caseAddress,
      );
      await screenshot(guest, "second-factor-page");
      expect(await seriousViolations(guest)).toEqual([]);
      clock.advance(30_000);
      await guest.getByLabel("Code van 6 cijfers").fill(codeFor(secret));
      await guest.getByRole("button", { name: "Bevestigen" }).click();
      await guest.waitForURL((u) => u.pathname === caseAddress);
      await guest.getByRole("heading", { level: 1, name: "Huishouden Berkel-Yilmaz" }).waitFor();

      // The link was single use.
      const again = await guestContext.newPage();
      await again.goto(link);
      await again.getByRole("alert").waitFor();
      expect(await again.getByRole("alert").textContent()).toContain("ongeldig, verlopen of al gebruikt");

      // The coordinator sees the new member and the used invitation.
      await coordinator.reload();
      await coordinator.getByRole("cell", { name: "Sanne de Boer", exact: true }).waitFor();
      await screenshot(coordinator, "members-after-invitation");
    });
    await coordinatorContext.close();
    await guestContext.close();
  });

  it("shows the coordinator the audit trail with filters, and the admin the administration", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await withScreenshots([page], "audit-admin", async () => {
      await loginViaUi(page, "coordinator");
      await page.goto(`/casussen/${web.caseId}/logboek`);
      await page.getByRole("heading", { name: "Logboek", level: 2 }).waitFor();
      await page.locator("table.ep-audit tbody tr").first().waitFor();
      await screenshot(page, "audit-trail");
      expect(await seriousViolations(page)).toEqual([]);
      // "Toepassen" sits under the break-glass checkbox, lined up at its left, on a laptop and a phone.
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const box = await page.locator("form .ep-checkbox").boundingBox();
        const apply = await page.getByRole("button", { name: "Toepassen" }).boundingBox();
        expect(apply?.x, `${width} px`).toBeCloseTo(box?.x ?? -1, 0);
        expect(apply?.y ?? 0, `${width} px`).toBeGreaterThanOrEqual((box?.y ?? 0) + (box?.height ?? 0));
        await screenshot(page, `audit-trail-filters-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByLabel("Handeling").selectOption("create");
      await page.getByRole("button", { name: "Toepassen" }).click();
      await page.waitForFunction(() =>
        [...document.querySelectorAll("table.ep-audit tbody tr")].every((r) =>
          r.textContent?.includes("Aangemaakt"),
        ),
      );
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download CSV" }).click();
      expect((await download).suggestedFilename()).toMatch(/^logboek-.*\.csv$/);

      // A new case: registered from the case list, then straight to its members.
      await page.goto("/casussen");
      await page.getByText("Nieuwe casus registreren").click();
      // Problems show at their fields, and the keyboard goes to the first.
      await page.getByRole("button", { name: "Casus aanmaken en leden toevoegen" }).click();
      const reference = page.getByLabel("Kenmerk");
      await expect.poll(() => reference.getAttribute("aria-invalid")).toBe("true");
      expect(await isFocused(reference)).toBe(true);
      expect(await page.getByLabel("Huishouden").getAttribute("aria-invalid")).toBe("true");
      await reference.fill(demoCaseReference);
      await page.getByLabel("Huishouden").fill("Huishouden V.");
      await page.getByRole("button", { name: "Casus aanmaken en leden toevoegen" }).click();
      await page.getByText("Er bestaat al een casus met dit kenmerk.").waitFor();
      expect(await page.getByLabel("Huishouden").getAttribute("aria-invalid")).toBeNull();
      await screenshot(page, "new-case-errors");
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel("Kenmerk").fill("MDA-2026-020");
      await page.getByLabel("Huishouden").fill("Huishouden V.");
      await page.getByLabel("Kinderen in het gezin").check();
      await page.getByRole("button", { name: "Casus aanmaken en leden toevoegen" }).click();
      await page.waitForURL("**/leden");
      await page.getByRole("heading", { name: "Huishouden V.", level: 1 }).waitFor();
      await page
        .getByLabel("Persoon")
        .selectOption({ label: "Marco Jansen (Zorg- en Veiligheidshuis IJsselland)" });
      await page.getByLabel("Rol in de casus").selectOption("chair");
      await page.getByRole("button", { name: "Toevoegen", exact: true }).click();
      await page.getByRole("cell", { name: "Marco Jansen", exact: true }).waitFor();
      await screenshot(page, "new-case-members");

      // Children in the household: no waiting list. The list marks it and says it waits for its
      // first conference; the demo case shows when its next one is.
      await page.getByRole("link", { name: "Casussen", exact: true }).click();
      const newRow = page.getByRole("row", { name: /MDA-2026-020/ });
      await newRow.getByText("Voorrang").waitFor();
      await newRow.getByText("Nog geen overleg gepland, vandaag aangemeld").waitFor();
      const demoRow = page.getByRole("row", { name: new RegExp(demoCaseReference) });
      expect(await demoRow.getByRole("cell").nth(4).textContent()).toMatch(/\d{4} om \d{2}:\d{2}/);
      await screenshot(page, "cases-priority");
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.waitForURL("**/inloggen");

      await loginViaUi(page, "admin");
      await page.getByRole("link", { name: "Beheer" }).click();
      await page.waitForURL("**/beheer");
      await page.getByRole("cell", { name: "Ellen Bakker", exact: true }).waitFor();
      await page.getByRole("button", { name: "Logboek controleren" }).click();
      await page.getByText("Het logboek is ongeschonden").waitFor();

      // The admin may read a case's Logboek without being on the case: named by its reference only,
      // filtered by anyone who appears in it (not only today's members).
      await page.goto(`/casussen/${web.caseId}/logboek`);
      await page.getByRole("heading", { name: demoCaseReference, level: 1 }).waitFor();
      expect(await page.getByText("Huishouden").count()).toBe(0);
      const person = page.getByLabel("Persoon");
      await expect.poll(() => person.locator("option").allTextContents()).toContain("Ingrid de Vries");
      await person.selectOption({ label: "Ingrid de Vries" });
      await page.getByRole("button", { name: "Toepassen" }).click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll("table.ep-audit tbody tr")];
        return rows.length > 0 && rows.every((r) => r.textContent?.includes("Ingrid de Vries"));
      });
      // The filter still says what it filters on after the page came back.
      expect(await person.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)).toBe(
        "Ingrid de Vries",
      );
      await screenshot(page, "audit-trail-admin");
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("link", { name: "Beheer" }).click();
      await page.waitForURL("**/beheer");
      await page.getByRole("cell", { name: "Ellen Bakker", exact: true }).waitFor();
      await screenshot(page, "admin-page");
      expect(await seriousViolations(page)).toEqual([]);
      // Accounts without a regional role are not all professionals: the ervaringsdeskundige is none.
      const roleOf = (name: string) =>
        page
          .getByRole("row", { name: new RegExp(`^${name}`) })
          .locator("td")
          .nth(3);
      expect(await roleOf("Petra Hoekstra").textContent()).toBe("Geen regiorol");
      expect(await roleOf("Ellen Bakker").textContent()).toBe("Geen regiorol");
      expect(await page.getByLabel("Rol in de regio").locator("option").allTextContents()).toEqual([
        "Geen regiorol",
        "Procesregisseur",
        "Beheerder",
      ]);

      // Blocking asks first, in the page: the question names the person and has the keyboard;
      // Escape cancels and gives it back to the row's button. The browser's own dialog never shows.
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
      const askBlock = page.getByRole("group", { name: /^Tom Visser blokkeren\?/ });
      await page.getByRole("button", { name: "Blokkeren: Tom Visser" }).click();
      await askBlock.waitFor();
      expect(await isFocused(askBlock)).toBe(true);
      await screenshot(page, "admin-confirm-block");
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await askBlock.waitFor({ state: "detached" });
      expect(await focusedLabel()).toBe("Blokkeren: Tom Visser");
      expect(await page.getByRole("row", { name: /^Tom Visser/ }).textContent()).toContain("Actief");
      await page.keyboard.press("Enter");
      await askBlock.getByRole("button", { name: "Ja, blokkeren" }).click();
      await page.getByRole("button", { name: "Deblokkeren: Tom Visser" }).waitFor();
      expect(dialogs).toEqual([]);

      // Tom moves to Veilig Thuis as the region's coordinator: changed with the keyboard only.
      await page.getByRole("button", { name: "Wijzigen: Tom Visser" }).focus();
      await page.keyboard.press("Enter");
      const editForm = page.getByRole("form", { name: "Account wijzigen: Tom Visser" });
      await editForm.waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("acc-edit-name");
      await page.keyboard.press("End");
      await page.keyboard.type("-de Boer");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("acc-edit-org");
      await editForm.getByLabel("Organisatie").selectOption({ label: "Veilig Thuis IJsselland" });
      await editForm.getByLabel("Rol in de regio").selectOption({ label: "Procesregisseur" });
      await screenshot(page, "admin-edit-account");
      expect(await seriousViolations(page)).toEqual([]);
      await editForm.getByLabel("Naam", { exact: true }).press("Enter");
      await page.getByText("Tom Visser-de Boer logt opnieuw in om de nieuwe rol te krijgen").waitFor();
      const tomRow = page.getByRole("row", { name: /Tom Visser-de Boer/ });
      await tomRow.getByRole("cell", { name: "Veilig Thuis IJsselland" }).waitFor();
      await tomRow.getByRole("cell", { name: "Procesregisseur" }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        "Wijzigen: Tom Visser-de Boer",
      );
      // Escape closes the form and gives the keyboard back to the row; the admin's own role is locked.
      await page.getByRole("button", { name: "Wijzigen: Sander Kok" }).click();
      expect(
        await page
          .getByRole("form", { name: "Account wijzigen: Sander Kok" })
          .getByLabel("Rol in de regio")
          .isDisabled(),
      ).toBe(true);
      await page.keyboard.press("Escape");
      await page.getByRole("form", { name: /Account wijzigen/ }).waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        "Wijzigen: Sander Kok",
      );

      // A new colleague: the admin creates the account and passes on the start password.
      const accountForm = page.locator("form", {
        has: page.getByRole("heading", { name: "Account aanmaken" }),
      });
      await accountForm.getByLabel("Naam", { exact: true }).fill("Bram Verhoef");
      await accountForm.getByLabel("E-mailadres").fill("bram@example.nl");
      await accountForm.getByRole("button", { name: "Account aanmaken" }).click();
      const startPassword = ((await page.locator("code.ep-secret").textContent()) as string).trim();
      expect(startPassword.length).toBeGreaterThanOrEqual(16);

      // The header's password link (not in the main navigation).
      await page.getByRole("banner").getByRole("link", { name: "Wachtwoord wijzigen" }).click();
      await page.waitForURL("**/wachtwoord");
      await page.getByLabel("Huidig wachtwoord").fill("demo-wachtwoord-2026");
      // The advice belongs to the new password (read out with it); a repeat that differs is said
      // at the repeat, where the keyboard goes.
      const chosen = page.getByLabel("Kies een wachtwoord");
      const hintId = (await chosen.getAttribute("aria-describedby")) as string;
      expect(await page.locator(`[id="${hintId}"]`).textContent()).toContain("Minstens 12 tekens");
      await chosen.fill("groene-reiger-op-de-dijk");
      const repeated = page.getByLabel("Herhaal het wachtwoord");
      await repeated.fill("groene-reiger-op-de-dyk");
      await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
      await page.getByText("De wachtwoorden zijn niet gelijk.").waitFor();
      expect(await repeated.getAttribute("aria-invalid")).toBe("true");
      expect(await isFocused(repeated)).toBe(true);
      await repeated.fill("groene-reiger-op-de-dijk");
      await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
      await page.getByText("Uw wachtwoord is gewijzigd").waitFor();
      expect(await page.getByText("De wachtwoorden zijn niet gelijk.").count()).toBe(0);
      await screenshot(page, "change-password");
      expect(await seriousViolations(page)).toEqual([]);

      // Bram signs in with the start password: second factor, then his own password, then the app.
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.waitForURL("**/inloggen");
      await page.getByLabel("E-mailadres").fill("bram@example.nl");
      await page.getByLabel("Wachtwoord").fill(startPassword);
      await page.getByRole("button", { name: "Inloggen" }).click();
      await page.waitForURL("**/inloggen/koppelen");
      const bramSecret = (await page.locator("code.ep-secret").textContent()) as string;
      await page.getByLabel("Code van 6 cijfers").fill(codeFor(bramSecret));
      await page.getByRole("button", { name: "Koppelen en doorgaan" }).click();
      await page.waitForURL("**/wachtwoord");
      await page.getByText("startwachtwoord dat iemand anders voor u koos").waitFor();
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).count()).toBe(0);
      await screenshot(page, "start-password");
      expect(await seriousViolations(page)).toEqual([]);
      // Any other page sends him back here until the password is his own.
      await page.goto("/casussen");
      await page.waitForURL("**/wachtwoord");
      await page.getByLabel("Huidig wachtwoord").fill(startPassword);
      await page.getByLabel("Kies een wachtwoord").fill("blauwe-fiets-langs-de-ijssel");
      await page.getByLabel("Herhaal het wachtwoord").fill("blauwe-fiets-langs-de-ijssel");
      await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
      await page.waitForURL("**/casussen");
      await page.getByRole("navigation", { name: "Hoofdmenu" }).waitFor();
      // The case list says the password took, where the keyboard is; a reload does not say it again.
      const said = page.getByRole("status").filter({ hasText: "Uw wachtwoord is gewijzigd." });
      await said.waitFor();
      await expect.poll(() => said.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Mijn casussen" }).waitFor();
      expect(await page.getByText("Uw wachtwoord is gewijzigd.").count()).toBe(0);
    });
    await context.close();
  });
});
