/**
 * Who has the case open before a conference starts. On the day it is planned (Amsterdam) they are
 * "Al aanwezig", waiting for it; days before, the same list would read as attendance, so it is "Nu in
 * de casus" with the note that presence is recorded when the conference starts.
 */
import { eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { conferences } from "../../db/schema";
import { amsterdamDate, amsterdamInstant } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import { closeAfterEachTest, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
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

const panel = (page: Page): Locator => page.getByRole("region", { name: /^(Casusoverleg|Case conference)$/ });
/** The list of who is here, by its heading: "Nu in de casus (2)", "Al aanwezig (2)", "Aanwezig (2)". */
const here = (page: Page) =>
  panel(page).getByRole("region", { name: /^(Nu in de casus|Al aanwezig|Aanwezig|In the case now) \(/ });

describe.runIf(web.run)("who has the case open before the conference", () => {
  it("are 'Nu in de casus' days before it, and 'Al aanwezig' on its day", async () => {
    // The demo conference is planned two days ahead.
    const [chair, director] = await Promise.all([member("voorzitter"), member("wijkteam")]);
    await withScreenshots([chair, director], "conference-presence-day", async () => {
      await expect.poll(() => here(chair).getByRole("heading").textContent()).toBe("Nu in de casus (2)");
      await here(chair)
        .getByText("Wie de casus nu open heeft. Aanwezigheid wordt pas vastgelegd als het overleg begint.")
        .waitFor();
      expect(await panel(chair).getByText("Al aanwezig").count()).toBe(0);
      expect(await panel(chair).getByText("komt als aanwezig in het verslag", { exact: false }).count()).toBe(
        0,
      );
      await screenshot(chair, "conference-presence-other-day");
      expect(await seriousViolations(chair)).toEqual([]);
      await chair.getByRole("button", { name: "English" }).click();
      await expect.poll(() => here(chair).getByRole("heading").textContent()).toBe("In the case now (2)");
      await here(chair)
        .getByText("Who has the case open now. Attendance is recorded only when the conference starts.")
        .waitFor();
      await chair.getByRole("button", { name: "Nederlands" }).click();

      // Moved to today (any hour of it): those here wait for it.
      const db = web.server.deps.database.db;
      await db
        .update(conferences)
        .set({ scheduledAt: amsterdamInstant(amsterdamDate(new Date()), "12:00") })
        .where(eq(conferences.caseId, web.caseId));
      await chair.reload();
      await expect.poll(() => here(chair).getByRole("heading").textContent()).toBe("Al aanwezig (2)");
      await here(chair)
        .getByText("Wie hier staat als het overleg begint, komt als aanwezig in het verslag.")
        .waitFor();
      await screenshot(chair, "conference-presence-planned-day");
    });
  });
});
