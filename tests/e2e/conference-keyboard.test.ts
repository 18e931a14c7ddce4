/**
 * A live conference at the keyboard, several people at once: date fields typed over, adopting a
 * decision while some have no position, where the keyboard goes when a decision or a warning
 * changes the panel, and what people are told (who reads an objection, a section they may not read,
 * who lowered a hand).
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { amsterdamDate } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import {
  closeAfterEachTest,
  isFocused,
  loggedInContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { startConference } from "../helpers/conference-start";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

/** A demo member's browser on a case workspace, its conference panel loaded. */
async function member(key: string, caseId: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto(`/casussen/${caseId}`);
  await panel(page).getByRole("heading", { name: "Casusoverleg" }).waitFor();
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });
const decisions = (page: Page) => panel(page).getByRole("region", { name: "Besluiten" });
const actions = (page: Page) => panel(page).getByRole("region", { name: "Actiepunten" });
const queue = (page: Page) => panel(page).getByRole("region", { name: "Sprekerslijst" });
/** The panel's polite live region: what a screen reader is told of others' changes. */
const announced = (page: Page) =>
  page.locator('.ep-conf [role="status"][aria-live="polite"]').first().textContent();
/** A decision card by (part of) its text. */
const card = (page: Page, text: string) =>
  decisions(page).locator("[data-decision-id]").filter({ hasText: text });

/** The tag of the element with the keyboard focus ("BODY" when it fell out of the page). */
const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? "none");

/** A date next year: far enough ahead for any field that takes only future dates. */
const nextYear = Number(amsterdamDate(new Date()).slice(0, 4)) + 1;

/**
 * With the keyboard on the control after a filled date field, goes back into the date's day part
 * (Shift+Tab passes year and month first: Dutch dates read day-month-year) and types `day` there.
 */
async function typeOverDay(page: Page, day: string): Promise<void> {
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+Tab");
  await page.keyboard.type(day);
}

