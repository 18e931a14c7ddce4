/**
 * Forms say what is missing in the app's own words, at the field, and send nothing until it is
 * there: no browser bubble (in the browser's language, tied to nothing), but the field marked
 * invalid, described by its problem, and the keyboard on it. In English when the UI is.
 */
import type { Locator, Page } from "playwright-core";
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

/** The requests with this method whose path ends as given, as they are sent. */
function watchRequests(page: Page, method: string, path: string | RegExp): string[] {
  const sent: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url()).pathname;
    if (r.method() === method && (typeof path === "string" ? url === path : path.test(url))) sent.push(url);
  });
  return sent;
}

/** The field says it is invalid and is described by exactly this problem, shown once on the page. */
async function expectProblem(page: Page, field: Locator, message: string): Promise<void> {
  await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByText(message, { exact: true }).count()).toBe(1);
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const descriptions = await Promise.all(
    describedBy
      .split(" ")
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  expect(descriptions).toContain(message);
}

const isFocused = (field: Locator) => field.evaluate((el) => el === document.activeElement);

describe.runIf(web.run)("required fields in the app's own words", () => {
  it("the admin's new account: name and e-mail address, said at the field before anything is sent", async () => {
    const page = await pageFor("admin");
    const created = watchRequests(page, "POST", "/api/admin/users");
    await page.goto("/beheer");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Account aanmaken" }) });
    const name = form.getByLabel("Naam", { exact: true });
    const email = form.getByLabel("E-mailadres");
    await page.getByRole("cell", { name: "Ellen Bakker", exact: true }).waitFor();

    // Empty, sent with the keyboard: both problems at their field, the keyboard on the first.
    await name.focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, name, "Vul een naam in.");
    await expectProblem(page, email, "Vul een e-mailadres in.");
    expect(await isFocused(name)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-account");

    // The name typed: its problem goes; a malformed address is said at the address.
    await page.keyboard.type("Bram Verhoef");
    expect(await name.getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByText("Vul een naam in.", { exact: true }).count()).toBe(0);
    await page.keyboard.press("Tab");
    await page.keyboard.type("bram");
    await page.keyboard.press("Enter");
    await expectProblem(page, email, "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.");
    expect(await isFocused(email)).toBe(true);
    expect(created).toEqual([]);

    await email.fill("bram@example.nl");
    await page.keyboard.press("Enter");
    await page.locator("code.ep-secret").waitFor();
    await page.getByRole("cell", { name: "Bram Verhoef", exact: true }).waitFor();
    expect(created).toHaveLength(1);
    expect(await email.getAttribute("aria-invalid")).toBeNull();
    await page.context().close();
  });

  it("the coordinator's case escalation: a case and a reason of three characters", async () => {
    const page = await pageFor("coordinator");
    const escalated = watchRequests(page, "POST", "/api/escalations");
    await page.goto("/escalaties");
    const form = page.getByRole("form", { name: "Een casus escaleren" });
    const caseField = form.getByLabel("Casus", { exact: true });
    const reason = form.getByLabel("Reden van escalatie");
    await expect.poll(() => caseField.locator("option").count()).toBeGreaterThan(1);

    await form.getByRole("button", { name: "Casus één niveau opschalen" }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, caseField, "Kies een casus.");
    await expectProblem(page, reason, "Vul een reden in.");
    expect(await isFocused(caseField)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-escalation");

    // A case chosen and a reason too short: only the reason, with the keyboard on it.
    await caseField.selectOption({ label: "MDA-DEMO-001 — Huishouden Berkel-Yilmaz" });
    expect(await caseField.getAttribute("aria-invalid")).toBeNull();
    await reason.fill("ok");
    await form.getByRole("button", { name: "Casus één niveau opschalen" }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, reason, "Vul een reden in van minstens 3 tekens.");
    expect(await caseField.getAttribute("aria-invalid")).toBeNull();
    expect(await isFocused(reason)).toBe(true);
    expect(escalated).toEqual([]);

    await reason.fill("Geen voortgang op de veiligheidsvoorwaarden.");
    await form.getByRole("button", { name: "Casus één niveau opschalen" }).focus();
    await page.keyboard.press("Enter");
    await form.getByRole("status").filter({ hasText: "Geëscaleerd naar Casusregisseur." }).waitFor();
    expect(escalated).toHaveLength(1);
    expect(await reason.getAttribute("aria-invalid")).toBeNull();
    await page.context().close();
  });

  it("the case director's phase change: a new phase and a reason", async () => {
    const page = await pageFor("wijkteam");
    const moved = watchRequests(page, "POST", `/api/cases/${web.caseId}/phase`);
    await page.goto(`/casussen/${web.caseId}/fase`);
    const form = page.getByRole("form", { name: "Fase wijzigen" });
    const phase = form.getByLabel("Nieuwe fase");
    const reason = form.getByLabel("Reden");
    await page.getByRole("cell", { name: "Aangemeld voor MDA++" }).waitFor();

    await form.getByRole("button", { name: "Fase wijzigen" }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, phase, "Kies de nieuwe fase.");
    await expectProblem(page, reason, "Vul een reden in.");
    expect(await isFocused(phase)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-phase");
    expect(moved).toEqual([]);

    await phase.selectOption({ label: "Risicogestuurde zorg" });
    await reason.fill("Acht weken geen incidenten.");
    expect(await reason.getAttribute("aria-invalid")).toBeNull();
    await form.getByRole("button", { name: "Fase wijzigen" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("cell", { name: "Acht weken geen incidenten." }).waitFor();
    await page.getByText("Fase: Risicogestuurde zorg").waitFor();
    expect(moved).toHaveLength(1);
    await page.context().close();
  });

  it("an action: its due date may be moved but not emptied, and an escalation needs a reason", async () => {
    const api = await web.server.loginAs("wijkteam");
    const actions = (await api.get(`/api/cases/${web.caseId}/actions`)).json.actions as {
      id: string;
      title: string;
    }[];
    const action = actions.find((a) => a.title === "Begeleide omgang regelen via het omgangshuis");
    const late = actions.find((a) => a.title === "Aanmelding traumabehandeling moeder bevestigen");
    if (!action || !late) throw new Error("the demo actions are not there");

    const page = await pageFor("wijkteam");
    const saved = watchRequests(page, "PATCH", `/api/actions/${action.id}`);
    await page.goto(`/acties/${action.id}`);
    const due = page.getByLabel("Termijn");
    await expect.poll(() => due.inputValue()).not.toBe("");
    await due.fill("");
    await page.getByRole("button", { name: "Opslaan" }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, due, "Kies een nieuwe termijn.");
    expect(await isFocused(due)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(saved).toEqual([]);
    await due.fill("2027-02-01");
    expect(await due.getAttribute("aria-invalid")).toBeNull();
    await page.getByRole("button", { name: "Opslaan" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
    expect(saved).toHaveLength(1);

    const coordinator = await pageFor("coordinator");
    const escalated = watchRequests(coordinator, "POST", "/api/escalations");
    await coordinator.goto(`/acties/${late.id}`);
    const escalate = coordinator.getByRole("button", { name: "Escaleren naar Procesregisseur" });
    const reason = coordinator.getByLabel("Reden van escalatie");
    await escalate.focus();
    await coordinator.keyboard.press("Enter");
    await expectProblem(coordinator, reason, "Vul een reden in.");
    expect(await isFocused(reason)).toBe(true);
    expect(await seriousViolations(coordinator)).toEqual([]);
    expect(escalated).toEqual([]);
    await reason.fill("Al twee weken geen bevestiging van de GGZ.");
    await escalate.focus();
    await coordinator.keyboard.press("Enter");
    await coordinator.getByRole("button", { name: "Escaleren naar Management" }).waitFor();
    expect(escalated).toHaveLength(1);
    await page.context().close();
    await coordinator.context().close();
  });

  it("adding a member to a case: a person must be chosen", async () => {
    const page = await pageFor("coordinator");
    const added = watchRequests(page, "POST", `/api/cases/${web.caseId}/members`);
    await page.goto(`/casussen/${web.caseId}/leden`);
    await page.getByRole("heading", { name: "Lid toevoegen" }).waitFor();
    const person = page.getByLabel("Persoon", { exact: true });
    await expect.poll(() => person.locator("option").count()).toBeGreaterThan(1);

    await page.getByRole("button", { name: "Toevoegen", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, person, "Kies een persoon.");
    expect(await isFocused(person)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-member");
    expect(added).toEqual([]);

    const choice = (await person.locator("option").nth(1).textContent()) as string;
    await person.selectOption({ index: 1 });
    expect(await person.getAttribute("aria-invalid")).toBeNull();
    await page.getByRole("button", { name: "Toevoegen", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("cell", { name: choice.replace(/ \(.*\)$/, ""), exact: true }).waitFor();
    expect(added).toHaveLength(1);
    await page.context().close();
  });

  it("speaks English when the UI does: the admin's new organisation needs a name", async () => {
    const page = await pageFor("admin");
    const created = watchRequests(page, "POST", "/api/admin/organisations");
    await page.goto("/beheer");
    await page.getByRole("button", { name: "English" }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Add organisation" }) });
    await form.waitFor();
    const name = form.getByLabel("Name", { exact: true });

    await name.focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, name, "Fill in the name of the organisation.");
    expect(await page.getByText("Vul de naam van de organisatie in.").count()).toBe(0);
    expect(await isFocused(name)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-organisation-en");
    expect(created).toEqual([]);

    await page.keyboard.type("Reclassering IJsselland");
    expect(await name.getAttribute("aria-invalid")).toBeNull();
    await page.keyboard.press("Enter");
    await page.getByRole("cell", { name: "Reclassering IJsselland", exact: true }).waitFor();
    expect(created).toHaveLength(1);
    await page.context().close();
  });
});
