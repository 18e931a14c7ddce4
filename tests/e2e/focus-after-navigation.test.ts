import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { attendance } from "../../db/schema";
import { demoUser, endDemoConference } from "../followup/fixture";
import { closeAfterEachTest, loggedInContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const browsers = closeAfterEachTest();

async function pageAs(key: string): Promise<Page> {
  const context = browsers.keep(await loggedInContext(web.browser, web.server, key));
  return browsers.watch(await context.newPage(), key);
}

/** The focused element as "<tag> <text>", e.g. "A Leden" (BODY when the keyboard fell out). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return `${el?.tagName} ${(el?.textContent ?? "").trim().slice(0, 60)}`;
  });

describe.runIf(web.run)("the keyboard after moving to another page", () => {
  it("stays on the case tab used, and the tab stays marked on the pages under it", async () => {
    // The demo conference, held: its minutes are a page under the Verslagen tab.
    const db = web.server.deps.database.db;
    const conferenceId = await endDemoConference(db, web.caseId);
    await db
      .insert(attendance)
      .values({
        conferenceId,
        userId: (await demoUser(db, "voorzitter")).id,
        present: "present",
      })
      .onConflictDoNothing();

    const page = await pageAs("voorzitter");
    await page.goto(`/casussen/${web.caseId}`);
    const tabs = page.getByRole("navigation", { name: "Onderdelen van de casus" });
    await tabs.getByRole("link", { name: "Leden" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/leden");
    await expect.poll(() => focused(page)).toBe("A Leden");

    await tabs.getByRole("link", { name: "Verslagen" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/verslagen");
    await expect.poll(() => focused(page)).toBe("A Verslagen");

    // A minutes page: its own heading has the keyboard, and the Verslagen tab is still marked.
    const minutes = page.locator(`a[href$="/verslagen/${conferenceId}"]`).first();
    await minutes.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/verslagen/${conferenceId}`);
    await expect.poll(() => focused(page)).toMatch(/^H2 /);
    const marked = await tabs
      .getByRole("link", { name: "Verslagen" })
      .evaluate((a) => getComputedStyle(a).borderBottomStyle);
    expect(marked).toBe("solid");
    await screenshot(page, "focus-minutes-page");
  });

  it("takes the keyboard to a page's heading when the link used is gone", async () => {
    const page = await pageAs("wijkteam");
    await page.goto("/acties");
    const title = page.getByRole("article").first().getByRole("heading").getByRole("link");
    const name = (await title.textContent())?.trim() ?? "";
    await title.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/acties/*");
    await expect.poll(() => focused(page)).toBe(`H1 ${name}`.slice(0, 63));
  });

  it("takes the keyboard past the header and menu with the skip link", async () => {
    const page = await pageAs("politie");
    await page.goto("/acties");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("A Naar de inhoud");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
    // The next Tab is in the page's own content, not the logo or the menu.
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(
        () => !!document.activeElement?.closest("main") && document.activeElement?.id !== "inhoud",
      ),
    ).toBe(true);
  });

  it("shows the administrator the new account's start password where the keyboard is", async () => {
    const page = await pageAs("admin");
    await page.goto("/beheer");
    await page.locator("#acc-name").fill("Sanne Testpersoon");
    await page.locator("#acc-email").fill("sanne.test@example.nl");
    await page.getByRole("button", { name: "Account aanmaken" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatch(/^DIV Account aangemaakt\./);
    const card = await page.locator(":focus").boundingBox();
    const viewport = page.viewportSize();
    expect(card && viewport && card.y >= 0 && card.y < viewport.height).toBe(true);
  });
});