describe.runIf(web.run)("a live conference at the keyboard", () => {
  it("keeps the rest of a date when its day is typed over in 'Volgend overleg plannen'", async () => {
    // A case of its own without a conference, so the form to plan one shows.
    const coordinator = await web.server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-DATUM-001",
      title: "Huishouden Datum-test",
    });
    expect(created.status).toBe(201);
    const chairClient = await web.server.loginAs("voorzitter");
    const chairId = (await chairClient.get("/api/me")).json.id;
    const added = await coordinator.post(`/api/cases/${created.json.id}/members`, {
      userId: chairId,
      role: "chair",
    });
    expect(added.status).toBe(201);

    const chair = await member("voorzitter", created.json.id);
    await withScreenshots([chair], "conference-keyboard-schedule-date", async () => {
      const form = panel(chair).getByRole("region", { name: "Volgend overleg plannen" });
      const date = form.getByLabel("Datum");
      await date.fill(`${nextYear}-12-02`);
      await form.getByLabel("Tijd").focus();
      // "0" leaves the day half typed (the field's value is empty meanwhile); month and year stay.
      await typeOverDay(chair, "05");
      expect(await date.inputValue()).toBe(`${nextYear}-12-05`);
      await form.getByLabel("Tijd").fill("10:00");
      await form.getByRole("button", { name: "Overleg plannen" }).click();
      await panel(chair).getByText(`Het volgende overleg is gepland op 5 december ${nextYear}`).waitFor();
    });
  });

  it("asks before adopting past missing positions, keeps everyone's keyboard, and says who reads what", async () => {
    // A conference that also discusses the section only the police and Veilig Thuis may read.
    const chairClient = await web.server.loginAs("voorzitter");
    const scheduled = await chairClient.post(`/api/cases/${web.caseId}/conferences`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: [
        { title: "Grootste zorg", sectionKey: "concerns" },
        { title: "Afgeschermde informatie", sectionKey: "confidential" },
      ],
    });
    expect(scheduled.status).toBe(201);
    const [chair, director, expert, police] = await Promise.all([
      member("voorzitter", web.caseId),
      member("wijkteam", web.caseId),
      member("ervaringsdeskundige", web.caseId),
      member("politie", web.caseId),
    ]);
    const all = [chair, director, expert, police];
    await withScreenshots(all, "conference-keyboard", async () => {
      await startConference(panel(chair));
      for (const p of all) await panel(p).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();

      // The case has open actions (reviewed above), this conference has agreed none yet: it says which.
      await panel(chair)
        .getByRole("region", { name: "Openstaande acties" })
        .getByRole("listitem")
        .first()
        .waitFor();
      for (const p of [chair, expert])
        await actions(p).getByText("Nog geen actiepunten in dit overleg.", { exact: true }).waitFor();
      // Someone without an organisation is shown so, in these words.
      const petra = panel(chair)
        .getByRole("region", { name: /^Aanwezig/ })
        .getByRole("listitem")
        .filter({ hasText: "Petra Hoekstra" });
      expect(await petra.textContent()).toContain("geen organisatie · Ervaringsdeskundige");

      // The chair gives Petra her turn: she and the chair hear who lowered her hand; the others that
      // she left the queue (the state does not say who lowered it).
      await panel(expert).getByRole("button", { name: "Hand opsteken" }).click();
      await queue(chair).getByRole("button", { name: "Beurt gehad: Petra Hoekstra" }).click();
      await queue(expert).getByText("Niemand heeft een hand opgestoken.").waitFor();
      await expect
        .poll(() => announced(chair))
        .toBe("U heeft de hand van Petra Hoekstra laten zakken: beurt gehad.");
      await expect
        .poll(() => announced(expert))
        .toBe("De voorzitter heeft uw hand laten zakken: beurt gehad.");
      await expect
        .poll(() => announced(director))
        .toBe("Petra Hoekstra staat niet meer op de sprekerslijst.");

      // The chair discusses the restricted section. Who may not read it (the chair too) keeps the
      // section they were on and is told why, in the panel and to a screen reader.
      await panel(chair).getByRole("button", { name: "Bespreken: Afgeschermde informatie" }).click();
      const restricted = "Dit onderdeel is alleen voor de leden die erop genoemd staan.";
      for (const p of [chair, director, expert]) {
        const focusLine = panel(p).getByTestId("conference-focus");
        await focusLine.filter({ hasText: "Afgeschermde informatie" }).waitFor();
        expect(await focusLine.textContent()).toContain(restricted);
      }
      await expect
        .poll(() => announced(expert))
        .toBe(`De voorzitter bespreekt nu: Afgeschermde informatie. ${restricted}`);
      // The police officer may read it: her editor goes there, without that line.
      await police.getByRole("heading", { level: 2, name: "Afgeschermde informatie" }).waitFor();
      expect(await panel(police).getByTestId("conference-focus").textContent()).not.toContain(restricted);
      await screenshot(expert, "conference-keyboard-restricted-focus");

      // A proposal; the ervaringsdeskundige agrees at the keyboard, the others say nothing yet.
      const first = "Wijkteam plant binnen een week een huisbezoek bij moeder.";
      await decisions(director).getByLabel("Voorstel voor een besluit").fill(first);
      await decisions(director).getByRole("button", { name: "Besluit voorstellen" }).click();
      for (const p of all) await card(p, first).waitFor();
      await card(expert, first).getByRole("button", { name: "Eens", exact: true }).focus();
      await expert.keyboard.press("Enter");
      await card(chair, first).getByText("1 eens, 0 onthouding, 0 bezwaar").waitFor();
      expect(await isFocused(card(expert, first).getByRole("button", { name: "Eens", exact: true }))).toBe(
        true,
      );

      // Enter on "Besluit vaststellen" asks first, naming who has no position; Escape gives the
      // keyboard back to the button, and nothing is adopted.
      const adopt = card(chair, first).getByRole("button", { name: "Besluit vaststellen" });
      await adopt.focus();
      await chair.keyboard.press("Enter");
      const question = card(chair, first).getByRole("group", { name: /^Nog geen standpunt van:/ });
      await question.waitFor();
      const asked = await question
        .getAttribute("aria-labelledby")
        .then((id) => chair.locator(`[id="${id}"]`).textContent());
      expect(asked).toMatch(/^Nog geen standpunt van: .+\. Toch vaststellen\?$/);
      expect(asked).toContain("Joris Smit");
      expect(asked).toContain("Karin Mulder");
      expect(asked).not.toContain("Petra Hoekstra");
      expect(await isFocused(question)).toBe(true);
      await screenshot(chair, "conference-keyboard-adopt-question");
      expect(await seriousViolations(chair)).toEqual([]);
      await chair.keyboard.press("Escape");
      await question.waitFor({ state: "detached" });
      await expect.poll(() => isFocused(adopt)).toBe(true);
      expect(await card(director, first).getByText("Voorgesteld", { exact: true }).count()).toBe(1);
      // Asked again and answered yes: adopted with the one position there is.
      await chair.keyboard.press("Enter");
      await question.waitFor();
      await chair.keyboard.press("Tab");
      await chair.keyboard.press("Enter"); // "Ja, besluit vaststellen"
      for (const p of all) await card(p, first).getByText("Vastgesteld", { exact: true }).waitFor();
      // Petra's "✓ Eens" went with the open proposal: her keyboard is on the card, not the page.
      await expect.poll(() => isFocused(card(expert, first))).toBe(true);
      await expect.poll(() => isFocused(card(chair, first))).toBe(true);

      // A second proposal. Whoever objects reads first that everyone reads the reason.
      const second = "Moeder krijgt deze week een AWARE-alarm.";
      await decisions(chair).getByLabel("Voorstel voor een besluit").fill(second);
      await decisions(chair).getByRole("button", { name: "Besluit voorstellen" }).click();
      await card(expert, second).getByRole("button", { name: "Bezwaar", exact: true }).click();
      const reason = card(expert, second).getByLabel("Reden van uw bezwaar");
      expect(await isFocused(reason)).toBe(true);
      const hintId = (await reason.getAttribute("aria-describedby")) ?? "";
      // Petra is the ervaringsdeskundige, and may not read ‘Afgeschermde informatie’: she is not sent there.
      expect(await expert.locator(`[id="${hintId}"]`).textContent()).toBe(
        "Iedereen in het overleg leest dit; het komt ook in het verslag.",
      );
      await screenshot(expert, "conference-keyboard-objection-hint");
      await expert.keyboard.press("Escape");
      // Everyone present takes a position: "Besluit vaststellen" adopts at once, nothing asked.
      await card(expert, second).getByRole("button", { name: "Onthouding", exact: true }).click();
      await card(director, second).getByRole("button", { name: "Eens", exact: true }).click();
      await card(police, second).getByRole("button", { name: "Eens", exact: true }).click();
      await card(chair, second).getByText("2 eens, 1 onthouding, 0 bezwaar").waitFor();
      await card(chair, second).getByText("Nog geen standpunt").waitFor({ state: "detached" });
      await card(chair, second).getByRole("button", { name: "Besluit vaststellen" }).focus();
      await chair.keyboard.press("Enter");
      for (const p of all) await card(p, second).getByText("Vastgesteld", { exact: true }).waitFor();
      expect(
        await decisions(chair)
          .getByRole("group", { name: /^Nog geen standpunt van/ })
          .count(),
      ).toBe(0);

      // A new action: its due date's day typed over keeps month and year.
      const form = actions(chair);
      await form.getByLabel("Wat moet er gebeuren?").fill("Relatietherapie voor vader en moeder aanvragen");
      await form.getByLabel("Eigenaar").selectOption({ label: "Joris Smit — Wijkteam Zwolle-Zuid" });
      const due = form.getByLabel("Uiterlijk op");
      await due.fill(`${nextYear}-12-02`);
      await form.getByLabel("Hoort bij besluit (optioneel)").focus();
      await typeOverDay(chair, "05");
      expect(await due.inputValue()).toBe(`${nextYear}-12-05`);
      // The text warns (intimate terror): the keyboard goes up to the chair's reason, not left on the button.
      await form.getByRole("button", { name: "Actiepunt toevoegen" }).focus();
      await chair.keyboard.press("Enter");
      const why = form.getByLabel("Waarom gaat u toch door? (wordt vastgelegd)");
      await why.waitFor();
      await expect.poll(() => isFocused(why)).toBe(true);
      await screenshot(chair, "conference-keyboard-action-warning");
      await chair.keyboard.type("Alleen met aparte intake, op verzoek van moeder.");
      await chair.keyboard.press("Tab");
      await chair.keyboard.press("Enter"); // "Doorgaan met deze reden"
      for (const p of all) {
        // The agreed action, not the warning's line about the word (it goes once the answer is in).
        const item = actions(p).locator("li.ep-conf-action").filter({ hasText: "Relatietherapie" });
        await item.waitFor();
        expect(await item.textContent()).toContain(`uiterlijk 5 december ${nextYear}`);
      }
      // The case director may not go on past a warning: his keyboard goes to the warning itself.
      const directorForm = actions(director);
      await directorForm.getByLabel("Wat moet er gebeuren?").fill("Gezamenlijk gesprek met vader en moeder");
      await directorForm.getByLabel("Eigenaar").selectOption({ label: "Joris Smit — Wijkteam Zwolle-Zuid" });
      await directorForm.getByLabel("Uiterlijk op").fill(`${nextYear}-11-01`);
      await directorForm.getByRole("button", { name: "Actiepunt toevoegen" }).focus();
      await director.keyboard.press("Enter");
      const warning = directorForm.getByRole("alert").filter({ hasText: "intiem terreur" });
      await warning.waitFor();
      await expect.poll(() => isFocused(warning)).toBe(true);
      expect(await focusedTag(director)).toBe("DIV");
    });
  });
});
