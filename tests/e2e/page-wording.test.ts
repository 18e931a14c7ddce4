/**
 * Pages say what they hold for whoever opens them: the region's figures and cases are the
 * procesregisseur's, someone else typing the address is told so; the phase page's history stands
 * under its own heading.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { loginViaUi, newContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

async function pageFor(key: string): Promise<Page> {
  const context = await newContext(web.browser, web.server.url);
  const page = await context.newPage();
  await loginViaUi(page, key);
  return page;
}

/** The page's headings, level and text, in order. */
const headings = (page: Page) =>
  page
    .locator("main")
    .locator("h1, h2, h3")
    .evaluateAll((hs) => hs.map((h) => `${h.tagName} ${h.textContent?.trim()}`));

describe.runIf(web.run)("what a page says it holds", () => {
  it("tells a casusregisseur the figures are not his, and which actions the overview shows him", async () => {
    const director = await pageFor("wijkteam");
    await director.goto("/cijfers");
    await director
      .getByText("De cijfers van de regio zijn voor de procesregisseur en de beheerder.")
      .waitFor();
    // No form that can only fail, no "could not be loaded".
    expect(await director.getByRole("button", { name: "Toon cijfers" }).count()).toBe(0);
    expect(await director.getByText("De gegevens konden niet worden geladen.").count()).toBe(0);
    await screenshot(director, "wording-figures-refused");
    expect(await seriousViolations(director)).toEqual([]);

    await director.goto("/overzicht");
    await director
      .getByText("De actiepunten van de casussen waarop u staat. Te late acties staan bovenaan.")
      .waitFor();
    expect(await director.getByText(/van de regio/).count()).toBe(0);
    await director.context().close();
  });

  it("tells someone not on the case that an action's page is not for them, not that loading failed", async () => {
    const coordinator = await web.server.loginAs("coordinator");
    const actionId = (await coordinator.get("/api/actions")).json.actions[0].id;
    const outsider = await pageFor("buitenstaander");
    await outsider.goto(`/acties/${actionId}`);
    await outsider
      .getByRole("alert")
      .filter({ hasText: "Dit actiepunt bestaat niet of u heeft er geen toegang toe." })
      .waitFor();
    await outsider.getByRole("heading", { level: 1, name: "Actiepunt" }).waitFor();
    expect(await outsider.getByText("De gegevens konden niet worden geladen.").count()).toBe(0);
    expect(await seriousViolations(outsider)).toEqual([]);
    await outsider.context().close();
  });

  it("says 'geen organisatie' for the ervaringsdeskundige wherever her organisation would stand", async () => {
    const director = await pageFor("wijkteam");
    await director.goto(`/casussen/${web.caseId}/leden`);
    const petra = director.getByRole("row").filter({ hasText: "Petra Hoekstra" }).first();
    await petra.waitFor();
    expect(await petra.textContent()).toContain("geen organisatie");
    await director.goto(`/casussen/${web.caseId}`);
    await director
      .getByRole("region", { name: "Casusoverleg" })
      .getByText("geen organisatie", { exact: false })
      .first()
      .waitFor();
    await director.context().close();
  });

  it("names the procesregisseur's list and overview after the region, and puts the phase history under its heading", async () => {
    const coordinator = await pageFor("coordinator");
    await coordinator.goto("/casussen");
    await coordinator.getByRole("heading", { level: 1, name: "Casussen van de regio" }).waitFor();
    await coordinator.goto("/overzicht");
    await coordinator.getByText("Alle actiepunten van de regio. Te late acties staan bovenaan.").waitFor();
    await coordinator.context().close();

    const director = await pageFor("wijkteam");
    await director.goto("/casussen");
    await director.getByRole("heading", { level: 1, name: "Mijn casussen" }).waitFor();
    await director.goto(`/casussen/${web.caseId}/fase`);
    await director.getByRole("table", { name: "Fasegeschiedenis" }).waitFor();
    const order = await headings(director);
    const form = order.indexOf("H2 Fase wijzigen");
    const history = order.indexOf("H2 Fasegeschiedenis");
    expect(form).toBeGreaterThan(0);
    // The history's heading comes after the form, right before its table.
    expect(history).toBeGreaterThan(form);
    expect(order.slice(history + 1)).toEqual([]);
    await screenshot(director, "wording-phase");
    expect(await seriousViolations(director)).toEqual([]);
    await director.context().close();
  });
});
