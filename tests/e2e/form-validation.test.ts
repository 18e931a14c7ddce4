/**
 * Forms say what is missing in the app's own words, at the field, and send nothing until it is
 * there: no browser bubble (in the browser's language, tied to nothing), but the field marked
 * invalid, described by its problem, and the keyboard on it. In English when the UI is.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { isFocused, loginViaUi, newContext, screenshot } from "../helpers/browser";
import { startConference } from "../helpers/conference-start";
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

/**
 * A name and an e-mail address typed for someone (a new account, an invitation): sent empty with
 * the keyboard, both problems at their field and the keyboard on the first; then with a name and a
 * malformed address, the name's problem gone and the address's said at the address.
 */
async function checkPersonFields(
  page: Page,
  name: Locator,
  email: Locator,
  typed: { name: string; address: string },
  shot: string,
): Promise<void> {
  await name.focus();
  await page.keyboard.press("Enter");
  await expectProblem(page, name, "Vul een naam in.");
  await expectProblem(page, email, "Vul een e-mailadres in.");
  expect(await isFocused(name)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, shot);
  await page.keyboard.type(typed.name);
  expect(await name.getAttribute("aria-invalid")).toBeNull();
  expect(await page.getByText("Vul een naam in.", { exact: true }).count()).toBe(0);
  await page.keyboard.press("Tab");
  await page.keyboard.type(typed.address);
  await page.keyboard.press("Enter");
  await expectProblem(page, email, "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.");
  expect(await name.getAttribute("aria-invalid")).toBeNull();
  expect(await isFocused(email)).toBe(true);
}

