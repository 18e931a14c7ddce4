/**
 * The agenda at the keyboard: the chair marks any item as the one being discussed, also one about
 * no plan section ("Openstaande actiepunten"), and the others see and hear it; planning the next
 * conference keeps the order the chair gives, and starts with the open actions when there are any.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import {
  closeAfterEachTest,
  isFocused,
  loggedInContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { endAsChair } from "../helpers/conference-start";
import { connectAs, emitAck } from "../helpers/socket";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

/** A demo member's browser on the demo case, its conference panel loaded. */
async function member(key: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto(`/casussen/${web.caseId}`);
  await panel(page).getByRole("heading", { name: "Casusoverleg" }).waitFor();
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });
const agenda = (page: Page) => panel(page).getByRole("region", { name: "Agenda", exact: true });
/** The agenda item (a list item) with this title. */
const item = (page: Page, title: string) => agenda(page).getByRole("listitem").filter({ hasText: title });
/** The titles of the items marked as now in discussion (`aria-current`). */
const currentItems = (page: Page) =>
  agenda(page)
    .locator('li[aria-current="step"]')
    .evaluateAll((items) => items.map((li) => li.firstElementChild?.firstChild?.textContent?.trim()));
/** Every polite live region of the panel, together: what a screen reader was told last. */
const heard = (page: Page) =>
  panel(page)
    .locator('[role="status"][aria-live="polite"]')
    .evaluateAll((regions) => regions.map((r) => r.textContent ?? "").join(" | "));

