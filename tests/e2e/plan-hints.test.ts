/**
 * The plan editor tells how to shape the text: which line starts make a heading or a list (there is
 * no toolbar), and, where there is a keyboard, its shortcuts; a touch screen is spared the latter.
 */
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const format =
  "Een regel die begint met ## wordt een kop, met - een opsomming en met 1. een genummerde lijst.";
const keys = /Inspringing in een lijst vergroten/;

async function open(touch: boolean) {
  const context = await web.browser.newContext({
    baseURL: web.server.url,
    locale: "nl-NL",
    ...(touch ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  const client = await web.server.loginAs("wijkteam");
  const [name, value] = (client.cookie ?? "").split(";")[0].split("=");
  await context.addCookies([{ name, value, url: web.server.url }]);
  const page = await context.newPage();
  await page.goto(`/casussen/${web.caseId}?sectie=goals`);
  await page.getByRole("status").filter({ hasText: "Verbonden" }).waitFor();
  return page;
}

describe.runIf(web.run)("the plan editor's hints", () => {
  it("names the line starts that make a heading or a list, and a typed '## ' makes a heading", async () => {
    const page = await open(false);
    const text = page.getByRole("textbox", { name: "Doelen van het gezin" });
    // Read out with the text: the hint is part of its description.
    const described = (await text.getAttribute("aria-describedby")) ?? "";
    const description = await page.locator(`[id="${described}"]`).textContent();
    expect(description).toContain(format);
    expect(description).toMatch(keys);
    await text.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("## Wat moeder wil");
    await text.locator("h2, h3", { hasText: "Wat moeder wil" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("opens the workspace without fetching every section's text to choose where", async () => {
    const context = await web.browser.newContext({ baseURL: web.server.url, locale: "nl-NL" });
    const client = await web.server.loginAs("voorzitter");
    const [name, value] = (client.cookie ?? "").split(";")[0].split("=");
    await context.addCookies([{ name, value, url: web.server.url }]);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`/casussen/${web.caseId}`);
    await page.getByRole("status").filter({ hasText: "Verbonden" }).waitFor();
    // It still opens on a section with text (the demo's phase is veiligheid: Directe veiligheid).
    await page.getByRole("heading", { level: 2, name: "Directe veiligheid" }).waitFor();
    expect(asked).toContain(`/api/cases/${web.caseId}/plan/filled`);
    expect(asked).not.toContain(`/api/cases/${web.caseId}/plan`);
    await context.close();
  });

  it("leaves the keyboard shortcuts out on a touch screen, not the line starts", async () => {
    const page = await open(true);
    await page.getByText(format).waitFor();
    expect(await page.getByText(keys).isVisible()).toBe(false);
    await screenshot(page, "plan-hints-touch");
    await page.context().close();
  });
});
