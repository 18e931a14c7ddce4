/**
 * Who reads what is written in a live conference, said where it is written: a professional is told
 * at a proposal, an action and an objection that the ervaringsdeskundige reads it too and where
 * police and justice information goes; the ervaringsdeskundige herself, who may not read that
 * section, only who reads her words. And the chair's keyboard after the agenda's last item goes on
 * to the proposal, never back to an earlier item.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { closeAfterEachTest, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

const toProfessionals =
  "Iedereen in het overleg leest dit, ook de ervaringsdeskundige. Politie- en justitie-informatie hoort in ‘Afgeschermde informatie’.";
const toEveryone = "Iedereen in het overleg leest dit; het komt ook in het verslag.";

/** A demo member's browser on the demo case, its conference panel loaded. */
async function member(key: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto(`/casussen/${web.caseId}`);
  await panel(page).getByRole("heading", { name: "Casusoverleg" }).waitFor();
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });
const decisions = (page: Page) => panel(page).getByRole("region", { name: "Besluiten" });
const agenda = (page: Page) => panel(page).getByRole("region", { name: "Agenda", exact: true });
const card = (page: Page, text: string) =>
  decisions(page).locator("[data-decision-id]").filter({ hasText: text });
/** The titles of the items marked as now in discussion. */
const currentItems = (page: Page) =>
  agenda(page)
    .locator('li[aria-current="step"]')
    .evaluateAll((items) => items.map((li) => li.firstElementChild?.firstChild?.textContent?.trim()));

/** The accessible name of the element with the keyboard focus, as far as these controls go. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const label = el?.labels?.[0]?.textContent;
    return el?.getAttribute("aria-label") ?? (label ?? el?.textContent ?? "").trim();
  });

/** What a screen reader says after the focused control's name: the texts it is described by. */
const focusedDescription = (page: Page) =>
  page.evaluate(() =>
    (document.activeElement?.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(no element ${id})`),
  );

/** Presses Tab until the control named `name` has the keyboard; fails when it is not reached. */
async function tabTo(page: Page, name: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Tabs from the panel's status line to the control named `name`. */
async function tabInPanel(page: Page, name: string): Promise<void> {
  await panel(page).getByTestId("conference-status").focus();
  await tabTo(page, name);
}

/** The demo conference running: the chair starts it at the keyboard when it is still planned. */
async function running(chair: Page, others: Page[]): Promise<void> {
  const status = panel(chair).locator(".ep-conf-status");
  await status.filter({ hasText: /Gepland|Bezig/ }).waitFor();
  if ((await status.textContent())?.includes("Gepland")) {
    await tabInPanel(chair, "Overleg starten");
    await chair.keyboard.press("Enter");
    // Planned for another day, the chair may be asked first.
    const yes = panel(chair).getByRole("button", { name: "Ja, nu starten" });
    await yes
      .or(panel(chair).locator(".ep-conf-status", { hasText: "Bezig" }))
      .first()
      .waitFor();
    if ((await yes.count()) > 0) {
      await yes.focus();
      await chair.keyboard.press("Enter");
    }
  }
  for (const p of [chair, ...others])
    await panel(p).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();
}

describe.runIf(web.run)("who reads what is written in the conference", () => {
  it("tells the police where justice details go, at the proposal, the objection and the action; Petra only who reads her words", async () => {
    const [chair, police, expert] = await Promise.all([
      member("voorzitter"),
      member("politie"),
      member("ervaringsdeskundige"),
    ]);
    await withScreenshots([chair, police, expert], "conference-hints", async () => {
      await running(chair, [police, expert]);

      // The police officer writes a proposal: told, beside the hint on how to write it, who reads it.
      await tabInPanel(police, "Voorstel voor een besluit");
      expect(await focusedDescription(police)).toEqual([
        "Schrijf het besluit zo dat iedereen weet wat er is afgesproken.",
        toProfessionals,
      ]);
      const text = "Politie en wijkteam spreken wekelijks af wie het gezin bezoekt.";
      await police.keyboard.type(text);
      await tabTo(police, "Besluit voorstellen");
      await police.keyboard.press("Enter");
      for (const p of [chair, police, expert]) await card(p, text).waitFor();

      // Objecting, she reads the same at the reason.
      await card(police, text).getByRole("button", { name: "Bezwaar", exact: true }).focus();
      await police.keyboard.press("Enter");
      await expect.poll(() => focusedName(police)).toBe("Reden van uw bezwaar");
      expect(await focusedDescription(police)).toEqual([toProfessionals]);
      await screenshot(police, "conference-hints-police");
      expect(await seriousViolations(police)).toEqual([]);
      await police.keyboard.press("Escape");

      // Petra may not read ‘Afgeschermde informatie’: she is not sent there, only told who reads it.
      await card(expert, text).getByRole("button", { name: "Bezwaar", exact: true }).focus();
      await expert.keyboard.press("Enter");
      await expect.poll(() => focusedName(expert)).toBe("Reden van uw bezwaar");
      expect(await focusedDescription(expert)).toEqual([toEveryone]);
      // Her own proposal has the hint on how to write it, and no word of a section hidden from her.
      await tabInPanel(expert, "Voorstel voor een besluit");
      expect(await focusedDescription(expert)).toEqual([
        "Schrijf het besluit zo dat iedereen weet wat er is afgesproken.",
      ]);
      expect(await panel(expert).textContent()).not.toContain("Afgeschermde informatie");
      await card(expert, text).getByLabel("Reden van uw bezwaar").waitFor();
      await screenshot(expert, "conference-hints-expert");
      expect(await seriousViolations(expert)).toEqual([]);

      // The chair adds an action: its title is read by everyone too.
      await tabInPanel(chair, "Wat moet er gebeuren?");
      expect(await focusedDescription(chair)).toEqual([toProfessionals]);
      // Left empty, the problem is said as well, the hint stays.
      await tabTo(chair, "Actiepunt toevoegen");
      await chair.keyboard.press("Enter");
      await expect.poll(() => focusedName(chair)).toBe("Wat moet er gebeuren?");
      expect(await focusedDescription(chair)).toEqual([toProfessionals, "Vul dit veld in."]);
      await screenshot(chair, "conference-hints-action");
      expect(await seriousViolations(chair)).toEqual([]);
    });
  });

  it("takes the chair's keyboard on to the proposal after the agenda's last item, not back to the one before", async () => {
    const [chair, expert] = await Promise.all([member("voorzitter"), member("ervaringsdeskundige")]);
    await withScreenshots([chair, expert], "conference-hints-agenda", async () => {
      await running(chair, [expert]);
      await tabInPanel(chair, "Bespreken: Besluiten en actiepunten");
      await chair.keyboard.press("Enter");
      await expect.poll(() => currentItems(expert)).toEqual(["Besluiten en actiepunten"]);
      // The last item has no later one: the keyboard goes forward, to where the chair works next.
      await expect.poll(() => focusedName(chair)).toBe("Voorstel voor een besluit");
      // One more Enter writes in the proposal; the room stays on the last item.
      await chair.keyboard.press("Enter");
      await chair.waitForTimeout(500);
      expect(await currentItems(expert)).toEqual(["Besluiten en actiepunten"]);
      expect(await currentItems(chair)).toEqual(["Besluiten en actiepunten"]);
      expect(await decisions(chair).getByLabel("Voorstel voor een besluit").inputValue()).toBe("\n");
    });
  });
});
