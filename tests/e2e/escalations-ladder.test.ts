/**
 * The escalation ladder in a real browser, by keyboard and in Dutch: the buttons name the level an
 * escalation really goes to (above whoever raises it), closing one says what was closed and keeps
 * the keyboard, earlier problems go with a new action, only the level it went to is offered the
 * close, and an escalated action done since shows so and is not escalated further.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
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
const omgang = "Begeleide omgang regelen via het omgangshuis";
const late = "Aanmelding traumabehandeling moeder bevestigen";

async function pageFor(key: string): Promise<Page> {
  const context = browsers.keep(await loggedInContext(web.browser, web.server, key));
  return browsers.watch(await context.newPage(), key);
}

/** The id of a demo action by its title. */
async function actionId(title: string): Promise<string> {
  const api = await web.server.loginAs("coordinator");
  const all: { id: string; title: string }[] = (await api.get(`/api/actions?caseId=${web.caseId}`)).json
    .actions;
  const found = all.find((a) => a.title === title);
  if (!found) throw new Error(`no action ${title}`);
  return found.id;
}

/** The text of what has the keyboard focus, and what it is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase(), id: el?.id ?? "", text: el?.textContent?.trim() ?? "" };
  });

describe.runIf(web.run)("the escalation ladder", () => {
  it("names the level above the procesregisseur on her buttons; closing says what it closed and keeps the keyboard", async () => {
    const coordinator = await pageFor("coordinator");
    await withScreenshots([coordinator], "escalations-ladder-coordinator", async () => {
      await coordinator.goto(`/acties/${await actionId(omgang)}`);
      await coordinator.getByRole("heading", { level: 1, name: omgang }).waitFor();
      // Not her own level: the one above her.
      const toManagement = coordinator.getByRole("button", { name: "Escaleren naar Management" });
      await toManagement.waitFor();
      expect(await coordinator.getByRole("button", { name: "Escaleren naar Procesregisseur" }).count()).toBe(
        0,
      );
      await coordinator.getByLabel("Reden van escalatie").focus();
      await coordinator.keyboard.type("Het omgangshuis heeft al een maand geen plek.");
      await coordinator.keyboard.press("Tab");
      expect(await isFocused(toManagement)).toBe(true);
      await coordinator.keyboard.press("Enter");
      await coordinator.getByRole("status").filter({ hasText: "Geëscaleerd naar Management." }).waitFor();
      // Further goes one level up, and the button says so.
      await coordinator.getByRole("button", { name: "Escaleren naar Bestuurlijk overleg" }).waitFor();
      expect(await seriousViolations(coordinator)).toEqual([]);

      await coordinator.goto("/escalaties");
      const card = coordinator.getByRole("article", { name: "Management — MDA-DEMO-001" });
      await card.waitFor();
      // The action as it is now, beside why it was escalated.
      expect(await card.locator("dt").allTextContents()).toEqual([
        "Onderwerp",
        "Status actiepunt",
        "Termijn",
        "Geëscaleerd",
        "Reden",
      ]);
      expect(await card.locator("dd").nth(1).textContent()).toBe("Open");

      // A case form sent empty: its problems show ...
      const form = coordinator.getByRole("form", { name: "Een casus escaleren" });
      const send = form.getByRole("button", { name: /^Casus opschalen/ });
      expect(await send.textContent()).toBe("Casus opschalen");
      await send.focus();
      await coordinator.keyboard.press("Enter");
      await coordinator.getByText("Kies een casus.", { exact: true }).waitFor();
      await coordinator.getByText("Vul een reden in.", { exact: true }).waitFor();

      // ... and go when she closes the escalation instead. The card goes; a line says what was
      // closed and has the keyboard, and Tab goes on from there (not from "Naar de inhoud").
      await card.getByLabel("Uitkomst").focus();
      await coordinator.keyboard.type("Management regelt een plek bij een ander omgangshuis.");
      await coordinator.keyboard.press("Tab");
      expect(await isFocused(card.getByRole("button", { name: "Afsluiten met uitkomst" }))).toBe(true);
      await coordinator.keyboard.press("Enter");
      const line = coordinator
        .getByRole("status")
        .filter({ hasText: "Escalatie afgesloten: Management — MDA-DEMO-001." });
      await line.waitFor();
      await expect.poll(() => isFocused(line)).toBe(true);
      expect(await line.getAttribute("tabindex")).toBe("-1");
      await coordinator.getByText("Geen open escalaties.").waitFor();
      expect(await coordinator.getByText("Kies een casus.", { exact: true }).count()).toBe(0);
      expect(await coordinator.getByText("Vul een reden in.", { exact: true }).count()).toBe(0);
      await coordinator.keyboard.press("Tab");
      expect(await focused(coordinator)).toMatchObject({ tag: "input", id: "fu-esc-all" });

      // The whole case, by keyboard: the button names where it goes before she presses it.
      const caseField = form.getByLabel("Casus", { exact: true });
      await caseField.focus();
      await coordinator.keyboard.press("ArrowDown");
      await expect.poll(() => caseField.inputValue()).toBe(web.caseId);
      const caseToManagement = form.getByRole("button", { name: "Casus opschalen naar Management" });
      await caseToManagement.waitFor();
      await form.getByLabel("Reden van escalatie").focus();
      await coordinator.keyboard.type("Geen voortgang op de veiligheidsvoorwaarden.");
      await coordinator.keyboard.press("Tab");
      expect(await isFocused(caseToManagement)).toBe(true);
      await coordinator.keyboard.press("Enter");
      await coordinator.getByRole("status").filter({ hasText: "Geëscaleerd naar Management." }).waitFor();
      // The closing message went with the new action.
      expect(await coordinator.getByText(/Escalatie afgesloten/).count()).toBe(0);
      await coordinator
        .getByRole("article", { name: "Management — MDA-DEMO-001" })
        .getByText("De casus zelf")
        .waitFor();
      await form.getByRole("button", { name: "Casus opschalen naar Bestuurlijk overleg" }).waitFor();
      await screenshot(coordinator, "escalations-ladder");
      expect(await seriousViolations(coordinator)).toEqual([]);
    });
  });

  it("shows the casusregisseur an escalation over his head, without offering him to close it", async () => {
    const director = await pageFor("wijkteam");
    await withScreenshots([director], "escalations-ladder-director", async () => {
      await director.goto("/escalaties");
      const card = director.getByRole("article", { name: "Management — MDA-DEMO-001" });
      await card.getByText("De procesregisseur legt de uitkomst van deze escalatie vast.").waitFor();
      expect(await card.getByRole("button", { name: "Afsluiten met uitkomst" }).count()).toBe(0);
      expect(await card.getByLabel("Uitkomst").count()).toBe(0);
      // His own case escalation goes to the procesregisseur's level; this one is above it already.
      const form = director.getByRole("form", { name: "Een casus escaleren" });
      await form.getByLabel("Casus", { exact: true }).focus();
      await director.keyboard.press("ArrowDown");
      await form.getByRole("button", { name: "Casus opschalen naar Bestuurlijk overleg" }).waitFor();
      await screenshot(director, "escalations-ladder-director");
      expect(await seriousViolations(director)).toEqual([]);
    });
  });

  it("shows an escalated action done since as done, and offers no further escalation", async () => {
    const id = await actionId(late);
    const coordinatorApi = await web.server.loginAs("coordinator");
    const raised = await coordinatorApi.post("/api/escalations", {
      caseId: web.caseId,
      actionId: id,
      reason: "Twee weken geen bevestiging.",
    });
    expect(raised.status).toBe(201);
    const owner = await web.server.loginAs("wijkteam");
    expect((await owner.patch(`/api/actions/${id}`, { status: "done", note: "Bevestigd." })).status).toBe(
      200,
    );

    const coordinator = await pageFor("coordinator");
    await withScreenshots([coordinator], "escalations-ladder-done", async () => {
      await coordinator.goto("/escalaties");
      const card = coordinator.getByRole("article").filter({ hasText: late });
      await card.getByText("Gereed", { exact: true }).waitFor();
      // Still to be closed with an outcome.
      await card.getByRole("button", { name: "Afsluiten met uitkomst" }).waitFor();
      await screenshot(coordinator, "escalations-ladder-done");

      await card.getByRole("link", { name: late }).focus();
      await coordinator.keyboard.press("Enter");
      await coordinator.getByRole("heading", { level: 1, name: late }).waitFor();
      await coordinator.getByText("Dit actiepunt is gereed: er valt niets meer te escaleren.").waitFor();
      expect(await coordinator.getByRole("button", { name: /^Escaleren naar/ }).count()).toBe(0);
      expect(await seriousViolations(coordinator)).toEqual([]);

      // Closed here too, the line below the escalations says so and takes the keyboard.
      await coordinator.getByLabel("Uitkomst").focus();
      await coordinator.keyboard.type("De aanmelding is bevestigd.");
      await coordinator.keyboard.press("Tab");
      await coordinator.keyboard.press("Enter");
      const line = coordinator.getByRole("status").filter({ hasText: "Escalatie afgesloten: Management." });
      await line.waitFor();
      await expect.poll(() => isFocused(line)).toBe(true);
      await coordinator.getByText("Afgesloten: De aanmelding is bevestigd.").waitFor();
    });
  });
});
