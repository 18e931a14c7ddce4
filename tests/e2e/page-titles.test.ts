/**
 * Every page names its browser tab after the kind of page (WCAG 2.4.2 Page Titled), in the UI's
 * language, and never after the case: tab titles end up in the history, bookmarks and tab lists of
 * possibly shared computers, so no household, case reference or person's name may be in them.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { actionItems } from "../../db/schema";
import { demoCaseReference } from "../../db/seed/demo";
import { closeAfterEachTest, loginViaUi, newContext, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const browsers = closeAfterEachTest();
const household = "Huishouden Berkel-Yilmaz";

/** Waits until the tab has this title (it is set once the page has rendered). */
async function titleIs(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.title()).toBe(title);
}

/** A fresh Dutch browser page (not logged in), failing the test when it throws. */
async function freshPage(): Promise<Page> {
  const context = browsers.keep(await newContext(web.browser, web.server.url));
  return browsers.watch(await context.newPage(), "page");
}

/** The title shows no case data: not the household, its reference, or the owner's action. */
function expectNoCaseData(title: string, alsoNot: string[] = []): void {
  for (const secret of [household, "Berkel", "Yilmaz", demoCaseReference, ...alsoNot]) {
    expect(title).not.toContain(secret);
  }
}

describe.runIf(web.run)("the browser tab's title", () => {
  it("names the kind of page on every page, without the case's household, reference or names", async () => {
    const page = await freshPage();
    await withScreenshots([page], "page-titles-dutch", async () => {
      await page.goto("/inloggen");
      await titleIs(page, "Inloggen · Eén Plan");

      await loginViaUi(page, "voorzitter");
      await page.waitForURL("**/casussen");
      await titleIs(page, "Casussen · Eén Plan");

      // The workspace shows the household and its reference; the tab shows neither.
      await page.goto(`/casussen/${web.caseId}`);
      await page.getByRole("heading", { name: household }).waitFor();
      await page.getByText(demoCaseReference).first().waitFor();
      await titleIs(page, "Veiligheidsplan · Eén Plan");
      expectNoCaseData(await page.title());

      // Moving within the app (no page load) renames the tab too.
      await page
        .getByRole("navigation", { name: "Onderdelen van de casus" })
        .getByRole("link", { name: "Leden" })
        .click();
      await page.waitForURL("**/leden");
      await titleIs(page, "Leden · Eén Plan");
      expectNoCaseData(await page.title());

      await page
        .getByRole("navigation", { name: "Hoofdmenu" })
        .getByRole("link", { name: /Mijn acties/ })
        .click();
      await page.waitForURL("**/acties");
      await titleIs(page, "Mijn acties · Eén Plan");

      // An action's page shows its title as the heading; the tab only says it is an action.
      const [action] = await web.server.deps.database.db
        .select({ id: actionItems.id, title: actionItems.title })
        .from(actionItems)
        .where(eq(actionItems.caseId, web.caseId))
        .limit(1);
      await page.goto(`/acties/${action.id}`);
      await page.getByRole("heading", { name: action.title }).waitFor();
      await titleIs(page, "Actie · Eén Plan");
      expectNoCaseData(await page.title(), [action.title]);

      await page.goto("/bestaat-niet");
      await page.getByRole("heading", { name: "Deze pagina bestaat niet." }).waitFor();
      await titleIs(page, "Niet gevonden · Eén Plan");
    });
  });

  it("follows a switch to English and back", async () => {
    const page = await freshPage();
    await withScreenshots([page], "page-titles-english", async () => {
      await loginViaUi(page, "voorzitter");
      await page.goto(`/casussen/${web.caseId}`);
      await page.getByRole("heading", { name: household }).waitFor();
      await titleIs(page, "Veiligheidsplan · Eén Plan");

      await page.getByRole("button", { name: "English" }).click();
      await titleIs(page, "Safety plan · Eén Plan");
      expectNoCaseData(await page.title());

      await page
        .getByRole("navigation", { name: "Main menu" })
        .getByRole("link", { name: /My actions/ })
        .click();
      await page.waitForURL("**/acties");
      await titleIs(page, "My actions · Eén Plan");

      // The language is remembered: a page loaded afresh is titled in English from the start.
      await page.goto("/bestaat-niet");
      await titleIs(page, "Not found · Eén Plan");

      await page.getByRole("button", { name: "Nederlands" }).click();
      await titleIs(page, "Niet gevonden · Eén Plan");
    });
  });
});
