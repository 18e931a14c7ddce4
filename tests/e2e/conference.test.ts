import { and, eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { auditLog, conferences } from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { caretToEnd, isFocused, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { startConference } from "../helpers/conference-start";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

/** A demo member logged in through the UI, on the case workspace with the conference panel. */
async function member(key: string): Promise<Page> {
  const context = await loggedInContext(web.browser, web.server, key);
  const page = await context.newPage();
  await page.goto(`/casussen/${web.caseId}`);
  await withScreenshots([page], `member-${key}`, () => attendance(page).getByRole("heading").waitFor());
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });
/**
 * Who is in the room: before the start "Nu in de casus" (days before) or "Al aanwezig" (on the day
 * it is planned), "Aanwezig" from then on.
 */
const attendance = (page: Page) =>
  panel(page).getByRole("region", { name: /^(Nu in de casus|Al aanwezig|Aanwezig) \(/ });
const queue = (page: Page) => panel(page).getByRole("region", { name: "Sprekerslijst" });
const decisions = (page: Page) => panel(page).getByRole("region", { name: "Besluiten" });
const actions = (page: Page) => panel(page).getByRole("region", { name: "Actiepunten" });

/** Where the keyboard focus is: tag, test id, position, label and text, as a user would tell. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? "none",
      testId: el?.dataset.testid ?? null,
      position: el?.dataset.position ?? null,
      label: el?.getAttribute("aria-label") ?? null,
      text: (el?.textContent ?? "").trim().slice(0, 120),
    };
  });
}

describe.runIf(web.run)("a whole case conference in three browsers", () => {
  it("runs join, focus, hand, decision with objection, adoption, action, end and minutes", async () => {
    const [chair, director, expert] = await Promise.all([
      member("voorzitter"),
      member("wijkteam"),
      member("ervaringsdeskundige"),
    ]);
    const all = [chair, director, expert];
    await withScreenshots(all, "conference", async () => {
      // Everyone has joined: each sees the others with organisation and role.
      for (const p of all) {
        await attendance(p).getByText("Marco Jansen").waitFor();
        await attendance(p).getByText("Joris Smit").waitFor();
        await attendance(p).getByText("Petra Hoekstra").waitFor();
      }
      expect(await attendance(chair).textContent()).toContain("Wijkteam Zwolle-Zuid · Casusregisseur");
      expect(await attendance(chair).textContent()).toContain("Ervaringsdeskundige");
      // Before the start nobody is recorded yet. The demo conference is two days ahead: the list
      // says who has the case open now, not who is there, and when presence is recorded.
      expect(await attendance(chair).getByRole("heading").textContent()).toBe("Nu in de casus (3)");
      await attendance(chair)
        .getByText("Wie de casus nu open heeft. Aanwezigheid wordt pas vastgelegd als het overleg begint.")
        .waitFor();
      // Only the chair can start; participants have no start button.
      expect(await panel(director).getByRole("button", { name: "Overleg starten" }).count()).toBe(0);
      await screenshot(chair, "conference-before-start");

      // The demo conference is planned two days ahead: the chair is asked first, naming the day.
      await panel(chair).getByRole("button", { name: "Overleg starten" }).click();
      await panel(chair)
        .getByRole("group", { name: /^Dit overleg is gepland op .+\. Nu al starten\?$/ })
        .waitFor();
      await panel(chair).getByRole("button", { name: "Ja, nu starten" }).click();
      for (const p of all) await panel(p).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();
      expect(await attendance(chair).getByRole("heading").textContent()).toBe("Aanwezig (3)");
      // The start button is gone: the keyboard lands on the new status, which reads as Dutch.
      await expect.poll(async () => (await focused(chair)).testId).toBe("conference-status");
      expect((await focused(chair)).text).toMatch(/^Bezig\s+Gestart op \d+ \w+ \d{4} om \d{2}:\d{2}$/);

      // Those nobody has marked yet are listed apart from those known to be away, for the chair to ask about.
      const unknown = (p: Page) => panel(p).getByRole("region", { name: /^Nog niet bekend/ });
      const away = (p: Page) => panel(p).getByRole("region", { name: /^Niet aanwezig/ });
      await unknown(chair).getByRole("heading", { name: "Nog niet bekend (3)" }).waitFor();
      for (const name of ["Karin Mulder", "Ellen Bakker", "Ingrid de Vries"])
        await unknown(chair).getByRole("listitem").filter({ hasText: name }).waitFor();
      expect(await away(chair).count()).toBe(0);
      // The chair records that the police sent apologies; everyone sees it under "Niet aanwezig".
      const karin = unknown(chair).getByLabel("Aanwezigheid van Karin Mulder");
      await karin.focus();
      await karin.selectOption("excused");
      await unknown(chair).getByRole("heading", { name: "Nog niet bekend (2)" }).waitFor();
      expect(await away(chair).getByRole("heading").textContent()).toBe("Niet aanwezig (1)");
      // Her row moved to the other list: the keyboard went with it, not out of the page.
      await expect.poll(() => isFocused(away(chair).getByLabel("Aanwezigheid van Karin Mulder"))).toBe(true);
      for (const p of [director, expert]) {
        await away(p)
          .getByRole("listitem")
          .filter({ hasText: "Karin Mulder" })
          .getByText("(afgemeld)")
          .waitFor();
        expect(await away(p).getByRole("combobox").count()).toBe(0);
      }

      // Browsing a closed select with the arrow keys (on Windows each one changes its value) records
      // nothing and moves no row; Enter or leaving it records the final choice, once.
      const db = web.server.deps.database.db;
      const attendanceWrites = async (key: string) => {
        const { id } = await demoUser(db, key);
        const rows = await db
          .select({ details: auditLog.details })
          .from(auditLog)
          .where(and(eq(auditLog.caseId, web.caseId), eq(auditLog.objectType, "attendance")))
          .orderBy(auditLog.id);
        return rows.filter((r) => r.details?.userId === id).map((r) => r.details?.present);
      };
      const ellen = unknown(chair).getByLabel("Aanwezigheid van Ellen Bakker");
      await ellen.focus();
      await chair.keyboard.press("ArrowDown");
      await chair.keyboard.press("ArrowDown");
      await chair.waitForTimeout(300);
      expect(await attendanceWrites("veiligthuis")).toEqual([]);
      expect(await unknown(chair).getByRole("heading").textContent()).toBe("Nog niet bekend (2)");
      // This Chromium changes a closed select's value with the arrows, as Windows does.
      expect(await ellen.inputValue()).toBe("absent");
      expect(await isFocused(ellen)).toBe(true);
      await chair.keyboard.press("ArrowUp"); // "aanwezig": she takes part by phone
      await chair.keyboard.press("Enter");
      await attendance(chair).getByRole("listitem").filter({ hasText: "Ellen Bakker" }).waitFor();
      await expect
        .poll(() => isFocused(attendance(chair).getByLabel("Aanwezigheid van Ellen Bakker")))
        .toBe(true);
      expect(await attendanceWrites("veiligthuis")).toEqual(["present"]);
      // Leaving with Tab records the choice browsed to...
      const ingrid = unknown(chair).getByLabel("Aanwezigheid van Ingrid de Vries");
      await ingrid.focus();
      await chair.keyboard.press("ArrowDown");
      await chair.keyboard.press("ArrowDown");
      await chair.waitForTimeout(300);
      expect(await attendanceWrites("coordinator")).toEqual([]);
      await chair.keyboard.press("Tab");
      await away(chair).getByRole("listitem").filter({ hasText: "Ingrid de Vries" }).waitFor();
      expect(await attendanceWrites("coordinator")).toEqual(["absent"]);
      // ...and nothing when it ends where it started.
      const karinAway = away(chair).getByLabel("Aanwezigheid van Karin Mulder");
      await karinAway.focus();
      await chair.keyboard.press("ArrowUp");
      expect(await karinAway.inputValue()).toBe("absent");
      await chair.keyboard.press("ArrowDown");
      await chair.keyboard.press("Tab");
      await chair.waitForTimeout(300);
      expect(await attendanceWrites("politie")).toEqual(["excused"]);

      // The case director is writing in Directe veiligheid when the chair moves to Grootste zorg.
      const directorText = director.getByRole("textbox", { name: "Directe veiligheid" });
      await expect.poll(() => directorText.textContent()).toContain("AWARE-alarm");
      await directorText.click();
      await caretToEnd(director);
      await director.keyboard.press("Enter");
      await director.keyboard.type("Wijkteam belt moeder ");
      // The chair's focus moves the editor of everyone who is not writing to that section.
      await panel(chair).getByRole("button", { name: "Bespreken: Grootste zorg" }).click();
      await panel(expert).getByTestId("conference-focus").filter({ hasText: "Grootste zorg" }).waitFor();
      await expert.getByRole("heading", { level: 2, name: "Grootste zorg" }).waitFor();
      expect(new URL(expert.url()).searchParams.get("sectie")).toBe("concerns");
      // The chair keeps the keyboard in the agenda, on the next item's button.
      await expect.poll(async () => (await focused(chair)).label).toBe("Bespreken: Directe veiligheid");
      await chair.getByRole("heading", { level: 2, name: "Grootste zorg" }).waitFor();
      // The director stays where he writes: the rest of his sentence lands in the same section.
      await panel(director).getByTestId("conference-focus").filter({ hasText: "Grootste zorg" }).waitFor();
      await director.keyboard.type("vrijdag na schooltijd.");
      await expect
        .poll(() => directorText.textContent())
        .toContain("Wijkteam belt moeder vrijdag na schooltijd.");
      expect(await director.getByRole("heading", { level: 2, name: "Grootste zorg" }).count()).toBe(0);
      expect(await directorText.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      // Instead he gets a polite notice with a way to follow.
      const notice = director.getByTestId("conference-follow-notice");
      expect(await notice.textContent()).toContain("De voorzitter bespreekt nu ‘Grootste zorg’.");
      expect(await notice.evaluate((el) => el.closest('[aria-live="polite"]') !== null)).toBe(true);
      await screenshot(director, "conference-follow-notice");
      expect(await seriousViolations(director)).toEqual([]);
      await notice.getByRole("button", { name: "Ga naar dit onderdeel" }).click();
      await director.getByRole("heading", { level: 2, name: "Grootste zorg" }).waitFor();
      expect(new URL(director.url()).searchParams.get("sectie")).toBe("concerns");
      await expect.poll(async () => (await focused(director)).text).toBe("Grootste zorg");
      expect(await notice.count()).toBe(0);

      // Opened on a section of her own (a link, a bookmark), the ervaringsdeskundige stays there;
      // the section under discussion is offered with the notice instead.
      await expert.goto(`/casussen/${web.caseId}?sectie=immediate_safety`);
      const expertNotice = expert.getByTestId("conference-follow-notice");
      await expertNotice.getByText("De voorzitter bespreekt nu ‘Grootste zorg’.").waitFor();
      await expert.getByRole("heading", { level: 2, name: "Directe veiligheid" }).waitFor();
      expect(new URL(expert.url()).searchParams.get("sectie")).toBe("immediate_safety");
      await expertNotice.getByRole("button", { name: "Ga naar dit onderdeel" }).click();
      await expert.getByRole("heading", { level: 2, name: "Grootste zorg" }).waitFor();

      // The ervaringsdeskundige raises a hand; the chair sees it in the queue, in order.
      await panel(expert).getByRole("button", { name: "Hand opsteken" }).click();
      await queue(chair).getByRole("listitem").filter({ hasText: "Petra Hoekstra" }).waitFor();
      await panel(director).getByRole("button", { name: "Hand opsteken" }).click();
      await expect
        .poll(async () => (await queue(chair).getByRole("listitem").allTextContents()).join(" | "))
        .toBe("1Petra HoekstraBeurt gehad | 2Joris SmitBeurt gehad");
      // The change is announced politely to screen readers.
      await expect
        .poll(() => chair.locator('.ep-conf [role="status"][aria-live="polite"]').first().textContent())
        .toContain("Joris Smit heeft een hand opgestoken.");
      await panel(director).getByRole("button", { name: "Hand laten zakken" }).click();
      await expect.poll(() => queue(chair).getByRole("listitem").count()).toBe(1);
      // The chair gives Petra the floor, then marks her turn as done; the keyboard stays in the queue.
      await queue(chair).getByRole("button", { name: "Beurt gehad: Petra Hoekstra" }).click();
      await queue(expert).getByText("Niemand heeft een hand opgestoken.").waitFor();
      await expect.poll(async () => (await focused(chair)).text).toBe("Niemand heeft een hand opgestoken.");
      await panel(expert).getByRole("button", { name: "Hand opsteken" }).waitFor();
      // The chair gives the floor and asks for none.
      expect(await panel(chair).getByRole("button", { name: "Hand opsteken" }).count()).toBe(0);

      // A decision is proposed by the case director; everyone sees the card.
      const text = "Oma haalt de kinderen drie keer per week van school; moeder krijgt een AWARE-alarm.";
      await decisions(director).getByLabel("Voorstel voor een besluit").fill(text);
      await decisions(director).getByRole("button", { name: "Besluit voorstellen" }).click();
      for (const p of all) await decisions(p).getByText(text).waitFor();
      // Everyone sees whom the proposal waits for: the present participants without a position
      // (Ellen on the phone too; not the chair, who adopts).
      for (const p of all) {
        await decisions(p)
          .getByText("Nog geen standpunt: Ellen Bakker, Joris Smit, Petra Hoekstra")
          .waitFor();
      }

      // She first abstains, then starts an objection: while she writes it her abstention stays the
      // pressed (recorded) one and "Bezwaar" is open; Escape leaves it unwritten.
      const pressedPositions = () =>
        decisions(expert)
          .locator('.ep-conf-position[aria-pressed="true"]')
          .evaluateAll((all) => all.map((b) => b.getAttribute("data-position")));
      const objectButton = decisions(expert).getByRole("button", { name: "Bezwaar", exact: true });
      await decisions(expert).getByRole("button", { name: "Onthouding", exact: true }).click();
      await decisions(expert).getByText("0 eens, 1 onthouding, 0 bezwaar").waitFor();
      await decisions(expert).getByText("Uw standpunt is vastgelegd: Onthouding.").waitFor();
      await objectButton.click();
      expect(await expert.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      expect(await pressedPositions()).toEqual(["abstain"]);
      expect(await objectButton.getAttribute("aria-expanded")).toBe("true");
      await expert.keyboard.press("Escape");
      await decisions(expert).getByLabel("Reden van uw bezwaar").waitFor({ state: "detached" });
      expect((await focused(expert)).position).toBe("object");
      expect(await pressedPositions()).toEqual(["abstain"]);
      expect(await objectButton.getAttribute("aria-expanded")).toBe("false");

      // Objection without a reason is stopped in the form; with a reason it is recorded.
      await decisions(expert).getByRole("button", { name: "Bezwaar", exact: true }).click();
      const reason = decisions(expert).getByLabel("Reden van uw bezwaar");
      expect(await expert.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      await decisions(expert).getByRole("button", { name: "Bezwaar vastleggen" }).click();
      await decisions(expert).getByText("Geef de reden van uw bezwaar.").waitFor();
      await reason.fill("Moeder moet zelf kunnen kiezen wanneer oma komt; vraag het haar eerst.");
      // Someone else's position arrives while she is writing: her text stays.
      await decisions(director).getByRole("button", { name: "Eens", exact: true }).click();
      await decisions(expert).getByText("1 eens, 1 onthouding, 0 bezwaar").waitFor();
      // In a high-contrast theme (forced colours, no backgrounds of its own) his own position still
      // looks pressed.
      const positionLook = (name: string) =>
        decisions(director)
          .getByRole("button", { name, exact: true })
          .evaluate((b) => `${getComputedStyle(b).backgroundColor} ${getComputedStyle(b).color}`);
      await decisions(director).locator('[aria-pressed="true"]').waitFor();
      await director.emulateMedia({ forcedColors: "active" });
      expect(await positionLook("Eens")).not.toBe(await positionLook("Onthouding"));
      await director.emulateMedia({ forcedColors: "none" });
      // With the keyboard on it, too (the focus look used to take its fill away).
      await decisions(director).getByRole("button", { name: "Eens", exact: true }).focus();
      expect(await positionLook("Eens")).not.toBe(await positionLook("Onthouding"));
      expect(await reason.inputValue()).toContain("vraag het haar eerst");
      await decisions(expert).getByRole("button", { name: "Bezwaar vastleggen" }).click();
      await decisions(chair).getByText("1 eens, 0 onthouding, 1 bezwaar").waitFor();
      // The objection form is gone: the keyboard is on her pressed "Bezwaar", and she hears it recorded.
      await expect.poll(async () => (await focused(expert)).position).toBe("object");
      await decisions(expert).getByText("Uw standpunt is vastgelegd: Bezwaar.").waitFor();
      expect(await pressedPositions()).toEqual(["object"]);
      await decisions(chair).getByText("vraag het haar eerst", { exact: false }).waitFor();
      // Ellen (on the phone) said nothing: the chair can adopt all the same, and sees that she did not.
      for (const p of all)
        await decisions(p).getByText("Nog geen standpunt: Ellen Bakker", { exact: true }).waitFor();
      await screenshot(chair, "conference-decision-positions");

      // Only the chair adopts, asked first since Ellen has no position; afterwards the decision is
      // final and shows the plan version.
      expect(await decisions(director).getByRole("button", { name: "Besluit vaststellen" }).count()).toBe(0);
      await decisions(chair).getByRole("button", { name: "Besluit vaststellen" }).click();
      await decisions(chair)
        .getByRole("group", { name: "Nog geen standpunt van: Ellen Bakker. Toch vaststellen?" })
        .getByRole("button", { name: "Ja, besluit vaststellen" })
        .click();
      for (const p of all) {
        await decisions(p).getByText("Vastgesteld", { exact: true }).waitFor();
        await decisions(p)
          .getByText(/Planversie \d+/)
          .waitFor();
        expect(await decisions(p).getByRole("button", { name: "Eens", exact: true }).count()).toBe(0);
        expect(await decisions(p).getByText("Nog geen standpunt").count()).toBe(0);
      }

      // The chair creates an action for the case director; everyone sees it appear.
      const form = actions(chair);
      await form.getByRole("button", { name: "Actiepunt toevoegen" }).click();
      await form.getByText("Vul dit veld in.").first().waitFor();
      await form
        .getByLabel("Wat moet er gebeuren?")
        .fill("Oma en moeder samen de ophaalafspraken laten maken");
      const ownerOptions = await form.getByLabel("Eigenaar").locator("option").allTextContents();
      expect(ownerOptions).toContain("Joris Smit — Wijkteam Zwolle-Zuid");
      expect(ownerOptions.join()).not.toContain("Tom Visser");
      await form.getByLabel("Eigenaar").selectOption({ label: "Joris Smit — Wijkteam Zwolle-Zuid" });
      // A date in the past cannot be picked, and typed anyway the server's answer shows at the field.
      const dueDate = form.getByLabel("Uiterlijk op");
      expect(await dueDate.getAttribute("min")).toBe(amsterdamDate(new Date()));
      await dueDate.fill("2020-01-01");
      await form.getByRole("button", { name: "Actiepunt toevoegen" }).click();
      const pastDate = form.getByText("Deze datum ligt in het verleden. Kies vandaag of later.");
      await pastDate.waitFor();
      expect(await dueDate.getAttribute("aria-invalid")).toBe("true");
      expect(await dueDate.getAttribute("aria-describedby")).toBe(await pastDate.getAttribute("id"));
      expect(await isFocused(dueDate)).toBe(true);
      expect(await form.getByRole("alert").count()).toBe(0);
      await screenshot(chair, "conference-action-past-date");
      await dueDate.fill("2026-12-15");
      await form.getByLabel("Hoort bij besluit (optioneel)").selectOption({ index: 1 });
      await form.getByRole("button", { name: "Actiepunt toevoegen" }).click();
      for (const p of all) {
        const item = actions(p).getByRole("listitem").filter({ hasText: "ophaalafspraken" });
        await item.waitFor();
        expect(await item.textContent()).toContain(
          "Joris Smit (Wijkteam Zwolle-Zuid), uiterlijk 15 december 2026",
        );
      }
      // The keyboard stays on the form's button, not on an unrelated decision card.
      await chair.waitForTimeout(300);
      expect(await focused(chair)).toMatchObject({ tag: "BUTTON", text: "Actiepunt toevoegen" });
      expect(await pastDate.count()).toBe(0);
      // The ervaringsdeskundige cannot create actions: no form.
      expect(await actions(expert).getByRole("button", { name: "Actiepunt toevoegen" }).count()).toBe(0);
      await screenshot(chair, "conference-running-chair");
      await screenshot(expert, "conference-running-expert");
      expect(await seriousViolations(chair)).toEqual([]);

      // The review: the late action has no reason yet, so the chair cannot end the conference; the
      // message names it and leads to its reason, which the chair gives with the keyboard.
      const review = panel(chair).getByRole("region", { name: "Openstaande acties" });
      const lateItem = review
        .getByRole("listitem")
        .filter({ hasText: "Aanmelding traumabehandeling moeder bevestigen" });
      await lateItem.getByText("Reden ontbreekt").waitFor();
      await panel(chair).getByRole("button", { name: "Overleg beëindigen" }).click();
      const blocked = panel(chair).getByRole("alert").filter({ hasText: "kan pas eindigen" });
      expect(await blocked.textContent()).toContain("Aanmelding traumabehandeling moeder bevestigen");
      expect(await isFocused(blocked)).toBe(true);
      expect(await panel(chair).getByRole("button", { name: "Ja, overleg beëindigen" }).count()).toBe(0);
      await screenshot(chair, "conference-end-blocked");
      await panel(chair).getByRole("button", { name: "Naar de openstaande acties" }).click();
      const reasonSelect = lateItem.getByLabel("Reden vertraging");
      await expect.poll(() => isFocused(reasonSelect)).toBe(true);
      // The same words as on Mijn acties and the Actieoverzicht.
      expect(await lateItem.getByLabel("Status").locator("option").allTextContents()).toContain("Gereed");
      await chair.keyboard.press("ArrowDown"); // "Omstandigheden gewijzigd"
      await chair.keyboard.press("Tab"); // to "Opslaan"
      await chair.keyboard.press("Enter");
      await lateItem.getByText("Opgeslagen").waitFor();
      await lateItem.getByText("Reden ontbreekt").waitFor({ state: "detached" });
      expect(await reasonSelect.inputValue()).toBe("circumstances_changed");

      // A proposal nobody took up keeps it from ending too (it could not be adopted afterwards);
      // the message leads the chair's keyboard to it.
      const open = "Moeder krijgt een eigen sleutel van de opvangwoning.";
      await decisions(expert).getByLabel("Voorstel voor een besluit").fill(open);
      await decisions(expert).getByRole("button", { name: "Besluit voorstellen" }).click();
      const openCard = decisions(chair).locator("[data-decision-id]").filter({ hasText: open });
      await openCard.waitFor();
      await panel(chair).getByRole("button", { name: "Overleg beëindigen" }).click();
      const proposalBlock = panel(chair).getByRole("alert").filter({ hasText: "voorstel open" });
      expect(await isFocused(proposalBlock)).toBe(true);
      expect(await proposalBlock.textContent()).not.toContain("te laat");
      await screenshot(chair, "conference-end-blocked-proposal");
      expect(await panel(chair).getByRole("button", { name: "Ja, overleg beëindigen" }).count()).toBe(0);
      await panel(chair).getByRole("button", { name: "Naar de open voorstellen" }).click();
      // The card itself, to read first: not "Besluit vaststellen", which one more Enter would press.
      await expect.poll(() => isFocused(openCard)).toBe(true);
      expect((await focused(chair)).tag).toBe("ARTICLE");
      await openCard.getByRole("button", { name: "Voorstel intrekken" }).click();
      for (const p of all) {
        await decisions(p)
          .locator("[data-decision-id]")
          .filter({ hasText: open })
          .getByText("Ingetrokken")
          .waitFor();
      }

      // The chair ends the conference (with a confirmation step that has the focus; Escape cancels it).
      const endButton = panel(chair).getByRole("button", { name: "Overleg beëindigen" });
      await endButton.click();
      const confirm = panel(chair).getByRole("group", { name: /Weet u zeker/ });
      expect(await isFocused(confirm)).toBe(true);
      await chair.keyboard.press("Escape");
      await confirm.waitFor({ state: "detached" });
      expect(await isFocused(endButton)).toBe(true);
      await chair.keyboard.press("Enter");
      await confirm.waitFor();
      await chair.keyboard.press("Tab");
      await chair.keyboard.press("Enter"); // "Ja, overleg beëindigen"
      for (const p of all) await panel(p).locator(".ep-conf-status", { hasText: "Afgelopen" }).waitFor();
      expect(await decisions(chair).getByRole("button", { name: "Besluit voorstellen" }).count()).toBe(0);
      // The keyboard lands on the new status, not on a decision card.
      await expect.poll(async () => (await focused(chair)).testId).toBe("conference-status");
      expect((await focused(chair)).text).toMatch(/^Afgelopen\s+Afgelopen op \d+ \w+ \d{4} om \d{2}:\d{2}$/);
      // Nothing is "now in discussion" once the conference has ended.
      for (const p of all) {
        expect(await panel(p).getByText("Nu in bespreking").count()).toBe(0);
        expect(await panel(p).locator('[aria-current="step"]').count()).toBe(0);
      }
      await screenshot(chair, "conference-ended-chair");

      // The minutes: attendance, the decision with every position and the objection, the action.
      await panel(expert).getByRole("link", { name: "Verslag bekijken" }).click();
      await expert.getByRole("heading", { level: 2, name: /^Verslag casusoverleg/ }).waitFor();
      const minutes = expert.locator("article");
      const attendanceTable = minutes.getByRole("region", { name: "Aanwezigheid", exact: true });
      for (const name of ["Marco Jansen", "Joris Smit", "Petra Hoekstra"]) {
        await attendanceTable.getByRole("cell", { name }).waitFor();
      }
      expect(
        await attendanceTable.getByRole("row").filter({ hasText: "Karin Mulder" }).textContent(),
      ).toContain("Afgemeld");
      // The agenda as it was planned, in its order (the Markdown had it; the page did not).
      const agenda = minutes.getByRole("region", { name: "Agenda" }).getByRole("listitem");
      expect(await agenda.allTextContents()).toEqual([
        "Openstaande actiepunten",
        "Grootste zorg",
        "Directe veiligheid",
        "Stem van het kind",
        "Besluiten en actiepunten",
      ]);
      const decided = minutes.getByRole("region", { name: "Besluiten" });
      expect(await decided.textContent()).toContain(text);
      const objection = decided.getByRole("row").filter({ hasText: "Petra Hoekstra" });
      expect(await objection.textContent()).toContain("Bezwaar");
      expect(await objection.textContent()).toContain("vraag het haar eerst");
      expect(await decided.getByRole("row").filter({ hasText: "Joris Smit" }).textContent()).toContain(
        "Eens",
      );
      // Present without a position: in the record too.
      expect(await decided.getByRole("row").filter({ hasText: "Ellen Bakker" }).textContent()).toContain(
        "Geen standpunt",
      );
      expect(await decided.textContent()).toMatch(/Planversie \d+/);
      const reviewed = minutes.getByRole("region", { name: "Besproken openstaande acties" });
      expect(await reviewed.textContent()).toContain("Aanmelding traumabehandeling moeder bevestigen");
      expect(await reviewed.textContent()).toContain("Reden vertraging: omstandigheden gewijzigd");
      expect(await reviewed.textContent()).not.toMatch(/[—→]/);
      const agreed = minutes.getByRole("region", { name: "Actiepunten" });
      const actionRow = agreed.getByRole("row").filter({ hasText: "ophaalafspraken" });
      expect(await actionRow.textContent()).toContain("Joris Smit");
      expect(await actionRow.textContent()).toContain("15 december 2026");
      expect(await minutes.getByRole("region", { name: "Planversie" }).textContent()).toMatch(/Versie \d+/);
      const download = minutes.getByRole("link", { name: "Downloaden (Markdown)" });
      const md = await expert.request.get((await download.getAttribute("href")) ?? "");
      expect(md.status()).toBe(200);
      const mdText = await md.text();
      expect(mdText).toContain("vraag het haar eerst");
      expect(mdText).toMatch(/^# Verslag casusoverleg /);
      expect(mdText).toContain("uiterlijk 15 december 2026");
      expect(mdText).toContain("Ellen Bakker (Veilig Thuis IJsselland): geen standpunt");
      expect(mdText).toContain("reden vertraging: omstandigheden gewijzigd");
      await minutes.getByRole("button", { name: "Afdrukken" }).waitFor();
      await screenshot(expert, "conference-minutes");
      // Printed, only the verslag remains: no navigation, tabs or buttons.
      await expert.emulateMedia({ media: "print" });
      expect(await expert.locator(".ep-header").isVisible()).toBe(false);
      expect(await minutes.getByRole("button", { name: "Afdrukken" }).isVisible()).toBe(false);
      expect(await attendanceTable.isVisible()).toBe(true);
      await screenshot(expert, "conference-minutes-print");
      await expert.emulateMedia({ media: "screen" });
      expect(await seriousViolations(expert)).toEqual([]);

      // The minutes list shows the ended conference; the tab is in the case header.
      await expert.getByRole("link", { name: "Alle verslagen" }).click();
      await expert
        .getByRole("link", { name: /^Overleg van/ })
        .first()
        .waitFor();
      await screenshot(expert, "conference-minutes-list");
      expect(
        await expert.getByRole("link", { name: "Verslagen", exact: true }).getAttribute("aria-current"),
      ).toBe("page");
    });
    // Fewer open browsers for the next test on this small machine.
    await Promise.all(all.map((p) => p.context().close()));
  });

  it("lets an observer follow without acting, the chair go on past a warning, and late or reconnecting members catch up", async () => {
    const chairClient = await web.server.loginAs("voorzitter");
    const scheduled = await chairClient.post(`/api/cases/${web.caseId}/conferences`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: [{ title: "Directe veiligheid", sectionKey: "immediate_safety" }],
    });
    expect(scheduled.status).toBe(201);
    const [chair, observer] = await Promise.all([member("voorzitter"), member("coordinator")]);
    await withScreenshots([chair, observer], "conference-observer", async () => {
      await panel(observer).getByText("U volgt dit overleg als toehoorder.", { exact: false }).waitFor();
      await startConference(panel(chair));
      await panel(observer).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();

      // The review: the late action gets its reason; the observer sees it recorded.
      const late = (p: Page) =>
        panel(p)
          .getByRole("region", { name: "Openstaande acties" })
          .getByRole("listitem")
          .filter({ hasText: "traumabehandeling" });
      expect(await late(chair).textContent()).toContain("Te laat");
      await late(chair).getByLabel("Reden vertraging").selectOption({ label: "Niet uitgevoerd" });
      await late(chair).getByRole("button", { name: "Opslaan" }).click();
      await late(chair).getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
      await late(observer).getByText("Niet uitgevoerd", { exact: false }).waitFor();

      // Intimate terror: the server refuses the text until the chair records a reason.
      const text = "Relatietherapie voor vader en moeder starten zodra het rustig is.";
      await decisions(chair).getByLabel("Voorstel voor een besluit").fill(text);
      await decisions(chair).getByRole("button", { name: "Besluit voorstellen" }).click();
      const warning = decisions(chair).getByRole("alert").filter({ hasText: "intiem terreur" });
      await warning.waitFor();
      expect(await warning.textContent()).toContain("Relatietherapie");
      expect(await decisions(observer).getByText(text).count()).toBe(0);
      await decisions(chair)
        .getByLabel("Waarom gaat u toch door? (wordt vastgelegd)")
        .fill("Alleen na toestemming van Veilig Thuis en met aparte intake; besproken met moeder.");
      await decisions(chair).getByRole("button", { name: "Doorgaan met deze reden" }).click();
      await decisions(observer).getByText(text).waitFor();
      await decisions(observer).getByText("Doorgegaan ondanks waarschuwing", { exact: false }).waitFor();

      // The observer sees everything and can do nothing.
      expect(await panel(observer).getByRole("button").count()).toBe(0);
      expect(await panel(observer).getByRole("textbox").count()).toBe(0);
      await screenshot(observer, "conference-observer");
      expect(await seriousViolations(observer)).toEqual([]);

      // A refused intent is announced as an alert with the server's reason.
      await decisions(chair).getByRole("button", { name: "Bezwaar", exact: true }).click();
      await decisions(chair).getByLabel("Reden van uw bezwaar").fill("x".repeat(2001));
      await decisions(chair).getByRole("button", { name: "Bezwaar vastleggen" }).click();
      const refused = decisions(chair).getByRole("alert").filter({ hasText: "Niet gelukt" });
      await refused.waitFor();
      await screenshot(chair, "conference-warning-refusal");
      await decisions(chair).getByRole("button", { name: "Eens", exact: true }).click();
      await decisions(observer).getByText("1 eens, 0 onthouding, 0 bezwaar").waitFor();

      // Keyboard only: the chair adopts with Enter and stays on the decision card.
      await decisions(chair).getByRole("button", { name: "Besluit vaststellen" }).focus();
      await chair.keyboard.press("Enter");
      await decisions(observer).getByText("Vastgesteld", { exact: true }).waitFor();
      await expect.poll(() => chair.evaluate(() => document.activeElement?.tagName)).toBe("ARTICLE");

      // The connection drops: the panel says so; what happened meanwhile arrives when it returns.
      await observer.context().setOffline(true);
      await panel(observer).getByText("Geen verbinding", { exact: false }).waitFor();
      const meanwhile = "Volgende evaluatie in het overleg over zes weken.";
      await decisions(chair).getByLabel("Voorstel voor een besluit").fill(meanwhile);
      await decisions(chair).getByRole("button", { name: "Besluit voorstellen" }).click();
      await decisions(chair).getByText(meanwhile).waitFor();
      await observer.context().setOffline(false);
      await decisions(observer).getByText(meanwhile).waitFor();

      // A late joiner gets the same state as everyone else.
      const newcomer = await member("veiligthuis");
      await decisions(newcomer).getByText(meanwhile).waitFor();
      const cards = (p: Page) => decisions(p).locator("article p").allTextContents();
      expect(await cards(newcomer)).toEqual(await cards(observer));
      expect(await decisions(newcomer).locator("article").count()).toBe(2);

      // English second: the observer switches language and reads the same state.
      await observer.getByRole("button", { name: "English" }).click();
      const english = observer.getByRole("region", { name: "Case conference" });
      await english.getByText("1 agree, 0 abstain, 0 object").waitFor();
      await english.getByText("Adopted", { exact: true }).waitFor();
    });
  });

  it("lists conferences by the day they were held, and names a running one by its start", async () => {
    // Two held conferences whose held order differs from their planned order: the first was put
    // off for two weeks, the second held as planned (in between).
    const db = web.server.deps.database.db;
    const { id: chairId } = await demoUser(db, "voorzitter");
    const held = (scheduledAt: string, startedAt: string) => ({
      caseId: web.caseId,
      status: "ended" as const,
      scheduledAt: new Date(scheduledAt),
      startedAt: new Date(startedAt),
      endedAt: new Date(new Date(startedAt).getTime() + 45 * 60_000),
      createdBy: chairId,
    });
    const [postponed, onTime] = await db
      .insert(conferences)
      .values([
        held("2026-10-05T08:00:00Z", "2026-10-19T12:00:00Z"),
        held("2026-10-12T08:00:00Z", "2026-10-12T08:00:00Z"),
      ])
      .returning({ id: conferences.id });
    // A running conference planned for later today (the previous test left one; run alone, make one).
    const [running] = await db
      .select({ id: conferences.id })
      .from(conferences)
      .where(and(eq(conferences.caseId, web.caseId), eq(conferences.status, "in_progress")));
    if (!running) {
      await db.insert(conferences).values({
        caseId: web.caseId,
        status: "in_progress",
        scheduledAt: new Date(Date.now() + 2 * 3_600_000),
        startedAt: new Date(Date.now() - 600_000),
        createdBy: chairId,
      });
    }
    const client = await web.server.loginAs("wijkteam");
    const list: { id: string; status: string; scheduledAt: string; startedAt: string | null }[] = (
      await client.get(`/api/cases/${web.caseId}/conferences`)
    ).json.conferences;
    const heldAt = (c: (typeof list)[number]) => c.startedAt ?? c.scheduledAt;
    const page = await (await loggedInContext(web.browser, web.server, "wijkteam")).newPage();
    /** A date as the app writes it, with the browser's own Intl (`month`: long in lists, short in the picker). */
    const dutch = (iso: string, month: "long" | "short") =>
      page.evaluate(
        ([iso, month]) =>
          new Intl.DateTimeFormat("nl-NL", {
            timeZone: "Europe/Amsterdam",
            day: "numeric",
            month: month as "long" | "short",
            year: "numeric",
            hour: "2-digit",
            minute: "2-digit",
          }).format(new Date(iso)),
        [iso, month],
      );

    // Verslagen: newest first by the day each was held, and named by that day.
    await page.goto(`/casussen/${web.caseId}/verslagen`);
    const items = page.locator(".ep-conf-minutes-list > li");
    await items.first().waitFor();
    const newestFirst = [...list].sort((a, b) => heldAt(b).localeCompare(heldAt(a)));
    const expected = [];
    for (const c of newestFirst) expected.push(`Overleg van ${await dutch(heldAt(c), "long")}`);
    const shown = await items.evaluateAll((lis) => lis.map((li) => li.firstElementChild?.textContent ?? ""));
    expect(shown).toEqual(expected);
    const links = await page
      .getByRole("link", { name: /^Overleg van/ })
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const at = (id: string) => links.findIndex((href) => href.endsWith(`/verslagen/${id}`));
    expect(at(postponed.id)).toBeGreaterThanOrEqual(0);
    expect(at(postponed.id)).toBeLessThan(at(onTime.id));
    expect(shown).toContain("Overleg van 19 oktober 2026 om 14:00");
    expect(shown).toContain("Overleg van 12 oktober 2026 om 10:00");
    const now = list.find((c) => c.status === "in_progress");
    expect(now?.startedAt).toBeTruthy();
    expect(shown).toContain(`Overleg van ${await dutch(now?.startedAt ?? "", "long")}`);

    // The panel's picker: the running one first, named by its start; the held ones last first.
    await page.goto(`/casussen/${web.caseId}`);
    const picker = panel(page).getByLabel("Overleg", { exact: true });
    await picker.waitFor();
    const options = await picker.locator("option").allTextContents();
    expect(options[0]).toBe(`${await dutch(now?.startedAt ?? "", "short")} — Bezig`);
    const heldOptions = options.filter((o) => o.endsWith("— Afgelopen"));
    const heldExpected = [];
    for (const c of newestFirst.filter((c) => c.status === "ended"))
      heldExpected.push(`${await dutch(heldAt(c), "short")} — Afgelopen`);
    expect(heldOptions).toEqual(heldExpected);
    expect(options.slice(-heldOptions.length)).toEqual(heldExpected);
    await page.context().close();
  });
});
