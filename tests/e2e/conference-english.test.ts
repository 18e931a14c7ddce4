/**
 * The conference in English: after a switch of language the agenda's plan sections, "Now
 * discussing", the agenda being planned and the minutes page name each section in English, beside an
 * English sidebar (the Markdown download stays a Dutch document); the note that a conference was
 * planned follows the switch; and the planning form of a case that never met speaks of a first
 * conference, not a review.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import { closeAfterEachTest, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { endAsChair } from "../helpers/conference-start";
import { connectAs, emitAck } from "../helpers/socket";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

/** A demo member's browser on a case workspace, its conference panel loaded. */
async function member(key: string, caseId: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto(`/casussen/${caseId}`);
  await page.locator(".ep-conf").getByRole("heading", { level: 2 }).waitFor();
  return page;
}

/** The conference panel, in either language. */
const panel = (page: Page): Locator => page.getByRole("region", { name: /^(Casusoverleg|Case conference)$/ });
const agendaItems = (page: Page) =>
  panel(page)
    .getByRole("region", { name: "Agenda", exact: true })
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => li.firstElementChild?.firstChild?.textContent?.trim()));
const switchTo = async (page: Page, language: "English" | "Nederlands") =>
  page.getByRole("button", { name: language }).click();

/** Ends the running demo conference over Socket.IO as the chair (its late action explained first). */
async function endConference(conferenceId: string): Promise<void> {
  const chair = await connectAs(web.server, "voorzitter");
  try {
    const joined = await emitAck(chair, "conference:join", { conferenceId });
    expect(joined.ok).toBe(true);
    await endAsChair(chair, conferenceId, joined.state.openActions);
  } finally {
    chair.close();
  }
}

describe.runIf(web.run)("the conference after switching to English", () => {
  it("names the agenda's plan sections in English, in the panel and in the minutes; the download stays Dutch", async () => {
    const chair = await member("voorzitter", web.caseId);
    await withScreenshots([chair], "conference-english-agenda", async () => {
      await panel(chair).getByRole("region", { name: "Agenda", exact: true }).waitFor();
      await switchTo(chair, "English");
      await panel(chair).getByRole("heading", { name: "Case conference" }).waitFor();
      // Plan sections in English; the items typed in Dutch stay as they were typed.
      await expect
        .poll(() => agendaItems(chair))
        .toEqual([
          "Openstaande actiepunten",
          "Main concern",
          "Immediate safety",
          "Voice of the child",
          "Besluiten en actiepunten",
        ]);

      await panel(chair).getByRole("button", { name: "Start conference" }).click();
      await panel(chair).getByRole("button", { name: "Yes, start now" }).click();
      await panel(chair).locator(".ep-conf-status", { hasText: "In progress" }).waitFor();
      await panel(chair).getByRole("button", { name: "Discuss: Main concern" }).click();
      const now = panel(chair).getByTestId("conference-focus");
      await now.filter({ hasText: "Now discussing" }).filter({ hasText: "Main concern" }).waitFor();
      expect(await panel(chair).locator('[aria-current="step"]').textContent()).toBe(
        "Main concern Now discussing",
      );
      await screenshot(chair, "conference-english-agenda");
      expect(await seriousViolations(chair)).toEqual([]);

      // Back to Dutch and again to English: everything follows at once.
      await switchTo(chair, "Nederlands");
      await now.filter({ hasText: "Grootste zorg" }).waitFor();
      expect((await agendaItems(chair)).slice(1, 4)).toEqual([
        "Grootste zorg",
        "Directe veiligheid",
        "Stem van het kind",
      ]);
      expect(await panel(chair).getByRole("button", { name: "Bespreken: Directe veiligheid" }).count()).toBe(
        1,
      );
      await switchTo(chair, "English");
      await now.filter({ hasText: "Main concern" }).waitFor();

      // The minutes page in English too; the Markdown is the Dutch document.
      const conferenceId = (
        await (await web.server.loginAs("voorzitter")).get(`/api/cases/${web.caseId}/conferences`)
      ).json.conferences.find((c: { status: string }) => c.status === "in_progress").id;
      await endConference(conferenceId);
      await panel(chair).getByRole("link", { name: "View minutes" }).click();
      const minutes = chair.locator("article");
      const agenda = minutes.getByRole("region", { name: "Agenda" }).getByRole("listitem");
      await agenda.first().waitFor();
      expect(await agenda.allTextContents()).toEqual([
        "Openstaande actiepunten",
        "Main concern",
        "Immediate safety",
        "Voice of the child",
        "Besluiten en actiepunten",
      ]);
      await screenshot(chair, "conference-english-minutes");
      expect(await seriousViolations(chair)).toEqual([]);
      const download = minutes.getByRole("link", { name: "Download (Markdown)" });
      const md = await (await chair.request.get((await download.getAttribute("href")) ?? "")).text();
      expect(md).toContain(
        "## Agenda\n\n- Openstaande actiepunten\n- Grootste zorg\n- Directe veiligheid\n- Stem van het kind\n",
      );
    });
  });

  it("plans a case's first conference as a first one, and the note of it follows a switch of language", async () => {
    // A new case with the voorzitter as its chair and no conference yet.
    const coordinator = await web.server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-EN-001",
      title: "Huishouden Engels",
    });
    expect(created.status).toBe(201);
    const caseId: string = created.json.id;
    const chairId = (await (await web.server.loginAs("voorzitter")).get("/api/me")).json.id;
    expect(
      (await coordinator.post(`/api/cases/${caseId}/members`, { userId: chairId, role: "chair" })).status,
    ).toBe(201);

    const chair = await member("voorzitter", caseId);
    await withScreenshots([chair], "conference-english-first", async () => {
      await switchTo(chair, "English");
      const form = panel(chair).getByRole("region", { name: "Schedule the next conference" });
      // Nothing was held yet: there are no open actions to start with.
      await form.getByText("This will be the first conference on this case.", { exact: false }).waitFor();
      expect(await form.getByText("A review conference", { exact: false }).count()).toBe(0);
      await form.getByLabel("Date").fill(addDays(amsterdamDate(new Date()), 1));
      await form.getByLabel("Time (Dutch time)").fill("10:00");
      await form.getByLabel("Main concern").check();
      await form.getByLabel("Household and network").check();
      const order = form.getByRole("list", { name: "Order of the agenda" }).getByRole("listitem");
      await expect
        .poll(() => order.evaluateAll((lis) => lis.map((li) => li.firstElementChild?.textContent)))
        .toEqual(["Main concern", "Household and network"]);
      await screenshot(chair, "conference-english-first-form");
      expect(await seriousViolations(chair)).toEqual([]);
      await form.getByRole("button", { name: "Schedule conference" }).click();

      const note = panel(chair)
        .getByRole("status")
        .filter({ hasText: /conference is scheduled for|overleg is gepland op/ });
      await note.waitFor();
      expect(await note.textContent()).toMatch(
        /^The next conference is scheduled for \d+ [A-Z][a-z]+ \d{4} at 10:00\.$/,
      );
      await expect.poll(() => agendaItems(chair)).toEqual(["Main concern", "Household and network"]);
      await switchTo(chair, "Nederlands");
      await expect
        .poll(() => note.textContent())
        .toMatch(/^Het volgende overleg is gepland op \d+ [a-z]+ \d{4} om 10:00\.$/);
      await expect.poll(() => agendaItems(chair)).toEqual(["Grootste zorg", "Gezin en netwerk"]);
      await screenshot(chair, "conference-english-first-planned-nl");
    });
  });
});
