/**
 * Emergency access (noodtoegang) is not done behind the case's back: the chair and the case
 * director see, under the header of every case page, who read the file that way in the last 30
 * days, when and why; the other members do not. And the procesregisseur who asked for it, going on
 * to the plan from the keyboard, lands on the notice that her access is active.
 */
import { and, eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { breakGlassGrants, caseMembers } from "../../db/schema";
import { demoUser } from "../followup/fixture";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loggedInPageWithErrors, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const reason = "Acute melding politie over nieuw geweld, voorzitter onbereikbaar.";
const oldReason = "Melding in het weekend, plan nodig voor de crisisdienst.";
const who = "Ingrid de Vries (Zorg- en Veiligheidshuis IJsselland)";

/** "25 november" and "02:10", as the notice writes an instant (Amsterdam time). */
const dayAndTime = (value: Date, lang = "nl-NL") => ({
  day: new Intl.DateTimeFormat(lang, { timeZone: "Europe/Amsterdam", day: "numeric", month: "long" }).format(
    value,
  ),
  time: new Intl.DateTimeFormat(lang, {
    timeZone: "Europe/Amsterdam",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(value),
});

/** Presses Tab until `target` has the keyboard, as someone tabbing through the page would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < 80; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the keyboard never reached the element");
}

/** Where an earlier emergency access is written down: a night a week ago, two hours long. */
function lastWeek(): { from: Date; until: Date } {
  const from = new Date(Date.now() - 7 * 86_400_000);
  from.setUTCHours(1, 10, 0, 0);
  return { from, until: new Date(from.getTime() + 2 * 3_600_000) };
}

describe.runIf(web.run)("emergency access, told to the case's chair and case director", () => {
  it("puts the procesregisseur's keyboard on the notice, and shows the chair who read the file and why", async () => {
    // In the demo data Ingrid de Vries observes the case: here she is not on it. A week ago she
    // looked in by emergency access already.
    const db = web.server.deps.database.db;
    const coordinator = await demoUser(db, "coordinator");
    await db
      .delete(caseMembers)
      .where(and(eq(caseMembers.caseId, web.caseId), eq(caseMembers.userId, coordinator.id)));
    const earlier = lastWeek();
    await db.insert(breakGlassGrants).values({
      caseId: web.caseId,
      userId: coordinator.id,
      reason: oldReason,
      grantedAt: earlier.from,
      expiresAt: earlier.until,
    });

    const { page, errors } = await loggedInPageWithErrors(web.browser, web.server.url, "coordinator");
    await withScreenshots([page], "break-glass-notice-coordinator", async () => {
      // She asks for it from the keyboard, and goes on to the plan.
      await page.goto(`/casussen/${web.caseId}/leden#noodtoegang`);
      await expect
        .poll(() => isFocused(page.getByRole("heading", { name: "Noodtoegang", level: 3 })))
        .toBe(true);
      await page.keyboard.press("Tab");
      await page.keyboard.type(reason);
      await tabTo(page, page.getByRole("form", { name: "Noodtoegang" }).getByRole("button"));
      await page.keyboard.press("Enter");
      const granted = page.getByRole("status").filter({ hasText: /U heeft noodtoegang tot/ });
      await expect.poll(() => isFocused(granted)).toBe(true);
      await page.keyboard.press("Tab");
      expect(await isFocused(granted.getByRole("link", { name: "Naar het veiligheidsplan" }))).toBe(true);
      await page.keyboard.press("Enter");

      // On the plan the keyboard is on the notice that her access is active, not on a tab.
      await page.waitForURL(`**/casussen/${web.caseId}`);
      const active = page
        .getByRole("status")
        .filter({ hasText: /U heeft noodtoegang tot .*Elke inzage wordt gemarkeerd vastgelegd\./ });
      await active.waitFor();
      await expect.poll(() => isFocused(active)).toBe(true);
      // And it stays there: the page's own moving of the keyboard does not take it to the tab later.
      await page.waitForTimeout(1500);
      expect(await isFocused(active)).toBe(true);
      expect(await isFocused(page.getByRole("link", { name: "Veiligheidsplan", exact: true }))).toBe(false);
      // She is not told about herself as the case's lead is.
      expect(await page.getByText(`Noodtoegang: ${who}`).count()).toBe(0);
      await screenshot(page, "break-glass-notice-focus");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await page.context().close();

    // The chair sees both accesses under the header, the running one first, with the reasons.
    const grant = (
      await db
        .select({ from: breakGlassGrants.grantedAt, until: breakGlassGrants.expiresAt })
        .from(breakGlassGrants)
        .where(and(eq(breakGlassGrants.caseId, web.caseId), eq(breakGlassGrants.reason, reason)))
    )[0];
    const now = { from: dayAndTime(grant.from), until: dayAndTime(grant.until) };
    const week = { from: dayAndTime(earlier.from), until: dayAndTime(earlier.until) };
    const when = (w: typeof now) =>
      w.from.day === w.until.day
        ? `op ${w.from.day} van ${w.from.time} tot ${w.until.time}`
        : `van ${w.from.day} ${w.from.time} tot ${w.until.day} ${w.until.time}`;
    const running = `Noodtoegang: ${who} kan deze casus lezen ${when(now)}. Reden: ${reason}`;
    const past = `Noodtoegang: ${who} las deze casus ${when(week)}. Reden: ${oldReason}`;

    const chair = await loggedInPageWithErrors(web.browser, web.server.url, "voorzitter");
    await withScreenshots([chair.page], "break-glass-notice-chair", async () => {
      await chair.page.goto(`/casussen/${web.caseId}`);
      const notice = chair.page.getByTestId("break-glass-accesses");
      await notice.getByText(running).waitFor();
      await notice.getByText(past).waitFor();
      expect(await notice.locator("p").allTextContents()).toEqual([
        running,
        past,
        "Alleen de voorzitter en de casusregisseur zien deze melding, tot 30 dagen na de noodtoegang.",
      ]);
      // Under the case's header, before the page's own content.
      expect(
        await notice.evaluate((el) => el.previousElementSibling?.matches("header.ep-case-header") ?? false),
      ).toBe(true);
      await screenshot(chair.page, "break-glass-notice-chair-plan");
      expect(await seriousViolations(chair.page)).toEqual([]);

      // On every page of the case: the chair goes to Fase by its tab, from the keyboard.
      await tabTo(chair.page, chair.page.getByRole("link", { name: "Fase", exact: true }));
      await chair.page.keyboard.press("Enter");
      await chair.page.waitForURL(`**/casussen/${web.caseId}/fase`);
      await chair.page.getByTestId("break-glass-accesses").getByText(past).waitFor();
      await screenshot(chair.page, "break-glass-notice-chair-phase");
      expect(await seriousViolations(chair.page)).toEqual([]);

      // In English too.
      await chair.page.getByRole("button", { name: "English" }).click();
      const en = { from: dayAndTime(earlier.from, "en-GB"), until: dayAndTime(earlier.until, "en-GB") };
      const enWhen =
        en.from.day === en.until.day
          ? `on ${en.from.day} from ${en.from.time} to ${en.until.time}`
          : `from ${en.from.day} ${en.from.time} to ${en.until.day} ${en.until.time}`;
      await chair.page
        .getByTestId("break-glass-accesses")
        .getByText(`Emergency access: ${who} read this case ${enWhen}. Reason: ${oldReason}`)
        .waitFor();
      await chair.page.getByRole("button", { name: "Nederlands" }).click();
      expect(chair.errors).toEqual([]);
    });
    await chair.page.context().close();

    // The case director too; a professional and the ervaringsdeskundige not.
    const director = await loggedInPageWithErrors(web.browser, web.server.url, "wijkteam");
    await director.page.goto(`/casussen/${web.caseId}/leden`);
    await director.page.getByTestId("break-glass-accesses").getByText(running).waitFor();
    await director.page.context().close();
    for (const key of ["politie", "ervaringsdeskundige"]) {
      const other = await loggedInPageWithErrors(web.browser, web.server.url, key);
      await other.page.goto(`/casussen/${web.caseId}/fase`);
      await other.page.getByRole("heading", { name: "Fasegeschiedenis", level: 2 }).waitFor();
      expect([key, await other.page.getByText("Noodtoegang:").count()]).toEqual([key, 0]);
      expect([key, await other.page.getByText(reason).count()]).toEqual([key, 0]);
      await other.page.context().close();
    }
  });
});
