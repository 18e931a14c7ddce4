/**
 * The minutes keep each action as it stood when the conference ended ("Het verslag wordt dan
 * vastgelegd"): an owner who sets it to Bezig afterwards does not rewrite the record, on the page or
 * in the Markdown. The page says beside it what it is now, with a way to the action.
 */
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

const started = "AWARE-alarm aanvragen bij de politie";
const untouched = "Oma vragen de ophaaldagen te bevestigen";

/** The demo conference held over Socket.IO with two actions agreed; its id and the actions' ids. */
async function holdConference(): Promise<{ conferenceId: string; actionIds: string[] }> {
  const db = web.server.deps.database.db;
  const chair = await connectAs(web.server, "voorzitter");
  try {
    const client = await web.server.loginAs("voorzitter");
    const list = await client.get(`/api/cases/${web.caseId}/conferences`);
    const conferenceId: string = list.json.conferences.find(
      (c: { status: string }) => c.status === "scheduled",
    ).id;
    const joined = await emitAck(chair, "conference:join", { conferenceId });
    expect(joined.ok).toBe(true);
    expect((await emitAck(chair, "conference:start", { conferenceId })).ok).toBe(true);
    const actionIds: string[] = [];
    for (const [title, owner] of [
      [started, "politie"],
      [untouched, "ervaringsdeskundige"],
    ]) {
      const created = await emitAck(chair, "action:create", {
        conferenceId,
        title,
        ownerUserId: (await demoUser(db, owner)).id,
        dueDate: addDays(amsterdamDate(new Date()), 7),
      });
      expect(created.ok).toBe(true);
      actionIds.push(created.action.id);
    }
    await endAsChair(chair, conferenceId, joined.state.openActions);
    return { conferenceId, actionIds };
  } finally {
    chair.close();
  }
}

describe.runIf(web.run)("the minutes after the conference", () => {
  it("show an action as it was at the end, and what it is now beside it", async () => {
    const { conferenceId, actionIds } = await holdConference();
    // Afterwards the police officer starts on her action.
    const police = await web.server.loginAs("politie");
    const patched = await police.patch(`/api/actions/${actionIds[0]}`, { status: "in_progress" });
    expect(patched.status).toBe(200);

    const context = open.keep(await loggedInContext(web.browser, web.server, "wijkteam"));
    const page = open.watch(await context.newPage(), "wijkteam");
    await withScreenshots([page], "minutes-as-ended", async () => {
      await page.goto(`/casussen/${web.caseId}/verslagen/${conferenceId}`);
      const agreed = page.locator("article").getByRole("region", { name: /^(Actiepunten|Action items)$/ });
      const row = agreed.getByRole("row").filter({ hasText: started });
      const status = row.getByRole("cell").last();
      // The record: Open, as it was when the conference ended; now: Bezig, a link to the action.
      const now = status.getByRole("link", { name: `Nu: Bezig (${started})` });
      await now.waitFor();
      expect(await status.textContent()).toBe(`OpenNu: Bezig (${started})`);
      expect(await now.getAttribute("href")).toBe(`/acties/${actionIds[0]}`);
      await agreed
        .getByText("Zo stonden de actiepunten toen het overleg eindigde.", { exact: false })
        .waitFor();
      // Nothing changed on the other one: the record alone.
      const other = agreed.getByRole("row").filter({ hasText: untouched }).getByRole("cell").last();
      expect(await other.textContent()).toBe("Open");
      await screenshot(page, "minutes-as-ended");
      expect(await seriousViolations(page)).toEqual([]);

      // The download is the record too.
      const href = await page.getByRole("link", { name: "Downloaden (Markdown)" }).getAttribute("href");
      const md = await (await page.request.get(href ?? "")).text();
      expect(md).toMatch(
        new RegExp(`- ${started} — Karin Mulder \\(Politie Oost-Nederland\\), uiterlijk .+, open\\n`),
      );
      expect(md).not.toContain("bezig");

      // In English, and on to the action itself.
      await page.getByRole("button", { name: "English" }).click();
      const nowEnglish = status.getByRole("link", { name: `Now: In progress (${started})` });
      await nowEnglish.waitFor();
      expect(await status.textContent()).toBe(`OpenNow: In progress (${started})`);
      await nowEnglish.click();
      await page.waitForURL((u) => u.pathname === `/acties/${actionIds[0]}`);
      await page.getByRole("heading", { level: 1, name: started }).waitFor();
    });
  });
});
