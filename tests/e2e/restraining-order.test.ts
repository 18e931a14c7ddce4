/**
 * A huisverbod runs out within days: the chair records the day it was imposed and its last day on
 * the phase page, which shows its legal deadlines; every case page shows how many days are left, the
 * case list warns when it ends soon or the conference falls after it, and the chair's reminders
 * name it.
 */
import { describe, expect, it } from "vitest";
import { demoCaseReference } from "../../db/seed/demo";
import { addDays, amsterdamDate } from "../../shared/dates";
import { seriousViolations } from "../helpers/axe";
import { loginViaUi, newContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

const dutchDate = (day: string) =>
  new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));

describe.runIf(web.run)("the huisverbod of a case", () => {
  it("is recorded by the chair with the keyboard, shown on every case page, and warned about in the list", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "voorzitter");
    await page.goto(`/casussen/${web.caseId}/fase`);
    await page.getByRole("heading", { name: "Huisverbod", level: 2 }).waitFor();
    await page.getByText("Er is geen huisverbod vastgelegd.").waitFor();

    // The demo conference is planned a few days ahead; a huisverbod imposed nine days ago ends
    // tomorrow, after its ten days, before it. The form proposes those ten days as the last day.
    const today = amsterdamDate(new Date());
    const imposed = addDays(today, -9);
    const tomorrow = addDays(today, 1);
    const fromField = page.getByLabel("Opgelegd op");
    await fromField.focus();
    await fromField.fill(imposed);
    expect(await page.getByLabel("Laatste dag van het huisverbod").inputValue()).toBe(tomorrow);
    await page
      .getByText(
        `Tien dagen: tot en met ${dutchDate(tomorrow)}. Na verlenging hoogstens tot en met ${dutchDate(addDays(imposed, 28))}.`,
      )
      .waitFor();
    // A last day beyond the four weeks, typed anyway: the server's answer, at the field.
    await page.keyboard.press("Tab");
    const untilField = page.getByLabel("Laatste dag van het huisverbod");
    await untilField.fill(addDays(imposed, 29));
    await page.keyboard.press("Enter");
    await page.getByText("Een huisverbod duurt hoogstens vier weken na het opleggen.").waitFor();
    expect(await untilField.getAttribute("aria-invalid")).toBe("true");
    await untilField.fill(tomorrow);
    await page.keyboard.press("Enter");
    await page.getByText(`Vastgelegd: huisverbod tot en met ${dutchDate(tomorrow)}.`).waitFor();
    await page.getByText(`Opgelegd op ${dutchDate(imposed)}.`).waitFor();
    await page
      .getByText(
        `De tien dagen lopen tot en met ${dutchDate(tomorrow)}; de burgemeester kan het daarvóór verlengen, hoogstens tot en met ${dutchDate(addDays(imposed, 28))}.`,
      )
      .waitFor();
    const badge = `Huisverbod tot en met ${dutchDate(tomorrow)} (nog 1 dag)`;
    await page.locator("header.ep-case-header").getByText(badge).waitFor();
    await screenshot(page, "restraining-order-phase");
    expect(await seriousViolations(page)).toEqual([]);

    // The plan page shows it too, and the list says the conference comes too late.
    await page.getByRole("link", { name: "Veiligheidsplan" }).click();
    await page.locator("header.ep-case-header").getByText(badge).waitFor();
    await page.getByRole("link", { name: "Casussen", exact: true }).click();
    const row = page.getByRole("row", { name: new RegExp(demoCaseReference) });
    await row.getByText(`${badge}: plan het overleg daarvóór`).waitFor();
    await screenshot(page, "restraining-order-list");

    // The chair's reminders name it, counted in the badge, with a way to the phase page.
    const myActions = page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("link", { name: /Mijn acties/ });
    await expect.poll(() => myActions.textContent()).toContain("1 herinnering");
    await myActions.click();
    const reminder = page.getByRole("list", { name: "Huisverbod" }).getByRole("listitem");
    await reminder.getByText(`${badge} Verlengen kan nog.`).waitFor();
    await screenshot(page, "restraining-order-reminder");
    expect(await seriousViolations(page)).toEqual([]);
    await reminder.getByRole("link", { name: demoCaseReference }).click();
    await page.getByRole("heading", { name: "Huisverbod", level: 2 }).waitFor();

    // A professional sees it, but cannot change it.
    const other = await newContext(web.browser, web.server.url);
    const politie = await other.newPage();
    await loginViaUi(politie, "politie");
    await politie.goto(`/casussen/${web.caseId}/fase`);
    await politie.locator("header.ep-case-header").getByText(badge).waitFor();
    expect(await politie.getByLabel("Laatste dag van het huisverbod").count()).toBe(0);
    await other.close();

    // Lifted, after the question naming its last day: gone from the header and from the list.
    await page.goto(`/casussen/${web.caseId}/fase`);
    await page.getByRole("button", { name: "Huisverbod opheffen" }).click();
    await page
      .getByRole("group", { name: `Het huisverbod tot en met ${dutchDate(tomorrow)} opheffen?` })
      .getByRole("button", { name: "Ja, huisverbod opheffen" })
      .click();
    await page.getByText(`Het huisverbod tot en met ${dutchDate(tomorrow)} is opgeheven.`).waitFor();
    await page.getByText("Er is geen huisverbod vastgelegd.").waitFor();
    expect(await page.locator("header.ep-case-header").getByText("Huisverbod tot").count()).toBe(0);
    await context.close();
  });

  it("warns the chair who plans the first conference after the huisverbod's last day", async () => {
    // A new case without a conference, the chair on it, a huisverbod until four days from now.
    const coordinator = await web.server.loginAs("coordinator");
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
    const until = addDays(today, 4);
    const set = await (await web.server.loginAs("voorzitter")).request(
      "PUT",
      `/api/cases/${created.json.id}/restraining-order`,
      { from: today, until },
    );
    expect(set.status).toBe(200);

    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "voorzitter");
    await page.goto(`/casussen/${created.json.id}`);
    const form = page.getByRole("region", { name: "Volgend overleg plannen" });
    const date = form.getByLabel("Datum");
    await date.fill(addDays(today, 1));
    expect(await form.getByText("Het huisverbod loopt tot en met").count()).toBe(0);
    await date.fill(addDays(today, 6));
    await form
      .getByText(`Het huisverbod loopt tot en met ${dutchDate(until)}: dit overleg valt daarna.`)
      .waitFor();
    await screenshot(page, "restraining-order-schedule");
    expect(await seriousViolations(page)).toEqual([]);

    // Not planned yet, not ending within two days: the list says only that the conference must come first.
    await page.getByRole("link", { name: "Casussen", exact: true }).click();
    const row = page.getByRole("row", { name: /MDA-2026-050/ });
    await row.getByText(`Huisverbod tot en met ${dutchDate(until)}: plan het overleg daarvóór`).waitFor();
    expect(await row.getByText("(nog 4 dagen)").count()).toBe(0);
    await context.close();
  });
});
