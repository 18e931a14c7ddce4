import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { attendance, users } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";
import { createPlanVersion } from "../../server/commands/plan-version";
import { demoUser, endDemoConference } from "../followup/fixture";
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
const browsers = closeAfterEachTest();
const phone = { width: 390, height: 844 };

/** A page logged in as a demo account, at a phone's size. */
async function phonePage(key: string): Promise<Page> {
  const context = browsers.keep(await loggedInContext(web.browser, web.server, key));
  const page = browsers.watch(await context.newPage(), key);
  await page.setViewportSize(phone);
  return page;
}

/** How much wider than the window the page is (0: it does not scroll sideways). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A minutes page (the demo conference, ended) and a plan version, so those pages have their tables. */
async function heldConference(): Promise<string> {
  const db = web.server.deps.database.db;
  await createPlanVersion(db, web.caseId, { createdBy: (await demoUser(db, "wijkteam")).id }, new Date());
  const conferenceId = await endDemoConference(db, web.caseId);
  await db.insert(attendance).values({
    conferenceId,
    userId: (await demoUser(db, "voorzitter")).id,
    present: "present",
  });
  return conferenceId;
}

describe.runIf(web.run)("a phone's width", () => {
  it("never scrolls a page sideways: a wide table scrolls in a named box the keyboard reaches", async () => {
    const conferenceId = await heldConference();
    const pages: { who: string; path: string; table: string }[] = [
      { who: "coordinator", path: "/casussen", table: "Casussen van de regio" },
      { who: "coordinator", path: "/cijfers", table: "Per organisatie" },
      { who: "coordinator", path: `/casussen/${web.caseId}/leden`, table: "Leden" },
      { who: "coordinator", path: `/casussen/${web.caseId}/logboek`, table: "Logboek" },
      {
        who: "coordinator",
        path: `/casussen/${web.caseId}/verslagen/${conferenceId}`,
        table: "Aanwezigheid",
      },
      {
        who: "coordinator",
        path: `/casussen/${web.caseId}/versies`,
        table: "Versies van het veiligheidsplan",
      },
      { who: "coordinator", path: `/casussen/${web.caseId}/fase`, table: "Fasegeschiedenis" },
      { who: "admin", path: "/beheer", table: "Accounts" },
      { who: "coordinator", path: "/overzicht", table: "Actiepunten, te late eerst" },
    ];
    const opened = new Map<string, Page>();
    for (const { who, path, table } of pages) {
      const page = opened.get(who) ?? (await phonePage(who));
      opened.set(who, page);
      const name = `phone-${path
        .split("/")
        .filter((p) => p && !/\d/.test(p))
        .join("-")}`;
      await withScreenshots([page], name, async () => {
        await page.goto(path);
        await page.getByRole("table").first().waitFor();
        await expect.poll(() => sidewaysOverflow(page), { message: path }).toBeLessThanOrEqual(0);
        const box = page.getByRole("region", { name: `Tabel: ${table}`, exact: true });
        // The table is cut off at the screen's edge; its box is a tab stop, and arrows scroll it.
        expect(await box.getAttribute("tabindex"), path).toBe("0");
        await box.focus();
        expect(await isFocused(box), path).toBe(true);
        await page.keyboard.press("ArrowRight");
        await expect.poll(() => box.evaluate((el) => el.scrollLeft), { message: path }).toBeGreaterThan(0);
        expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
        await screenshot(page, name);
        expect(await seriousViolations(page), path).toEqual([]);
      });
    }
  });

  it("fits the header at 320 px (a 1280 px screen zoomed to 400 %), logout included", async () => {
    const page = await phonePage("coordinator");
    await page.setViewportSize({ width: 320, height: 256 });
    await page.goto("/casussen");
    await page.getByRole("table").first().waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    const logout = await page.getByRole("button", { name: "Uitloggen" }).boundingBox();
    expect(logout && logout.x >= 0 && logout.x + logout.width <= 320).toBe(true);
    await screenshot(page, "reflow-320-header");
  });

  it("keeps the labels of the figures' charts at a readable size", async () => {
    const page = await phonePage("coordinator");
    await page.goto("/cijfers");
    await page.getByRole("img", { name: /Casussen per fase/ }).waitFor();
    const heights = await page.$$eval(".ep-fu-chart__label", (labels) =>
      labels.map((l) => l.getBoundingClientRect().height),
    );
    expect(heights.length).toBeGreaterThan(0);
    // A chart drawn to the screen's width shrank its text to about 9 px here.
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(14);
    await screenshot(page, "phone-cijfers-chart");
  });

  it("keeps a table that fits out of the tab order and the landmarks on a wide screen", async () => {
    const page = await phonePage("coordinator");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/casussen");
    await page.getByRole("table").waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.getByRole("region", { name: "Tabel: Casussen van de regio" }).count()).toBe(0);
    expect(await page.locator(".ep-table-scroll[tabindex]").count()).toBe(0);
    // Narrowed to a phone's width, the same box becomes a named tab stop.
    await page.setViewportSize(phone);
    const box = page.getByRole("region", { name: "Tabel: Casussen van de regio" });
    await box.waitFor();
    expect(await box.getAttribute("tabindex")).toBe("0");
  });
});

