/**
 * A link to a section of the plan the person may not read (a colleague's link, an old bookmark):
 * the plan opens as without it, the address stops naming it without a step in the history, and a
 * notice says why, in the words of the section's readers.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { closeAfterEachTest, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

/** A demo member's browser, on the case list first (where Back goes). */
async function member(key: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto("/casussen");
  await page.getByRole("table").first().waitFor();
  return page;
}

const notice = (page: Page) => page.getByTestId("section-refused");
/** The section named in the address, if any. */
const asked = (page: Page) => new URL(page.url()).searchParams.get("sectie");
/** The title of the section shown in the editor. */
const shownSection = async (page: Page) => {
  const heading = page.locator("h2.ep-plan-section__title");
  await heading.waitFor();
  return (await heading.textContent())?.trim();
};

describe.runIf(web.run)("a link to a section the person may not read", () => {
  it("shows Petra a section she reads, corrects the address in place, and says why", async () => {
    const expert = await member("ervaringsdeskundige");
    await withScreenshots([expert], "section-link-notice", async () => {
      await expert.goto(`/casussen/${web.caseId}?sectie=risk`);
      await notice(expert)
        .filter({
          hasText: "U kunt het onderdeel ‘Risicotaxatie’ niet inzien; alleen professionals lezen het.",
        })
        .waitFor();
      expect(await notice(expert).getAttribute("role")).toBe("status");
      const shown = await shownSection(expert);
      expect(shown).not.toBe("Risicotaxatie");
      await expect.poll(() => asked(expert)).toBeNull();
      expect(await expert.getByRole("heading", { name: "Risicotaxatie" }).count()).toBe(0);
      await expert.getByText("Verbonden", { exact: true }).waitFor();
      await screenshot(expert, "section-link-notice");
      expect(await seriousViolations(expert)).toEqual([]);

      // The address was replaced: Back goes to the page before, not to the refused link.
      await expert.goBack();
      await expert.waitForURL((u) => u.pathname === "/casussen");

      // The restricted section: its readers are the members named on it.
      await expert.goto(`/casussen/${web.caseId}?sectie=confidential`);
      await notice(expert)
        .filter({
          hasText:
            "U kunt het onderdeel ‘Afgeschermde informatie’ niet inzien; alleen de leden die erop genoemd staan lezen het.",
        })
        .waitFor();
      await expect.poll(() => asked(expert)).toBeNull();

      // No such section: the same, without naming it.
      await expert.goto(`/casussen/${web.caseId}?sectie=geheim`);
      await notice(expert)
        .filter({ hasText: "Het gevraagde onderdeel van het plan bestaat niet of u kunt het niet inzien." })
        .waitFor();
      expect(await notice(expert).textContent()).not.toContain("geheim");
      await expect.poll(() => asked(expert)).toBeNull();

      // Choosing a section herself, at the keyboard, the notice has said its piece.
      const nav = expert.getByRole("navigation", { name: "Onderdelen van het veiligheidsplan" });
      await nav.getByRole("link", { name: /Signalenplan/ }).focus();
      await expert.keyboard.press("Enter");
      await expect.poll(() => asked(expert)).toBe("signals");
      await expect.poll(() => shownSection(expert)).toBe("Signalenplan");
      expect(await notice(expert).textContent()).toBe("");
    });
  });

  it("opens the section for a professional who may read it, with no notice", async () => {
    const police = await member("politie");
    await withScreenshots([police], "section-link-readable", async () => {
      await police.goto(`/casussen/${web.caseId}?sectie=risk`);
      await expect.poll(() => shownSection(police)).toBe("Risicotaxatie");
      expect(asked(police)).toBe("risk");
      expect(await notice(police).textContent()).toBe("");
    });
  });
});
