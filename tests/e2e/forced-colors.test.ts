/**
 * Windows' high-contrast themes (forced colours) replace the page's colours with a few system ones:
 * backgrounds go, borders take the text colour. Whatever the app marks by colour alone must then
 * still show: which plan section is open, where a label (phase, category, status) begins and ends,
 * and the bars of a chart.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { closeAfterEachTest, loggedInContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const browsers = closeAfterEachTest();

/** Whether the element's border on that side shows (a style, a width, and not transparent). */
const borderShows = (page: Page, selector: string, side: "left" | "top" | "bottom") =>
  page.$$eval(
    selector,
    (elements, side) =>
      elements.map((e) => {
        const style = getComputedStyle(e);
        return (
          style.getPropertyValue(`border-${side}-style`) !== "none" &&
          Number.parseFloat(style.getPropertyValue(`border-${side}-width`)) > 0 &&
          style.getPropertyValue(`border-${side}-color`) !== "rgba(0, 0, 0, 0)"
        );
      }),
    side,
  );

describe.runIf(web.run)("the app in a high-contrast theme", () => {
  for (const forcedColors of ["active", "none"] as const) {
    it(`marks the open plan section, and only that one (forced colours ${forcedColors})`, async () => {
      const context = browsers.keep(await loggedInContext(web.browser, web.server, "voorzitter"));
      const page = browsers.watch(await context.newPage(), "page");
      await page.emulateMedia({ forcedColors });
      await page.goto(`/casussen/${web.caseId}?sectie=immediate_safety`);
      const nav = page.getByRole("navigation", { name: "Onderdelen van het veiligheidsplan" });
      await nav.getByRole("link", { name: /Directe veiligheid/ }).waitFor();
      const links = ".ep-plan-nav__link";
      const current = await page.$$eval(links, (all) =>
        all.map((a) => a.getAttribute("aria-current") === "true"),
      );
      expect(current.filter(Boolean)).toHaveLength(1);
      expect(await borderShows(page, links, "left")).toEqual(current);
      if (forcedColors === "active") await screenshot(page, "forced-colors-workspace");
    });
  }

  it("keeps the outline of every label (phase, category, status) in forced colours", async () => {
    const context = browsers.keep(await loggedInContext(web.browser, web.server, "voorzitter"));
    const page = browsers.watch(await context.newPage(), "page");
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto("/casussen");
    await page.getByRole("link", { name: "MDA-DEMO-001" }).waitFor();
    const onList = await borderShows(page, ".ep-badge", "top");
    expect(onList.length).toBeGreaterThan(0);
    expect(onList.every(Boolean)).toBe(true);
    await screenshot(page, "forced-colors-cases");
  });

  it("draws the bars of the figures' charts as borders, which the theme keeps (backgrounds it drops)", async () => {
    const context = browsers.keep(await loggedInContext(web.browser, web.server, "coordinator"));
    const page = browsers.watch(await context.newPage(), "page");
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto("/cijfers");
    await page.getByRole("img", { name: /Casussen per fase/ }).waitFor();
    const bars = await page.$$eval(".ep-fu-chart__bar", (all) =>
      all.map((b) => ({
        width: b.getBoundingClientRect().width,
        border: getComputedStyle(b).borderTopStyle,
      })),
    );
    const drawn = bars.filter((b) => b.width > 0);
    expect(drawn.length).toBeGreaterThan(0);
    for (const bar of drawn) expect(bar.border).toBe("solid");
    await screenshot(page, "forced-colors-figures");
  });

  it("lets the browser draw the drop-downs' arrows in the theme's colours", async () => {
    const context = browsers.keep(await loggedInContext(web.browser, web.server, "coordinator"));
    const page = browsers.watch(await context.newPage(), "page");
    await page.emulateMedia({ forcedColors: "active", colorScheme: "dark" });
    await page.goto("/overzicht");
    await page.getByLabel("Casus").waitFor();
    const looks = await page.$$eval("select", (all) =>
      all.map((s) => `${getComputedStyle(s).appearance} ${getComputedStyle(s).backgroundImage}`),
    );
    expect(looks.length).toBeGreaterThan(0);
    // Our arrow is an image in the text colour of the normal theme, dark on a dark theme's field.
    for (const look of looks) expect(look).toBe("auto none");
    await screenshot(page, "forced-colors-dark-overview");
  });

  it("marks in the main menu the part of the app a page belongs to, also on a case's page", async () => {
    const context = browsers.keep(await loggedInContext(web.browser, web.server, "voorzitter"));
    const page = browsers.watch(await context.newPage(), "page");
    await page.emulateMedia({ forcedColors: "active" });
    const menu = page.getByRole("navigation", { name: "Hoofdmenu" });
    const marked = async () => {
      const links = ".ep-nav a";
      const names = await page.$$eval(links, (all) => all.map((a) => a.textContent?.trim() ?? ""));
      const shows = await borderShows(page, links, "bottom");
      return names.filter((_, i) => shows[i]);
    };
    await page.goto(`/casussen/${web.caseId}/leden`);
    await menu.waitFor();
    await page.getByRole("heading", { name: "Leden" }).waitFor();
    expect(await marked()).toEqual(["Casussen"]);
    await page.goto("/casussen");
    await page.getByRole("link", { name: "MDA-DEMO-001" }).waitFor();
    expect(await marked()).toEqual(["Casussen"]);
  });
});
