import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../server/clock";
import { seriousViolations } from "../helpers/axe";
import {
  closeAfterEachTest,
  isFocused,
  loggedInContext,
  loginViaUi,
  newContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

// The case closes on 2 March 2026; the test moves the server's clock past the 20 years it is kept.
const closedAt = new Date("2026-03-02T10:00:00Z");
const clock = fixedClock(closedAt);
const reference = "MDA-DEMO-001";
const web = useWebServer({ clock });
const browsers = closeAfterEachTest();

/** A page in a fresh browser context (own cookies), its errors collected. */
async function freshPage(key: string, context?: BrowserContext): Promise<Page> {
  const c = browsers.keep(context ?? (await newContext(web.browser, web.server.url)));
  return browsers.watch(await c.newPage(), key);
}

/** Presses Tab until `target` has the keyboard, as someone tabbing through the page would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < 80; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the keyboard never reached the element");
}

const caseRow = (page: Page) =>
  page.locator("tbody tr", { has: page.getByRole("link", { name: reference, exact: true }) });
const destroyButton = (page: Page) => page.getByRole("button", { name: "Dossier definitief vernietigen" });
const destroyForm = (page: Page) => page.getByRole("form", { name: "Dossier vernietigen" });

describe.runIf(web.run)("retention and destruction of a closed case", () => {
  it("shows a closed case's retention on the phase page and in the list, without a destroy form before it ends", async () => {
    const director = await freshPage("wijkteam");
    const coordinator = await freshPage("coordinator");
    await withScreenshots([director, coordinator], "case-retention", async () => {
      // The case director closes the case on the phase page.
      await loginViaUi(director, "wijkteam");
      await director.goto(`/casussen/${web.caseId}/fase`);
      await director.getByLabel("Nieuwe fase").selectOption({ label: "Gesloten" });
      await director.getByLabel("Reden").fill("Zorg afgerond; het gezin is stabiel veilig.");
      await director.getByRole("button", { name: "Fase wijzigen" }).click();
      await director.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
      const kept =
        "Gesloten op 2 maart 2026. Het dossier wordt bewaard tot 2 maart 2046; daarna wordt het vernietigd.";
      await expect.poll(() => director.getByTestId("retention-text").textContent()).toBe(kept);

      // The coordinator sees until when it is kept, and nothing to destroy yet.
      await loginViaUi(coordinator, "coordinator");
      await coordinator.goto("/casussen");
      await expect
        .poll(() => caseRow(coordinator).locator("td").nth(2).textContent())
        .toBe("Gesloten · bewaren tot 2 maart 2046");
      expect(await coordinator.getByText("Bewaartermijn verstreken").count()).toBe(0);
      await coordinator.goto(`/casussen/${web.caseId}/fase`);
      await expect.poll(() => coordinator.getByTestId("retention-text").textContent()).toBe(kept);
      expect(await destroyForm(coordinator).count()).toBe(0);
      expect(await destroyButton(coordinator).count()).toBe(0);
      await screenshot(coordinator, "retention-phase-closed");
    });
  });

  it("lets the coordinator destroy the file with the keyboard once the retention has passed; a member's open page follows", async () => {
    // 20 years and a day later: every session has long ended, so everyone logs in again.
    const dayAfter = new Date(closedAt);
    dayAfter.setUTCFullYear(dayAfter.getUTCFullYear() + 20);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    clock.advance(dayAfter.getTime() - clock.now().getTime());

    // The chair has the plan open when the file is destroyed.
    const chair = await freshPage("voorzitter", await loggedInContext(web.browser, web.server, "voorzitter"));
    await chair.goto(`/casussen/${web.caseId}`);
    await chair.getByTestId("case-lead").waitFor();
    await chair.evaluate(() => Object.assign(window, { epNotReloaded: true }));

    const coordinator = await freshPage("coordinator");
    await withScreenshots([coordinator, chair], "case-destruction", async () => {
      await loginViaUi(coordinator, "coordinator");
      await coordinator.goto("/casussen");
      const due = caseRow(coordinator).getByRole("link", { name: "Bewaartermijn verstreken" });
      await due.waitFor();
      await screenshot(coordinator, "retention-cases-due");

      // The badge leads to the phase page.
      await tabTo(coordinator, due);
      await coordinator.keyboard.press("Enter");
      await coordinator.waitForURL((u) => u.pathname === `/casussen/${web.caseId}/fase`);
      await expect
        .poll(() => coordinator.getByTestId("retention-text").textContent())
        .toBe(
          "Gesloten op 2 maart 2026. De bewaartermijn is op 2 maart 2046 verstreken; de procesregisseur kan het dossier nu vernietigen.",
        );
      const form = destroyForm(coordinator);
      await form.waitFor();
      expect(await form.textContent()).toContain("definitief verwijderd");
      expect(await form.textContent()).toContain("Het Logboek bewaart alleen dat het dossier is vernietigd");
      await screenshot(coordinator, "retention-phase-due");

      // The button stays disabled until the reference is typed in full.
      const field = coordinator.getByLabel(`Typ het kenmerk (${reference}) om te bevestigen`);
      expect(await destroyButton(coordinator).isDisabled()).toBe(true);
      await tabTo(coordinator, field);
      await coordinator.keyboard.type(reference.slice(0, -1));
      expect(await destroyButton(coordinator).isDisabled()).toBe(true);
      await coordinator.keyboard.type(reference.slice(-1));
      await expect.poll(() => destroyButton(coordinator).isDisabled()).toBe(false);
      expect(await seriousViolations(coordinator)).toEqual([]);
      await screenshot(coordinator, "retention-phase-filled");

      await coordinator.keyboard.press("Tab");
      expect(await isFocused(destroyButton(coordinator))).toBe(true);
      await coordinator.keyboard.press("Enter");

      // Back on the list: the keyboard is on the message, and the case is gone from it.
      await coordinator.waitForURL((u) => u.pathname === "/casussen");
      const done = coordinator.getByRole("status").filter({ hasText: `Dossier ${reference} is vernietigd.` });
      await done.waitFor();
      await expect.poll(() => isFocused(done)).toBe(true);
      await coordinator.getByRole("heading", { name: "Casussen van de regio" }).waitFor();
      await expect
        .poll(() => coordinator.getByRole("link", { name: reference, exact: true }).count())
        .toBe(0);
      await screenshot(coordinator, "retention-cases-destroyed");

      // The chair's open page says the case is not there, without a reload (case:changed).
      await expect
        .poll(() => chair.getByRole("alert").allTextContents(), { timeout: 10_000 })
        .toContainEqual(expect.stringMatching(/bestaat niet.*geen toegang/));
      expect(await chair.evaluate(() => "epNotReloaded" in window)).toBe(true);

      // The API agrees: the case is gone.
      const api = await web.server.loginAs("coordinator");
      expect((await api.get(`/api/cases/${web.caseId}`)).status).toBe(404);
    });
  });
});
