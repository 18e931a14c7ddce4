/**
 * A huisverbod runs out within days: the chair records its last day on the phase page, every case
 * page shows how many days are left, and the case list warns when the conference falls after it.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCaseReference } from "../../db/seed/demo";
import { addDays, amsterdamDate } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import { chromiumAvailable, loginViaUi, newContext, screenshot } from "../helpers/browser";
import type { TestServer } from "../helpers/server";
import { startWebServer } from "../helpers/web-copy";

const run = chromiumAvailable();
let server: TestServer;
let browser: Browser;
let stopWeb: (() => Promise<void>) | undefined;
let caseId: string;

beforeAll(async () => {
  if (!run) return;
  ({ server, browser, caseId, stop: stopWeb } = await startWebServer());
});
afterAll(async () => {
  await stopWeb?.();
});

const dutchDate = (day: string) =>
  new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));

describe.runIf(run)("the huisverbod of a case", () => {
  it("is recorded by the chair with the keyboard, shown on every case page, and warned about in the list", async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await loginViaUi(page, "voorzitter");
    await page.goto(`/casussen/${caseId}/fase`);
    await page.getByRole("heading", { name: "Huisverbod", level: 2 }).waitFor();
    await page.getByText("Er is geen huisverbod vastgelegd.").waitFor();

    // The demo conference is planned a few days ahead; a huisverbod ending tomorrow ends before it.
    const tomorrow = addDays(amsterdamDate(new Date()), 1);
    const field = page.getByLabel("Laatste dag van het huisverbod");
    await field.focus();
    await field.fill(tomorrow);
    await page.keyboard.press("Enter");
    await page.getByText(`Vastgelegd: huisverbod tot en met ${dutchDate(tomorrow)}.`).waitFor();
    const badge = `Huisverbod tot en met ${dutchDate(tomorrow)} (nog 1 dag)`;
    await page.locator("header.ep-case-header").getByText(badge).waitFor();
    await screenshot(page, "restraining-order-phase");
    expect(await seriousViolations(page)).toEqual([]);

    // The plan page shows it too, and the list says the conference comes too late.
    await page.getByRole("link", { name: "Veiligheidsplan" }).click();
    await page.locator("header.ep-case-header").getByText(badge).waitFor();
    await page.getByRole("link", { name: "Casussen", exact: true }).click();
    const row = page.getByRole("row", { name: new RegExp(demoCaseReference) });
    await row.getByText(`Huisverbod tot en met ${dutchDate(tomorrow)}: plan het overleg daarvóór`).waitFor();
    await screenshot(page, "restraining-order-list");

    // A professional sees it, but cannot change it.
    const other = await newContext(browser, server.url);
    const politie = await other.newPage();
    await loginViaUi(politie, "politie");
    await politie.goto(`/casussen/${caseId}/fase`);
    await politie.locator("header.ep-case-header").getByText(badge).waitFor();
    expect(await politie.getByLabel("Laatste dag van het huisverbod").count()).toBe(0);
    await other.close();

    // Lifted: gone from the header and from the list.
    await page.goto(`/casussen/${caseId}/fase`);
    await page.getByRole("button", { name: "Huisverbod opgeheven" }).click();
    await page.getByText("Het huisverbod is opgeheven.").waitFor();
    await page.getByText("Er is geen huisverbod vastgelegd.").waitFor();
    expect(await page.locator("header.ep-case-header").getByText("Huisverbod tot").count()).toBe(0);
    await context.close();
  });

  it("warns the chair who plans the first conference after the huisverbod's last day", async () => {
    // A new case without a conference, the chair on it, a huisverbod until the day after tomorrow.
    const coordinator = await server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-2026-050",
      title: "Huishouden L.",
      categories: ["huisverbod"],
    });
    const users = (await coordinator.get(`/api/cases/${created.json.id}/candidates`)).json.users as {
      id: string;
      name: string;
    }[];
    const chairId = users.find((u) => u.name === "Marco Jansen")?.id;
    await coordinator.post(`/api/cases/${created.json.id}/members`, { userId: chairId, role: "chair" });
    const today = amsterdamDate(new Date());
    const until = addDays(today, 2);
    const set = await (await server.loginAs("voorzitter")).request(
      "PUT",
      `/api/cases/${created.json.id}/restraining-order`,
      { until },
    );
    expect(set.status).toBe(200);

    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await loginViaUi(page, "voorzitter");
    await page.goto(`/casussen/${created.json.id}`);
    const form = page.getByRole("region", { name: "Volgend overleg plannen" });
    const date = form.getByLabel("Datum");
    await date.fill(addDays(today, 1));
    expect(await form.getByText("Het huisverbod loopt tot en met").count()).toBe(0);
    await date.fill(addDays(today, 5));
    await form
      .getByText(`Het huisverbod loopt tot en met ${dutchDate(until)}: dit overleg valt daarna.`)
      .waitFor();
    await screenshot(page, "restraining-order-schedule");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
