/**
 * The minutes of a held conference as a reader uses them: the attendance says in words how many of
 * those listed were there, each plan version adopted is a link to that version, and an action agreed
 * with a decision says which one.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../shared/dates";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { closeAfterEachTest, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { endAsChair } from "../helpers/conference-start";
import { connectAs, emitAck } from "../helpers/socket";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

const decisionText = "Moeder krijgt deze week een AWARE-alarm.";
const actionTitle = "AWARE-alarm aanvragen bij de politie";

/**
 * The demo conference held over Socket.IO: the chair and the police officer there from the start,
 * Veilig Thuis excused, one decision adopted (plan version 1) and one action agreed with it.
 */
async function holdConference(): Promise<string> {
  const db = web.server.deps.database.db;
  const [chair, police] = await Promise.all([
    connectAs(web.server, "voorzitter"),
    connectAs(web.server, "politie"),
  ]);
  try {
    const client = await web.server.loginAs("voorzitter");
    const list = await client.get(`/api/cases/${web.caseId}/conferences`);
    const conferenceId: string = list.json.conferences.find(
      (c: { status: string }) => c.status === "scheduled",
    ).id;
    const joined = await emitAck(chair, "conference:join", { conferenceId });
    expect(joined.ok).toBe(true);
    expect((await emitAck(police, "conference:join", { conferenceId })).ok).toBe(true);
    expect((await emitAck(chair, "conference:start", { conferenceId })).ok).toBe(true);
    const excused = await emitAck(chair, "attendance:set", {
      conferenceId,
      userId: (await demoUser(db, "veiligthuis")).id,
      present: "excused",
    });
    expect(excused.ok).toBe(true);
    const proposed = await emitAck(chair, "decision:propose", { conferenceId, text: decisionText });
    expect(proposed.ok).toBe(true);
    const adopted = await emitAck(chair, "decision:adopt", { decisionId: proposed.decision.id });
    expect(adopted.ok).toBe(true);
    const created = await emitAck(chair, "action:create", {
      conferenceId,
      title: actionTitle,
      ownerUserId: (await demoUser(db, "politie")).id,
      dueDate: addDays(amsterdamDate(new Date()), 7),
      decisionId: proposed.decision.id,
    });
    expect(created.ok).toBe(true);
    await endAsChair(chair, conferenceId, joined.state.openActions);
    return conferenceId;
  } finally {
    chair.close();
    police.close();
  }
}

/** The accessible name of the element with the keyboard focus (a link's text). */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

describe.runIf(web.run)("the minutes as a reader uses them", () => {
  it("counts in words who of those listed were there, links each plan version, and names an action's decision", async () => {
    const conferenceId = await holdConference();
    const context = open.keep(await loggedInContext(web.browser, web.server, "wijkteam"));
    const page = open.watch(await context.newPage(), "wijkteam");
    await withScreenshots([page], "minutes-links", async () => {
      const path = `/casussen/${web.caseId}/verslagen/${conferenceId}`;
      await page.goto(path);
      const minutes = page.locator("article");

      // Everyone on the case is listed, there or not; the heading names the list, the text counts.
      const attendance = minutes.getByRole("region", { name: "Aanwezigheid", exact: true });
      expect(await attendance.getByRole("heading").textContent()).toBe("Aanwezigheid");
      const rows = attendance.getByRole("table").locator("tbody tr");
      await rows.first().waitFor();
      const presence = await rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild?.textContent));
      expect(presence.length).toBe(6);
      expect(presence.filter((p) => p === "Aanwezig").length).toBe(2);
      expect(presence).toContain("Afgemeld");
      expect(presence).toContain("Aanwezigheid niet vastgelegd");
      expect(await attendance.getByText(/^Aanwezig: \d+ van de \d+\.$/).textContent()).toBe(
        "Aanwezig: 2 van de 6.",
      );

      // The action agreed with the decision says which one, by its number in the list above.
      const decided = minutes.getByRole("region", { name: "Besluiten" }).getByRole("listitem");
      expect(await decided.first().textContent()).toContain(decisionText);
      const action = minutes
        .getByRole("region", { name: "Actiepunten" })
        .getByRole("row")
        .filter({ hasText: actionTitle });
      expect(await action.getByRole("cell").first().textContent()).toBe(
        `${actionTitle}Hoort bij besluit 1: “${decisionText}”`,
      );
      await screenshot(page, "minutes-links");
      expect(await seriousViolations(page)).toEqual([]);

      // The adopted version, from the decision and from the list of versions, opens at the keyboard.
      const planVersion = minutes.getByRole("region", { name: "Planversie" });
      expect(await planVersion.getByRole("link").allTextContents()).toEqual([
        "Versie 1 van het veiligheidsplan",
      ]);
      expect(await decided.first().getByRole("link", { name: "Planversie 1" }).getAttribute("href")).toBe(
        `/casussen/${web.caseId}/versies?versie=1`,
      );
      await minutes.getByRole("link", { name: "Downloaden (Markdown)" }).focus();
      for (let i = 0; i < 40 && (await focusedText(page)) !== "Versie 1 van het veiligheidsplan"; i++) {
        await page.keyboard.press("Tab");
      }
      expect(await focusedText(page)).toBe("Versie 1 van het veiligheidsplan");
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => u.pathname.endsWith("/versies") && u.searchParams.get("versie") === "1");
      await page.getByRole("heading", { level: 2, name: "Versie 1" }).waitFor();
      await page.goBack();
      await page.waitForURL((u) => u.pathname === path);
      await minutes.getByRole("region", { name: "Planversie" }).waitFor();
    });
  });
});