/** The accessible name of the element with the keyboard focus, as far as these controls go. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const label = el?.labels?.[0]?.textContent;
    return el?.getAttribute("aria-label") ?? (label ?? el?.textContent ?? "").trim();
  });

/** Presses Tab (or Shift+Tab) until the control named `name` has the keyboard; fails when it is not reached. */
async function tabTo(page: Page, name: string, key: "Tab" | "Shift+Tab" = "Tab", max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** The demo conference, ended over Socket.IO the way a chair would (late actions explained). */
async function endDemoConference(): Promise<void> {
  const chair = await connectAs(web.server, "voorzitter");
  try {
    const client = await web.server.loginAs("voorzitter");
    const list = await client.get(`/api/cases/${web.caseId}/conferences`);
    const demo = list.json.conferences.find((c: { status: string }) => c.status !== "ended");
    if (!demo) return;
    const conferenceId = demo.id;
    const joined = await emitAck(chair, "conference:join", { conferenceId });
    expect(joined.ok).toBe(true);
    if (demo.status === "scheduled")
      expect((await emitAck(chair, "conference:start", { conferenceId })).ok).toBe(true);
    await endAsChair(chair, conferenceId, joined.state.openActions);
  } finally {
    chair.close();
  }
}

describe.runIf(web.run)("the agenda at the keyboard", () => {
  it("lets the chair mark 'Openstaande actiepunten' as discussed now; the others see and hear it", async () => {
    const [chair, expert] = await Promise.all([member("voorzitter"), member("ervaringsdeskundige")]);
    await withScreenshots([chair, expert], "conference-agenda-current", async () => {
      // From the status line, the keyboard goes to "Overleg starten".
      await panel(chair).getByTestId("conference-status").focus();
      await tabTo(chair, "Overleg starten");
      await chair.keyboard.press("Enter");
      // The demo conference is planned two days ahead: the question takes the keyboard; Tab to yes.
      await panel(chair)
        .getByRole("group", { name: /Nu al starten\?$/ })
        .waitFor();
      await chair.keyboard.press("Tab");
      await chair.keyboard.press("Enter");
      for (const p of [chair, expert])
        await panel(p).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();
      expect(await currentItems(expert)).toEqual([]);

      // Every item has its "Bespreken", also those about no plan section.
      await tabTo(chair, "Bespreken: Openstaande actiepunten");
      await agenda(chair).getByRole("button", { name: "Bespreken: Besluiten en actiepunten" }).waitFor();
      await chair.keyboard.press("Enter");

      await expect.poll(() => currentItems(expert)).toEqual(["Openstaande actiepunten"]);
      expect(await item(expert, "Openstaande actiepunten").textContent()).toContain("Nu in bespreking");
      await expect.poll(() => heard(expert)).toContain("De voorzitter bespreekt nu: Openstaande actiepunten");
      // No plan section is being discussed: the panel's "Nu in bespreking" names the item.
      await panel(expert)
        .getByTestId("conference-focus")
        .filter({ hasText: "Nu in bespreking" })
        .filter({ hasText: "Openstaande actiepunten" })
        .waitFor();
      // Only the chair moves the agenda.
      expect(await agenda(expert).getByRole("button").count()).toBe(0);
      // The chair's button went with the item becoming current: the keyboard is on the next one.
      await expect.poll(() => currentItems(chair)).toEqual(["Openstaande actiepunten"]);
      await expect.poll(() => focusedName(chair)).toBe("Bespreken: Grootste zorg");
      await screenshot(expert, "conference-agenda-current");
      expect(await seriousViolations(expert)).toEqual([]);
      await expert.setViewportSize({ width: 320, height: 800 });
      await screenshot(expert, "conference-agenda-current-320");
      await expert.setViewportSize({ width: 1280, height: 900 });

      // Coming back later (a reload) shows the same item as current.
      await expert.reload();
      await expect.poll(() => currentItems(expert)).toEqual(["Openstaande actiepunten"]);

      // A plan item moves everyone there, as before, and is announced by the panel.
      await chair.keyboard.press("Enter");
      await expect.poll(() => currentItems(expert)).toEqual(["Grootste zorg"]);
      await panel(expert).getByTestId("conference-focus").filter({ hasText: "Grootste zorg" }).waitFor();
      await expect.poll(() => heard(expert)).toContain("De voorzitter bespreekt nu: Grootste zorg");

      // Opened on a section of her own, she is offered the one under discussion with a notice.
      await expert.goto(`/casussen/${web.caseId}?sectie=lived_experience`);
      const notice = expert.getByTestId("conference-follow-notice");
      await notice.getByText("De voorzitter bespreekt nu ‘Grootste zorg’.").waitFor();

      // And the closing item about no section, further down the agenda: the notice offering the
      // section no longer discussed goes, the panel names the item.
      await tabTo(chair, "Bespreken: Besluiten en actiepunten");
      await chair.keyboard.press("Enter");
      await expect.poll(() => currentItems(expert)).toEqual(["Besluiten en actiepunten"]);
      await expect
        .poll(() => heard(expert))
        .toContain("De voorzitter bespreekt nu: Besluiten en actiepunten");
      await panel(expert)
        .getByTestId("conference-focus")
        .filter({ hasText: "Besluiten en actiepunten" })
        .waitFor();
      await expect.poll(() => notice.count()).toBe(0);
      await expert.getByRole("heading", { level: 2, name: "Inbreng ervaringsdeskundige" }).waitFor();
    });
  });

  it("plans the next conference in the order the chair gives, the open actions first", async () => {
    await endDemoConference();
    const chair = await member("voorzitter");
    await withScreenshots([chair], "conference-agenda-plan", async () => {
      const form = panel(chair).getByRole("region", { name: "Volgend overleg plannen" });
      const other = form.getByLabel("Andere agendapunten (optioneel, één per regel)");
      // The case has open and late actions: the new agenda starts with them.
      await expect.poll(() => other.inputValue()).toBe("Openstaande actiepunten");
      const order = form.getByRole("list", { name: "Volgorde van de agenda" });
      await expect
        .poll(() => order.getByRole("listitem").locator("span").allTextContents())
        .toEqual(["Openstaande actiepunten"]);

      await form.getByLabel("Datum").fill(addDays(amsterdamDate(new Date()), 7));
      await form.getByLabel("Tijd").fill("09:30");
      // Two plan sections ticked with the space bar, then one more item typed at the end.
      await tabTo(chair, "Directe veiligheid");
      await chair.keyboard.press("Space");
      await tabTo(chair, "Stem van het kind");
      await chair.keyboard.press("Space");
      await tabTo(chair, "Andere agendapunten (optioneel, één per regel)");
      await chair.keyboard.press("Control+End");
      await chair.keyboard.press("Enter");
      await chair.keyboard.type("Verslag school");
      expect(await order.getByRole("listitem").locator("span").allTextContents()).toEqual([
        "Openstaande actiepunten",
        "Directe veiligheid",
        "Stem van het kind",
        "Verslag school",
      ]);

      // The school's report goes before the child's voice: one place up.
      await tabTo(chair, "Hoger: Verslag school");
      await chair.keyboard.press("Enter");
      expect(await order.getByRole("listitem").locator("span").allTextContents()).toEqual([
        "Openstaande actiepunten",
        "Directe veiligheid",
        "Verslag school",
        "Stem van het kind",
      ]);
      // The keyboard stays on the moved item's button, to move it further.
      expect(await isFocused(order.getByRole("button", { name: "Hoger: Verslag school" }))).toBe(true);
      await expect
        .poll(() => order.locator("xpath=..").getByRole("status").textContent())
        .toBe("‘Verslag school’ staat nu op plaats 3 van 4.");
      // "Hoger" on the first item would do nothing: it says so and does not look like the others.
      const colour = (name: string) =>
        order.getByRole("button", { name }).evaluate((b) => getComputedStyle(b).color);
      const first = order.getByRole("button", { name: "Hoger: Openstaande actiepunten" });
      expect(await first.getAttribute("aria-disabled")).toBe("true");
      expect(await colour("Hoger: Openstaande actiepunten")).not.toBe(
        await colour("Hoger: Directe veiligheid"),
      );
      expect(await colour("Lager: Stem van het kind")).toBe(await colour("Hoger: Openstaande actiepunten"));
      // Editing a line keeps its place.
      await tabTo(chair, "Andere agendapunten (optioneel, één per regel)", "Shift+Tab");
      await chair.keyboard.press("Control+End");
      await chair.keyboard.type(" groep 5");
      expect(await order.getByRole("listitem").locator("span").allTextContents()).toEqual([
        "Openstaande actiepunten",
        "Directe veiligheid",
        "Verslag school groep 5",
        "Stem van het kind",
      ]);
      expect(await seriousViolations(chair)).toEqual([]);
      await screenshot(chair, "conference-agenda-plan");
      await chair.setViewportSize({ width: 320, height: 800 });
      await screenshot(chair, "conference-agenda-plan-320");
      await chair.setViewportSize({ width: 1280, height: 900 });

      await tabTo(chair, "Overleg plannen");
      await chair.keyboard.press("Enter");
      await panel(chair).locator(".ep-conf-status", { hasText: "Gepland" }).waitFor();
      const planned = [
        "Openstaande actiepunten",
        "Directe veiligheid",
        "Verslag school groep 5",
        "Stem van het kind",
      ];
      await expect.poll(() => agenda(chair).getByRole("listitem").allTextContents()).toEqual(planned);
      // Stored in that order, each plan item with its section.
      const list = await (await web.server.loginAs("voorzitter")).get(`/api/cases/${web.caseId}/conferences`);
      const next = list.json.conferences.find((c: { status: string }) => c.status === "scheduled");
      expect(next.agenda).toEqual([
        { title: "Openstaande actiepunten" },
        { title: "Directe veiligheid", sectionKey: "immediate_safety" },
        { title: "Verslag school groep 5" },
        { title: "Stem van het kind", sectionKey: "child_voice" },
      ]);
    });
  });
});
