import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import {
  caretToEnd,
  closeAfterEachTest,
  isFocused,
  loggedInContext,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const browsers = closeAfterEachTest();

/** A demo account's browser on a page of a case. */
async function open(key: string, path: string): Promise<Page> {
  const context = browsers.keep(await loggedInContext(web.browser, web.server, key));
  const page = browsers.watch(await context.newPage(), key);
  await page.goto(path);
  return page;
}

/** Marks the page, so a later check can tell it was not reloaded in between. */
const markLoaded = (page: Page) => page.evaluate(() => Object.assign(window, { epNotReloaded: true }));
const notReloaded = (page: Page) => page.evaluate(() => "epNotReloaded" in window);

const lead = (page: Page) => page.getByTestId("case-lead");
const row = (page: Page, name: string): Locator =>
  page.locator("tbody tr", { has: page.getByRole("cell", { name, exact: true }) });
const roleCell = (page: Page, name: string) => row(page, name).locator("td").nth(2);
const sectionLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Onderdelen van het veiligheidsplan" });

/** Opens a member's role form with the keyboard, as someone tabbing through the table would. */
async function openRoleForm(page: Page, name: string): Promise<Locator> {
  await page.getByRole("button", { name: `Rol wijzigen van ${name}` }).focus();
  await page.keyboard.press("Enter");
  const select = page.getByLabel(`Nieuwe rol voor ${name}`);
  await expect.poll(() => isFocused(select)).toBe(true);
  return select;
}

/** Saves the open role form with the keyboard: Tab from the select to "Opslaan", then Enter. */
async function saveWithKeyboard(page: Page): Promise<void> {
  await page.keyboard.press("Tab");
  expect(await isFocused(page.getByRole("button", { name: "Opslaan", exact: true }))).toBe(true);
  await page.keyboard.press("Enter");
}

describe.runIf(web.run)("roles on a case", () => {
  it("lets the coordinator hand the regie over with the keyboard; every open page shows the new case director", async () => {
    // Ellen Bakker (Veilig Thuis) has her plan open while the coordinator makes her case director.
    const ellen = await open("veiligthuis", `/casussen/${web.caseId}`);
    const coordinator = await open("coordinator", `/casussen/${web.caseId}/leden`);
    await withScreenshots([coordinator, ellen], "member-roles-handover", async () => {
      await expect
        .poll(() => lead(ellen).textContent())
        .toContain("Casusregisseur: Joris Smit (Wijkteam Zwolle-Zuid)");
      expect(await lead(ellen).textContent()).toContain("Voorzitter: Marco Jansen");
      await markLoaded(ellen);

      await roleCell(coordinator, "Joris Smit").filter({ hasText: "Casusregisseur" }).waitFor();
      const select = await openRoleForm(coordinator, "Ellen Bakker");
      expect(await select.inputValue()).toBe("professional");
      // Casusregisseur is the option above Professional; before saving the page says what else happens.
      await coordinator.keyboard.press("ArrowUp");
      expect(await select.inputValue()).toBe("caseDirector");
      await coordinator
        .getByRole("status")
        .filter({ hasText: "Joris Smit is nu casusregisseur en wordt professional." })
        .waitFor();
      await saveWithKeyboard(coordinator);

      const done = coordinator
        .getByRole("status")
        .filter({ hasText: "De regie is overgedragen aan Ellen Bakker; Joris Smit is nu professional." });
      await done.waitFor();
      // Her row has no button any more: the keyboard is on the message that says what happened.
      await expect.poll(() => isFocused(done)).toBe(true);
      await expect.poll(() => roleCell(coordinator, "Ellen Bakker").textContent()).toBe("Casusregisseur");
      await expect.poll(() => roleCell(coordinator, "Joris Smit").textContent()).toBe("Professional");
      await expect
        .poll(() => lead(coordinator).textContent())
        .toContain("Casusregisseur: Ellen Bakker (Veilig Thuis IJsselland)");
      expect(await coordinator.getByRole("button", { name: "Rol wijzigen van Ellen Bakker" }).count()).toBe(
        0,
      );
      await coordinator.getByRole("button", { name: "Rol wijzigen van Joris Smit" }).waitFor();
      expect(await seriousViolations(coordinator)).toEqual([]);

      // Ellen's plan follows without a reload (case:changed): the header and her own role.
      await expect
        .poll(() => lead(ellen).textContent(), { timeout: 10_000 })
        .toContain("Casusregisseur: Ellen Bakker (Veilig Thuis IJsselland)");
      await expect
        .poll(() => ellen.locator(".ep-case-header__meta").textContent())
        .toContain("Mijn rol: Casusregisseur");
      expect(await notReloaded(ellen)).toBe(true);
    });
  });

  it("offers no change or removal for the case director, and no second case director in the add form", async () => {
    // A new case with a chair and a professional, no case director yet.
    const db = web.server.deps.database.db;
    const coordinatorApi = await web.server.loginAs("coordinator");
    const created = await coordinatorApi.post("/api/cases", {
      reference: "MDA-ROLES-002",
      title: "Huishouden Rollen",
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    for (const [key, role] of [
      ["voorzitter", "chair"],
      ["politie", "professional"],
    ]) {
      const added = await coordinatorApi.post(`/api/cases/${id}/members`, {
        userId: (await demoUser(db, key)).id,
        role,
      });
      expect(added.status).toBe(201);
    }

    const page = await open("coordinator", `/casussen/${id}/leden`);
    await withScreenshots([page], "member-roles-director-row", async () => {
      await expect.poll(() => lead(page).textContent()).toContain("Nog geen casusregisseur");
      const addRole = page.getByLabel("Rol in de casus");
      expect(await addRole.locator("option").allTextContents()).toContain("Casusregisseur");

      // Adding Joris Smit as case director, with the keyboard.
      await page.getByLabel("Persoon").focus();
      await page.getByLabel("Persoon").selectOption({ label: "Joris Smit (Wijkteam Zwolle-Zuid)" });
      await addRole.selectOption("caseDirector");
      await page.getByRole("button", { name: "Toevoegen", exact: true }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => roleCell(page, "Joris Smit").textContent()).toBe("Casusregisseur");
      await expect
        .poll(() => lead(page).textContent())
        .toContain("Casusregisseur: Joris Smit (Wijkteam Zwolle-Zuid)");

      // His row: neither change nor removal, but how the regie passes on.
      const joris = row(page, "Joris Smit");
      expect(await joris.getByRole("button").count()).toBe(0);
      expect(await joris.textContent()).toContain(
        "De regie gaat over door een ander lid casusregisseur te maken.",
      );
      // The add form offers every role but a second case director.
      await expect.poll(() => addRole.locator("option").allTextContents()).not.toContain("Casusregisseur");
      expect(await addRole.locator("option").allTextContents()).toEqual([
        "Voorzitter",
        "Professional",
        "Ervaringsdeskundige",
        "Toehoorder",
      ]);

      // Opening a role form: the keyboard goes to its select; axe finds nothing serious; Escape closes it.
      const select = await openRoleForm(page, "Karin Mulder");
      await page.keyboard.press("ArrowUp");
      await page.getByText("Joris Smit is nu casusregisseur en wordt professional.").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      expect(await select.count()).toBe(0);
      const toggle = page.getByRole("button", { name: "Rol wijzigen van Karin Mulder" });
      expect(await isFocused(toggle)).toBe(true);
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await roleCell(page, "Karin Mulder").textContent()).toBe("Professional");

      // Removing asks first, in the page (never the browser's dialog): the question names her and
      // has the keyboard; Escape cancels and gives the keyboard back to her row's button.
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const remove = page.getByRole("button", { name: "Karin Mulder verwijderen uit de casus" });
      const ask = page.getByRole("group", { name: /^Karin Mulder verwijderen uit de casus\?/ });
      await remove.focus();
      await page.keyboard.press("Enter");
      await ask.waitFor();
      expect(await isFocused(ask)).toBe(true);
      // Not a fieldset: its focus ring is drawn along its border, which runs through the middle of
      // its legend, the question (the page's layout boxes do not show that, so the kind is checked).
      expect(await ask.evaluate((el) => el.tagName)).not.toBe("FIELDSET");
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await ask.waitFor({ state: "detached" });
      expect(await isFocused(remove)).toBe(true);
      await row(page, "Karin Mulder").waitFor();
      // Annuleren does the same.
      await page.keyboard.press("Enter");
      await ask.getByRole("button", { name: "Annuleren" }).click();
      await ask.waitFor({ state: "detached" });
      expect(await isFocused(remove)).toBe(true);
      // Confirmed: her row goes, and the keyboard is on the message that says so.
      await page.keyboard.press("Enter");
      await ask.getByRole("button", { name: "Ja, verwijderen" }).click();
      const removed = page
        .getByRole("status")
        .filter({ hasText: "Karin Mulder is uit de casus verwijderd." });
      await removed.waitFor();
      await expect.poll(() => isFocused(removed)).toBe(true);
      await row(page, "Karin Mulder").waitFor({ state: "detached" });
      expect(dialogs).toEqual([]);
    });
  });

  it("adds an ervaringsdeskundige as one only, and says who was added in which role", async () => {
    const coordinatorApi = await web.server.loginAs("coordinator");
    const created = await coordinatorApi.post("/api/cases", {
      reference: "MDA-ROLES-003",
      title: "Huishouden Drie",
    });
    expect(created.status).toBe(201);
    const page = await open("coordinator", `/casussen/${created.json.id}/leden`);
    await withScreenshots([page], "member-roles-expert", async () => {
      const person = page.getByLabel("Persoon");
      const addRole = page.getByLabel("Rol in de casus");
      // Someone else: every role, the first one professional.
      await person.selectOption({ label: "Karin Mulder (Politie Oost-Nederland)" });
      expect(await addRole.inputValue()).toBe("professional");
      expect(await addRole.locator("option").count()).toBeGreaterThan(1);
      // The demo's ervaringsdeskundige (one on the demo case): that role only, and why.
      await person.selectOption({ label: "Petra Hoekstra — ervaringsdeskundige" });
      expect(await addRole.locator("option").allTextContents()).toEqual(["Ervaringsdeskundige"]);
      expect(await addRole.inputValue()).toBe("expertByExperience");
      await page.getByText("zonder politie- en justitie-informatie").waitFor();
      const addButton = page.getByRole("button", { name: "Toevoegen", exact: true });
      await addButton.focus();
      await page.keyboard.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: "Petra Hoekstra is toegevoegd als ervaringsdeskundige." })
        .waitFor();
      await expect.poll(() => roleCell(page, "Petra Hoekstra").textContent()).toBe("Ervaringsdeskundige");
      expect(await isFocused(addButton)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  it("makes an observer's open plan editable without a reload once they are a professional", async () => {
    // The coordinator is observer on the demo case; the chair changes that.
    const coordinator = await open("coordinator", `/casussen/${web.caseId}?sectie=concerns`);
    const chair = await open("voorzitter", `/casussen/${web.caseId}/leden`);
    await withScreenshots([coordinator, chair], "member-roles-observer", async () => {
      const text = coordinator.getByRole("textbox", { name: "Grootste zorg" });
      await expect.poll(() => text.textContent()).toContain("politiemeldingen");
      expect(await text.getAttribute("aria-readonly")).toBe("true");
      expect(
        await sectionLinks(coordinator)
          .getByRole("link", { name: /Risicotaxatie/ })
          .count(),
      ).toBe(0);
      await markLoaded(coordinator);

      const select = await openRoleForm(chair, "Ingrid de Vries");
      expect(await select.inputValue()).toBe("observer");
      // Professional is the option above: an organisation's account is offered no ervaringsdeskundige.
      await chair.keyboard.press("ArrowUp");
      expect(await select.inputValue()).toBe("professional");
      await saveWithKeyboard(chair);
      await chair
        .getByRole("status")
        .filter({ hasText: "De rol van Ingrid de Vries is nu professional." })
        .waitFor();
      // Back on the row's button, which stays: she may be changed again.
      await expect
        .poll(() => isFocused(chair.getByRole("button", { name: "Rol wijzigen van Ingrid de Vries" })))
        .toBe(true);
      await expect.poll(() => roleCell(chair, "Ingrid de Vries").textContent()).toBe("Professional");

      // Her open plan: the text becomes editable, the professionals' section appears, and she is told.
      await expect.poll(() => text.getAttribute("aria-readonly"), { timeout: 10_000 }).toBe("false");
      expect(await text.getAttribute("contenteditable")).toBe("true");
      await sectionLinks(coordinator)
        .getByRole("link", { name: /Risicotaxatie/ })
        .waitFor();
      const told = coordinator.getByRole("status").filter({ hasText: "U kunt dit onderdeel nu bewerken." });
      await told.waitFor();
      expect(await told.textContent()).toContain("U kunt nu ook ‘Risicotaxatie’ lezen.");
      expect(await notReloaded(coordinator)).toBe(true);

      // What she types now reaches the server (her section connection has the new right).
      await text.focus();
      await caretToEnd(coordinator);
      await coordinator.keyboard.press("Enter");
      await coordinator.keyboard.type("Procesregisseur volgt de politiemeldingen.");
      const api = await web.server.loginAs("voorzitter");
      await expect
        .poll(
          async () =>
            (await api.get(`/api/cases/${web.caseId}/plan`)).json.sections.find(
              (s: { key: string }) => s.key === "concerns",
            )?.text,
          { timeout: 15_000 },
        )
        .toContain("Procesregisseur volgt de politiemeldingen.");
    });
  });

  it("takes a section away from an open plan, and says so, when its reader is taken off the list", async () => {
    const karin = await open("politie", `/casussen/${web.caseId}?sectie=confidential`);
    const chair = await open("voorzitter", `/casussen/${web.caseId}/leden`);
    await withScreenshots([karin, chair], "member-roles-reader", async () => {
      const text = karin.getByRole("textbox", { name: "Afgeschermde informatie" });
      await expect.poll(() => text.textContent()).toContain("contactverbod");
      // She is in the text when it is taken away.
      await text.focus();
      await markLoaded(karin);

      const readers = chair.locator("form", { has: chair.getByRole("button", { name: "Lezers opslaan" }) });
      const box = readers.getByLabel(/^Karin Mulder/);
      await expect.poll(() => box.isChecked()).toBe(true);
      await box.focus();
      await chair.keyboard.press("Space");
      expect(await box.isChecked()).toBe(false);
      await readers.getByRole("button", { name: "Lezers opslaan" }).focus();
      await chair.keyboard.press("Enter");
      await readers.getByRole("status").filter({ hasText: "De lijst van lezers is opgeslagen." }).waitFor();

      const told = karin
        .getByRole("status")
        .filter({ hasText: "U kunt ‘Afgeschermde informatie’ niet meer lezen." });
      await told.waitFor({ timeout: 10_000 });
      // The keyboard does not fall out of the page with the editor: it is on the notice.
      await expect.poll(() => isFocused(told)).toBe(true);
      await expect
        .poll(() =>
          sectionLinks(karin)
            .getByRole("link", { name: /Afgeschermde informatie/ })
            .count(),
        )
        .toBe(0);
      expect(await karin.getByRole("heading", { level: 2, name: "Afgeschermde informatie" }).count()).toBe(0);
      await karin.getByRole("heading", { level: 2, name: "Directe veiligheid" }).waitFor();
      expect(await notReloaded(karin)).toBe(true);
      expect(await seriousViolations(karin)).toEqual([]);
    });
  });

  it("keeps readers ticked but not yet saved when someone else changes the members meanwhile", async () => {
    const page = await open("coordinator", `/casussen/${web.caseId}/leden`);
    const marco = page.getByLabel("Marco Jansen — Voorzitter");
    await marco.waitFor();
    expect(await marco.isChecked()).toBe(false);
    await marco.check();
    // The chair adds someone elsewhere: every open page of the case fetches it again.
    const chair = await web.server.loginAs("voorzitter");
    const tom = await demoUser(web.server.deps.database.db, "buitenstaander");
    expect(
      (await chair.post(`/api/cases/${web.caseId}/members`, { userId: tom.id, role: "observer" })).status,
    ).toBe(201);
    await row(page, "Tom Visser").waitFor();
    expect(await marco.isChecked()).toBe(true);
    await page.getByRole("button", { name: "Lezers opslaan" }).click();
    await page.getByText("De lijst van lezers is opgeslagen.").waitFor();
    expect(await marco.isChecked()).toBe(true);
    // Back as it was, for the other tests of this file.
    const marcoId = (await demoUser(web.server.deps.database.db, "voorzitter")).id;
    const readers = await chair.get(`/api/cases/${web.caseId}/sections/confidential/readers`);
    expect(readers.json.userIds).toContain(marcoId);
    await chair.request("PUT", `/api/cases/${web.caseId}/sections/confidential/readers`, {
      userIds: readers.json.userIds.filter((id: string) => id !== marcoId),
    });
    await chair.delete(`/api/cases/${web.caseId}/members/${tom.id}`);
  });
});
