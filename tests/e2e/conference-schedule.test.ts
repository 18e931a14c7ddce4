import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { endAsChair } from "../helpers/conference-start";
import { connectAs, emitAck } from "../helpers/socket";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

/** A demo member's browser on a case workspace, its conference panel loaded. */
async function member(key: string, caseId: string): Promise<Page> {
  const context = await loggedInContext(web.browser, web.server, key);
  const page = await context.newPage();
  await page.goto(`/casussen/${caseId}`);
  await panel(page).getByRole("heading", { name: "Casusoverleg" }).waitFor();
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });
const planForm = (page: Page) => panel(page).getByRole("region", { name: "Volgend overleg plannen" });

/** Runs the seeded demo conference from start to end over Socket.IO, the way a chair would. */
async function runDemoConference() {
  const chair = await connectAs(web.server, "voorzitter");
  try {
    const client = await web.server.loginAs("voorzitter");
    const list = await client.get(`/api/cases/${web.caseId}/conferences`);
    const conferenceId = list.json.conferences.find((c: { status: string }) => c.status === "scheduled").id;
    const joined = await emitAck(chair, "conference:join", { conferenceId });
    expect(joined.ok).toBe(true);
    expect((await emitAck(chair, "conference:start", { conferenceId })).ok).toBe(true);
    await endAsChair(chair, conferenceId, joined.state.openActions);
  } finally {
    chair.close();
  }
}

