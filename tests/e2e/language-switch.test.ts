/**
 * Switching the language changes what is on the page at once, dates included, without a reload:
 * someone who switches mid-meeting must not read half the page in the other language.
 */
import { describe, expect, it } from "vitest";
import { loggedInContext } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

describe.runIf(web.run)("a switch of language", () => {
  it("shows the case list's dates in English at once, and in Dutch again", async () => {
    const context = await loggedInContext(web.browser, web.server, "voorzitter");
    const page = await context.newPage();
    await page.goto("/casussen");
    // The demo case's next conference, in the column of that name.
    await page.getByRole("columnheader", { name: "Volgend overleg" }).waitFor();
    const column = await page.getByRole("columnheader").allTextContents();
    expect(column).toContain("Volgend overleg");
    const next = page.locator("tbody tr").first().locator("td").nth(column.indexOf("Volgend overleg"));
    await expect.poll(() => next.textContent()).toMatch(/\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}/);
    const dutch = (await next.textContent()) ?? "";

    await page.evaluate(() => Object.assign(window, { epNotReloaded: true }));
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("columnheader", { name: "Next conference" }).waitFor();
    await expect.poll(() => next.textContent()).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/);
    expect(await page.evaluate(() => "epNotReloaded" in window)).toBe(true);

    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect.poll(() => next.textContent()).toBe(dutch);
    await context.close();
  });
});