describe.runIf(web.run)("required fields in the app's own words", () => {
  it("the admin's new account: name and e-mail address, said at the field before anything is sent", async () => {
    const page = await pageFor("admin");
    const created = watchRequests(page, "POST", "/api/admin/users");
    await page.goto("/beheer");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Account aanmaken" }) });
    const name = form.getByLabel("Naam", { exact: true });
    const email = form.getByLabel("E-mailadres");
    await page.getByRole("cell", { name: "Ellen Bakker", exact: true }).waitFor();

    await checkPersonFields(
      page,
      name,
      email,
      { name: "Bram Verhoef", address: "bram" },
      "form-validation-account",
    );
    expect(created).toEqual([]);

    await email.fill("bram@example.nl");
    await page.keyboard.press("Enter");
    await page.locator("code.ep-secret").waitFor();
    await page.getByRole("cell", { name: "Bram Verhoef", exact: true }).waitFor();
    expect(created).toHaveLength(1);
    expect(await email.getAttribute("aria-invalid")).toBeNull();
    // Emptied for the next account, the fields look as they did before anything was typed, not
    // marked wrong (the browser's own :user-invalid matched the emptied required fields).
    const borderOf = (l: Locator) => l.evaluate((el) => getComputedStyle(el).borderBottomColor);
    const untouched = await borderOf(
      page
        .locator("form", { has: page.getByRole("heading", { name: "Organisatie toevoegen" }) })
        .getByLabel("Naam", { exact: true }),
    );
    expect(await name.inputValue()).toBe("");
    expect(await borderOf(name)).toBe(untouched);
    expect(await borderOf(email)).toBe(untouched);

    // The start password is shown once: another form sent with a problem leaves it standing.
    const startPassword = await page.locator("code.ep-secret").textContent();
    const organisation = page.locator("form", {
      has: page.getByRole("heading", { name: "Organisatie toevoegen" }),
    });
    await organisation.getByRole("button", { name: "Organisatie toevoegen" }).click();
    await expectProblem(
      page,
      organisation.getByLabel("Naam", { exact: true }),
      "Vul de naam van de organisatie in.",
    );
    expect(await page.locator("code.ep-secret").textContent()).toBe(startPassword);
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

    await form.getByRole("button", { name: "Casus opschalen", exact: true }).focus();
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
    // The button names where the case would go: above the procesregisseur.
    await form.getByRole("button", { name: "Casus opschalen naar Management" }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, reason, "Vul een reden in van minstens 3 tekens.");
    expect(await caseField.getAttribute("aria-invalid")).toBeNull();
    expect(await isFocused(reason)).toBe(true);
    expect(escalated).toEqual([]);

    await reason.fill("Geen voortgang op de veiligheidsvoorwaarden.");
    await form.getByRole("button", { name: "Casus opschalen naar Management" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Geëscaleerd naar Management." }).waitFor();
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

    // The form starts clean: the phase chosen is the case's own now, the select shows its
    // placeholder, and sending it again asks for a new phase instead of sending the old one.
    await expect.poll(() => phase.locator("option", { hasText: "Risicogestuurde zorg" }).count()).toBe(0);
    expect(await phase.inputValue()).toBe("");
    expect(await phase.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(
      "Kies een fase",
    );
    expect(await reason.inputValue()).toBe("");
    await form.getByRole("button", { name: "Fase wijzigen" }).focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, phase, "Kies de nieuwe fase.");
    await expectProblem(page, reason, "Vul een reden in.");
    expect(await isFocused(phase)).toBe(true);
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
    // Raised by the procesregisseur, it goes to the level above her.
    const escalate = coordinator.getByRole("button", { name: "Escaleren naar Management" });
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
    await coordinator.getByRole("button", { name: "Escaleren naar Bestuurlijk overleg" }).waitFor();
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

  it("inviting an ervaringsdeskundige: a name and a well-formed e-mail address", async () => {
    const page = await pageFor("coordinator");
    const invited = watchRequests(page, "POST", `/api/cases/${web.caseId}/invitations`);
    await page.goto(`/casussen/${web.caseId}/leden`);
    const form = page.getByRole("region", { name: "Ervaringsdeskundige uitnodigen" });
    const name = form.getByLabel("Naam", { exact: true });
    const email = form.getByLabel("E-mailadres", { exact: true });
    await name.waitFor();

    await checkPersonFields(
      page,
      name,
      email,
      { name: "Sanne de Boer", address: "sanne" },
      "form-validation-invitation",
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(invited).toEqual([]);

    await email.fill("sanne@example.nl");
    expect(await email.getAttribute("aria-invalid")).toBeNull();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => form.getByLabel("Uitnodigingslink", { exact: false }).inputValue())
      .toMatch(/\/uitnodiging\//);
    expect(invited).toHaveLength(1);
    expect(await name.inputValue()).toBe("");
    await page.context().close();
  });

  it("the figures' period: its last day not before its first", async () => {
    const page = await pageFor("coordinator");
    const asked = watchRequests(page, "GET", "/api/figures");
    await page.goto("/cijfers");
    await page.getByRole("img", { name: /Casussen per fase/ }).waitFor();
    expect(asked).toHaveLength(1);
    const form = page.getByRole("form", { name: "Periode" });
    const from = form.getByLabel("Van", { exact: true });
    const to = form.getByLabel("Tot en met");
    const show = form.getByRole("button", { name: "Toon cijfers" });

    await from.fill("2026-03-10");
    await to.fill("2026-03-01");
    await show.focus();
    await page.keyboard.press("Enter");
    const message = "De laatste dag ligt vóór de eerste. Kies een latere dag.";
    await expectProblem(page, to, message);
    expect(await from.getAttribute("aria-invalid")).toBeNull();
    expect(await isFocused(to)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-figures-period");
    expect(asked).toHaveLength(1);

    // One day is a period too: the same day twice is sent.
    await to.fill("2026-03-10");
    expect(await to.getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByText(message, { exact: true }).count()).toBe(0);
    await show.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => form.getByRole("link", { name: "Download als CSV" }).getAttribute("href"))
      .toBe("/api/figures?from=2026-03-10&to=2026-03-10&format=csv");
    expect(asked).toHaveLength(2);
    await page.context().close();
  });

  it("the chair going on past an intimate-terror warning: the reason is asked for at its field", async () => {
    const chairClient = await web.server.loginAs("voorzitter");
    const scheduled = await chairClient.post(`/api/cases/${web.caseId}/conferences`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: [{ title: "Directe veiligheid", sectionKey: "immediate_safety" }],
    });
    expect(scheduled.status).toBe(201);
    const page = await pageFor("voorzitter");
    // The panel speaks over socket.io: what it sends, over the websocket or by polling.
    const proposals: string[] = [];
    page.on("websocket", (ws) =>
      ws.on("framesent", (f) => {
        if (String(f.payload).includes("decision:propose")) proposals.push(String(f.payload));
      }),
    );
    page.on("request", (r) => {
      if (r.postData()?.includes("decision:propose")) proposals.push(r.postData() as string);
    });
    await page.goto(`/casussen/${web.caseId}`);
    const panel = page.getByRole("region", { name: "Casusoverleg" });
    const decisions = panel.getByRole("region", { name: "Besluiten" });
    await startConference(panel);
    await panel.locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();

    const text = "Relatietherapie voor vader en moeder starten zodra het rustig is.";
    await decisions.getByLabel("Voorstel voor een besluit").fill(text);
    await decisions.getByRole("button", { name: "Besluit voorstellen" }).click();
    await decisions.getByRole("alert").filter({ hasText: "intiem terreur" }).waitFor();
    expect(proposals).toHaveLength(1);
    const reason = decisions.getByLabel("Waarom gaat u toch door? (wordt vastgelegd)");
    const proceed = decisions.getByRole("button", { name: "Doorgaan met deze reden" });

    await proceed.focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, reason, "Vul een reden in.");
    expect(await isFocused(reason)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "form-validation-warning-reason");

    // Too short for the server (three characters): asked for again, nothing sent.
    await page.keyboard.type("ok");
    expect(await reason.getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByText("Vul een reden in.", { exact: true }).count()).toBe(0);
    await proceed.focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, reason, "Vul een reden in van minstens 3 tekens.");
    expect(await isFocused(reason)).toBe(true);
    expect(proposals).toHaveLength(1);

    await reason.fill("Alleen na toestemming van Veilig Thuis en met aparte intake.");
    await proceed.focus();
    await page.keyboard.press("Enter");
    await decisions.getByRole("article").filter({ hasText: text }).waitFor();
    expect(proposals).toHaveLength(2);
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

    // Sent again empty: the server's earlier answer no longer stands beside the problem at the field.
    const done = page
      .getByRole("status")
      .filter({ hasText: "Organisation Reclassering IJsselland has been added." });
    await done.waitFor();
    await name.focus();
    await page.keyboard.press("Enter");
    await expectProblem(page, name, "Fill in the name of the organisation.");
    expect(await done.count()).toBe(0);
    expect(created).toHaveLength(1);
    await page.context().close();
  });
});