describe.runIf(web.run)("scheduling the next conference from the panel", () => {
  it("lets the chair plan a first conference on a case that has none, then start it", async () => {
    // A new case, made by the coordinator, with the voorzitter as its chair and no conference yet.
    const coordinator = await web.server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-PLAN-001",
      title: "Huishouden Plan-test",
    });
    expect(created.status).toBe(201);
    const caseId = created.json.id;
    const chairClient = await web.server.loginAs("voorzitter");
    const chairId = (await chairClient.get("/api/me")).json.id;
    expect(
      (await coordinator.post(`/api/cases/${caseId}/members`, { userId: chairId, role: "chair" })).status,
    ).toBe(201);

    const chair = await member("voorzitter", caseId);
    await withScreenshots([chair], "conference-schedule-first", async () => {
      await panel(chair).getByText("Er is geen overleg gepland voor deze casus.").waitFor();
      const form = planForm(chair);
      // Nothing was held yet: a first conference, not a review of open actions.
      await form.getByText("Dit wordt het eerste overleg over deze casus.", { exact: false }).waitFor();
      expect(await form.getByText("Een vervolgoverleg", { exact: false }).count()).toBe(0);
      // Empty, then in the past: each problem at its own field.
      await form.getByRole("button", { name: "Overleg plannen" }).click();
      expect(await form.getByText("Vul dit veld in.").count()).toBe(2);
      const date = form.getByLabel("Datum");
      expect(await date.getAttribute("min")).toBe(amsterdamDate(new Date()));
      expect(await isFocused(date)).toBe(true);
      await date.fill("2020-01-01");
      await form.getByLabel("Tijd").fill("10:00");
      await form.getByRole("button", { name: "Overleg plannen" }).click();
      await form.getByText("Deze datum ligt in het verleden. Kies vandaag of later.").waitFor();
      expect(await date.getAttribute("aria-invalid")).toBe("true");

      const tomorrow = addDays(amsterdamDate(new Date()), 1);
      await date.fill(tomorrow);
      await form.getByLabel("Directe veiligheid").check();
      await form.getByLabel("Andere agendapunten (optioneel, één per regel)").fill("Rondvraag");
      expect(await seriousViolations(chair)).toEqual([]);
      await screenshot(chair, "conference-schedule-form");
      await form.getByRole("button", { name: "Overleg plannen" }).click();

      // The panel now shows the planned conference, which the chair can start; the form is gone.
      const note = panel(chair).getByRole("status").filter({ hasText: "Het volgende overleg is gepland op" });
      await note.waitFor();
      expect(await note.textContent()).toMatch(/gepland op \d+ \w+ \d{4} om 10:00\./);
      await expect.poll(() => isFocused(note)).toBe(true);
      await panel(chair).locator(".ep-conf-status", { hasText: "Gepland" }).waitFor();
      expect(await panel(chair).getByTestId("conference-status").textContent()).toContain("om 10:00");
      const agenda = panel(chair).getByRole("region", { name: "Agenda" });
      expect(await agenda.getByRole("listitem").allTextContents()).toEqual([
        "Directe veiligheid",
        "Rondvraag",
      ]);
      expect(await planForm(chair).count()).toBe(0);
      await screenshot(chair, "conference-schedule-planned");

      // Planned for tomorrow: the chair is asked first.
      await panel(chair).getByRole("button", { name: "Overleg starten" }).click();
      await panel(chair).getByRole("button", { name: "Ja, nu starten" }).click();
      await panel(chair).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();
      await agenda.getByRole("button", { name: "Bespreken: Directe veiligheid" }).waitFor();
    });
  });

  it("offers the next conference after one has ended, which starts with the open and late actions", async () => {
    await runDemoConference();
    const [chair, director, expert] = await Promise.all([
      member("voorzitter", web.caseId),
      member("wijkteam", web.caseId),
      member("ervaringsdeskundige", web.caseId),
    ]);
    await withScreenshots([chair, director, expert], "conference-schedule-next", async () => {
      await panel(chair).locator(".ep-conf-status", { hasText: "Afgelopen" }).waitFor();
      // Chair and case director may plan; the ervaringsdeskundige may not, so sees no form.
      await planForm(chair).waitFor();
      await planForm(director).waitFor();
      await panel(expert).locator(".ep-conf-status", { hasText: "Afgelopen" }).waitFor();
      expect(await planForm(expert).count()).toBe(0);

      const form = planForm(director);
      await form.getByText("Een vervolgoverleg begint met de openstaande en te late acties").waitFor();
      await form.getByLabel("Datum").fill(addDays(amsterdamDate(new Date()), 7));
      await form.getByLabel("Tijd").fill("14:30");
      await form.getByLabel("Stabiele veiligheid").check();
      await form.getByRole("button", { name: "Overleg plannen" }).click();
      await panel(director).locator(".ep-conf-status", { hasText: "Gepland" }).waitFor();
      expect(await panel(director).getByTestId("conference-status").textContent()).toContain("om 14:30");

      // The others' open panels show the planned conference without a reload; the chair starts it.
      await panel(expert).locator(".ep-conf-status", { hasText: "Gepland" }).waitFor();
      await panel(chair).locator(".ep-conf-status", { hasText: "Gepland" }).waitFor();
      expect(await planForm(chair).count()).toBe(0);
      // Planned a week ahead: the chair is asked first.
      await panel(chair).getByRole("button", { name: "Overleg starten" }).click();
      await panel(chair).getByRole("button", { name: "Ja, nu starten" }).click();
      await panel(chair).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();
      // The ended conference is listed by the day it was held (today), as its minutes name it.
      const held = new Intl.DateTimeFormat("nl-NL", {
        timeZone: "Europe/Amsterdam",
        day: "numeric",
        month: "short",
        year: "numeric",
      }).format(new Date());
      const choices = await panel(chair)
        .getByLabel("Overleg", { exact: true })
        .locator("option")
        .allTextContents();
      expect(choices.find((c) => c.endsWith("Afgelopen"))).toMatch(
        new RegExp(`^${held}, \\d{2}:\\d{2} — Afgelopen$`),
      );

      // The review conference starts with the case's open and late actions (the server gives them).
      const review = panel(chair).getByRole("region", { name: "Openstaande acties" });
      await review.getByRole("listitem").first().waitFor();
      const titles = (await review.getByRole("listitem").allTextContents()).join(" | ");
      expect(titles).toContain("Aanmelding traumabehandeling moeder bevestigen");
      expect(titles).toContain("AWARE-alarm installeren bij moeder");
      const late = review.getByRole("listitem").filter({ hasText: "traumabehandeling" });
      expect(await late.textContent()).toContain("Te laat");
      expect(await late.getByLabel("Reden vertraging").inputValue()).toBe("circumstances_changed");
      await screenshot(chair, "conference-schedule-review");
      expect(await seriousViolations(chair)).toEqual([]);
    });
  });
});