describe.runIf(web.run)("drop-downs", () => {
  /** Whether the select labelled so draws an arrow of its own (the browser's is switched off). */
  const arrow = (page: Page, label: string) =>
    page
      .getByLabel(label, { exact: true })
      .first()
      .evaluate((el) => {
        const style = getComputedStyle(el);
        return { appearance: style.appearance, arrow: /^url\(.*svg/.test(style.backgroundImage) };
      });

  it("show an arrow, so they do not look like text fields", async () => {
    const page = await phonePage("coordinator");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/casussen/${web.caseId}/leden`);
    await page.getByLabel("Persoon", { exact: true }).waitFor();
    for (const label of ["Persoon", "Rol in de casus"]) {
      expect(await arrow(page, label), label).toEqual({ appearance: "none", arrow: true });
    }
    await page.goto("/overzicht");
    await page.getByLabel("Status", { exact: true }).waitFor();
    expect(await arrow(page, "Status")).toEqual({ appearance: "none", arrow: true });

    const admin = await phonePage("admin");
    await admin.goto("/beheer");
    await admin.getByLabel("Organisatie", { exact: true }).first().waitFor();
    for (const label of ["Organisatie", "Rol in de regio", "Soort"]) {
      expect(await arrow(admin, label), label).toEqual({ appearance: "none", arrow: true });
    }
  });
});

describe.runIf(web.run)("blocking an account on /beheer", () => {
  it("keeps the keyboard on the row's new button and says whose account it was, in Dutch and English", async () => {
    const page = await phonePage("admin");
    await withScreenshots([page], "phone-admin-block", async () => {
      await page.goto("/beheer");
      const status = page.getByRole("status").filter({ hasText: /\S/ });
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label"));

      // The question is asked in the page and has the keyboard: Tab to "Ja, blokkeren", Enter.
      await page.getByRole("button", { name: "Blokkeren: Tom Visser" }).focus();
      await page.keyboard.press("Enter");
      const ask = page.getByRole("group", { name: /^Tom Visser blokkeren\?/ });
      await ask.waitFor();
      expect(await isFocused(ask)).toBe(true);
      await screenshot(page, "phone-admin-confirm-block");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ja, blokkeren");
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Deblokkeren: Tom Visser" }).waitFor();
      await expect.poll(focused).toBe("Deblokkeren: Tom Visser");
      expect(await status.textContent()).toBe("Het account van Tom Visser is geblokkeerd.");
      await screenshot(page, "phone-admin-blocked");
      expect(await seriousViolations(page)).toEqual([]);

      // Unblocked with the same key press (no question asked), in English.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("button", { name: "Unblock: Tom Visser" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Block: Tom Visser" }).waitFor();
      await expect.poll(focused).toBe("Block: Tom Visser");
      expect(await status.textContent()).toBe("Tom Visser's account has been unblocked.");
      await page.getByRole("button", { name: "Nederlands" }).click();

      // An organisation added is named too; the form is there still, with the keyboard in it.
      const form = page.locator("form", {
        has: page.getByRole("heading", { name: "Organisatie toevoegen" }),
      });
      await form.getByLabel("Naam", { exact: true }).fill("Reclassering Zwolle");
      await form.getByRole("button", { name: "Organisatie toevoegen" }).click();
      await page.getByRole("cell", { name: "Reclassering Zwolle", exact: true }).waitFor();
      expect(await status.textContent()).toBe("Organisatie Reclassering Zwolle is toegevoegd.");
      expect(await page.getByRole("alert").count()).toBe(0);
    });
  });
});

describe.runIf(web.run)("resetting a second step on /beheer", () => {
  it("shows whose second step was reset where the keyboard goes, at 320 px", async () => {
    // Karin Mulder has linked an app (demo accounts have none).
    await web.server.deps.database.db
      .update(users)
      .set({ totpEnabledAt: new Date() })
      .where(eq(users.email, demoEmail("politie")));
    const page = await phonePage("admin");
    const screen = { width: 320, height: 256 };
    await page.setViewportSize(screen);
    await withScreenshots([page], "reflow-320-admin-reset", async () => {
      await page.goto("/beheer");
      await page.getByRole("button", { name: "Tweede stap opnieuw instellen: Karin Mulder" }).focus();
      await page.keyboard.press("Enter");
      await page
        .getByRole("group", { name: /^De authenticator-app van Karin Mulder ontkoppelen\?/ })
        .waitFor();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ja, ontkoppelen");
      await page.keyboard.press("Enter");

      // The reset button is gone with the second step; the message, far above the row, has the
      // keyboard and is on the screen, also once the table is drawn anew.
      await page
        .getByRole("row", { name: /Karin Mulder/ })
        .getByRole("cell", { name: "Nog niet gekoppeld" })
        .waitFor();
      const message = page.getByRole("status").locator(".ep-card");
      await expect.poll(() => isFocused(message)).toBe(true);
      expect(await message.textContent()).toBe(
        "De tweede stap van Karin Mulder is opnieuw ingesteld; bij de volgende keer inloggen koppelt deze persoon opnieuw.",
      );
      const box = await message.boundingBox();
      expect(box && box.y >= 0 && box.y < screen.height).toBe(true);
      await screenshot(page, "reflow-320-admin-reset");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
