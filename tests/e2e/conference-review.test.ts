/**
 * A review conference in several browsers at once: starting one planned for another day asks first;
 * the open-actions review follows what others save, never undoes it from a stale screen, and offers
 * each person only the statuses they may set.
 */
import { eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { actionItems, conferences } from "../../db/schema";
import { addDays, amsterdamDate, amsterdamInstant } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import {
  closeAfterEachTest,
  isFocused,
  loggedInContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

/** A demo member's browser on a case workspace, its conference panel loaded. */
async function member(key: string, caseId: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto(`/casussen/${caseId}`);
  await panel(page).getByTestId("conference-status").waitFor();
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: "Casusoverleg" });
const status = (page: Page) => panel(page).locator(".ep-conf-status");
const startButton = (page: Page) => panel(page).getByRole("button", { name: "Overleg starten" });
/** The question before an early or late start, found by what it asks. */
const startQuestion = (page: Page) => panel(page).getByRole("group", { name: /Nu (al|alsnog) starten\?$/ });
/** An item of the open-actions review, by (part of) its title. */
const reviewItem = (page: Page, title: string) =>
  panel(page)
    .getByRole("region", { name: "Openstaande acties" })
    .getByRole("listitem")
    .filter({ hasText: title });
const aware = "AWARE-alarm installeren bij moeder";

/** "vrijdag 27 november om 10:00", as the question names a planned day (the year only if not this one). */
function plannedDay(iso: string): string {
  const at = new Date(iso);
  const sameYear = amsterdamDate(at).slice(0, 4) === amsterdamDate(new Date()).slice(0, 4);
  const zone = "Europe/Amsterdam";
  const day = new Intl.DateTimeFormat("nl-NL", {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" as const }),
  }).format(at);
  const time = new Intl.DateTimeFormat("nl-NL", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
  return `${day} om ${time}`;
}

/** A case of its own with the voorzitter as chair and one conference planned at `scheduledAt`. */
async function caseWithConference(reference: string, scheduledAt: Date) {
  const coordinator = await web.server.loginAs("coordinator");
  const created = await coordinator.post("/api/cases", { reference, title: `Huishouden ${reference}` });
  expect(created.status).toBe(201);
  const chairClient = await web.server.loginAs("voorzitter");
  const chairId = (await chairClient.get("/api/me")).json.id;
  const added = await coordinator.post(`/api/cases/${created.json.id}/members`, {
    userId: chairId,
    role: "chair",
  });
  expect(added.status).toBe(201);
  const planned = await chairClient.post(`/api/cases/${created.json.id}/conferences`, {
    scheduledAt: scheduledAt.toISOString(),
    agenda: [{ title: "Grootste zorg", sectionKey: "concerns" }],
  });
  expect(planned.status).toBe(201);
  return { caseId: created.json.id as string, conferenceId: planned.json.conference.id as string };
}

describe.runIf(web.run)("a review conference in several browsers", () => {
  it("asks the chair before starting a conference planned for another day; Escape keeps it planned", async () => {
    const chairClient = await web.server.loginAs("voorzitter");
    const list = await chairClient.get(`/api/cases/${web.caseId}/conferences`);
    const planned = list.json.conferences.find((c: { status: string }) => c.status === "scheduled");
    // The demo conference is planned two days from today.
    expect(amsterdamDate(new Date(planned.scheduledAt))).toBe(addDays(amsterdamDate(new Date()), 2));
    const chair = await member("voorzitter", web.caseId);
    await withScreenshots([chair], "conference-review-early-start", async () => {
      await status(chair).filter({ hasText: "Gepland" }).waitFor();
      await startButton(chair).focus();
      await chair.keyboard.press("Enter");
      const question = startQuestion(chair);
      await question.waitFor();
      const asked = await question
        .getAttribute("aria-labelledby")
        .then((id) => chair.locator(`[id="${id}"]`).textContent());
      expect(asked).toBe(`Dit overleg is gepland op ${plannedDay(planned.scheduledAt)}. Nu al starten?`);
      await expect.poll(() => isFocused(question)).toBe(true);
      await screenshot(chair, "conference-review-start-question");
      expect(await seriousViolations(chair)).toEqual([]);

      // Escape: still planned, nothing started, the keyboard back on "Overleg starten".
      await chair.keyboard.press("Escape");
      await question.waitFor({ state: "detached" });
      await expect.poll(() => isFocused(startButton(chair))).toBe(true);
      expect(await status(chair).textContent()).toBe("Gepland");
      const [row] = await web.server.deps.database.db
        .select({ status: conferences.status })
        .from(conferences)
        .where(eq(conferences.id, planned.id));
      expect(row.status).toBe("scheduled");

      // "Annuleren" does the same.
      await chair.keyboard.press("Enter");
      await question.waitFor();
      await chair.keyboard.press("Tab"); // "Ja, nu starten"
      await chair.keyboard.press("Tab"); // "Annuleren"
      await chair.keyboard.press("Enter");
      await question.waitFor({ state: "detached" });
      await expect.poll(() => isFocused(startButton(chair))).toBe(true);

      // Asked again and answered yes: it starts, and the keyboard lands on the new status.
      await chair.keyboard.press("Enter");
      await question.waitFor();
      await chair.keyboard.press("Tab");
      await chair.keyboard.press("Enter");
      await status(chair).filter({ hasText: "Bezig" }).waitFor();
      await expect.poll(() => isFocused(panel(chair).getByTestId("conference-status"))).toBe(true);
    });
  });

  it("starts a conference planned for today at once, and asks about one planned for a day gone by", async () => {
    const { caseId, conferenceId } = await caseWithConference("MDA-VANDAAG-001", new Date());
    const db = web.server.deps.database.db;
    // Planned yesterday (the API takes no day gone by; a conference can be left over from one).
    const yesterday = amsterdamInstant(addDays(amsterdamDate(new Date()), -1), "09:30");
    await db.update(conferences).set({ scheduledAt: yesterday }).where(eq(conferences.id, conferenceId));
    const chair = await member("voorzitter", caseId);
    await withScreenshots([chair], "conference-review-start-today", async () => {
      await startButton(chair).focus();
      await chair.keyboard.press("Enter");
      const question = startQuestion(chair);
      await question.waitFor();
      expect(await question.textContent()).toContain(
        `Dit overleg was gepland op ${plannedDay(yesterday.toISOString())}. Nu alsnog starten?`,
      );
      await chair.keyboard.press("Escape");
      await expect.poll(() => isFocused(startButton(chair))).toBe(true);

      // Planned for today: Enter starts it, nothing asked.
      await db.update(conferences).set({ scheduledAt: new Date() }).where(eq(conferences.id, conferenceId));
      await chair.reload();
      await status(chair).filter({ hasText: "Gepland" }).waitFor();
      await startButton(chair).focus();
      await chair.keyboard.press("Enter");
      await status(chair).filter({ hasText: "Bezig" }).waitFor();
      expect(await startQuestion(chair).count()).toBe(0);
    });
  });

  it("offers the owner of an action no 'Vervallen': cancelling is for the chair and the casusregisseur", async () => {
    // The demo conference runs (the first test started it).
    const [chair, director, police] = await Promise.all([
      member("voorzitter", web.caseId),
      member("wijkteam", web.caseId),
      member("politie", web.caseId),
    ]);
    const select = (p: Page) => reviewItem(p, aware).getByLabel("Status");
    await withScreenshots([chair, director, police], "conference-review-statuses", async () => {
      for (const p of [chair, director, police]) await select(p).waitFor();
      expect(await select(police).locator("option").allTextContents()).toEqual(["Open", "Bezig", "Gereed"]);
      for (const p of [chair, director])
        expect(await select(p).locator("option").allTextContents()).toEqual([
          "Open",
          "Bezig",
          "Gereed",
          "Vervallen",
        ]);
    });
  });

  it("follows others' saves, keeps a pick being made, and refuses a save from a stale screen", async () => {
    const [chair, director, police] = await Promise.all([
      member("voorzitter", web.caseId),
      member("wijkteam", web.caseId),
      member("politie", web.caseId),
    ]);
    const all = [chair, director, police];
    const select = (p: Page) => reviewItem(p, aware).getByLabel("Status");
    await withScreenshots(all, "conference-review-live", async () => {
      for (const p of all) await select(p).waitFor();

      // Politie saves Bezig: every untouched select follows.
      await select(police).selectOption({ label: "Bezig" });
      await reviewItem(police, aware).getByRole("button", { name: "Opslaan" }).click();
      await reviewItem(police, aware).getByText("Opgeslagen.").waitFor();
      for (const p of [chair, director]) await expect.poll(() => select(p).inputValue()).toBe("in_progress");

      // The casusregisseur picks Gereed; before she saves, politie sets it back to Open. Her pick
      // stays, and she is told it changed meanwhile.
      await select(director).selectOption({ label: "Gereed" });
      await select(police).selectOption({ label: "Open" });
      await reviewItem(police, aware).getByRole("button", { name: "Opslaan" }).click();
      await expect.poll(() => select(chair).inputValue()).toBe("open");
      const notice = reviewItem(director, aware).getByText(
        "Intussen gewijzigd: iemand anders heeft de status op Open gezet.",
      );
      await notice.waitFor();
      expect(await select(director).inputValue()).toBe("done");
      await reviewItem(director, aware).scrollIntoViewIfNeeded();
      await screenshot(director, "conference-review-changed-meanwhile");
      expect(await seriousViolations(director)).toEqual([]);

      // She saves anyway: refused with what it is now; her select shows it; nothing changed.
      await reviewItem(director, aware).getByRole("button", { name: "Opslaan" }).click();
      const refused = reviewItem(director, aware)
        .getByRole("alert")
        .filter({ hasText: "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Open." });
      await refused.waitFor();
      expect(await refused.textContent()).toBe(
        "Niet gelukt: Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Open.",
      );
      expect(await select(director).inputValue()).toBe("open");
      await notice.waitFor({ state: "detached" });
      const [row] = await web.server.deps.database.db
        .select({ status: actionItems.status })
        .from(actionItems)
        .where(eq(actionItems.title, aware));
      expect(row.status).toBe("open");
      await reviewItem(director, aware).scrollIntoViewIfNeeded();
      await screenshot(director, "conference-review-stale-save-refused");
      expect(await seriousViolations(director)).toEqual([]);

      // From the view she now has, her save goes through, and the others follow.
      await select(director).selectOption({ label: "Bezig" });
      await reviewItem(director, aware).getByRole("button", { name: "Opslaan" }).click();
      await reviewItem(director, aware).getByText("Opgeslagen.").waitFor();
      for (const p of [chair, police]) await expect.poll(() => select(p).inputValue()).toBe("in_progress");
    });
  });
});
