/**
 * With the UI switched to English, what the server refuses reads in English too: the web client
 * sends the UI's language with every request and tells the conference socket. (A failed login shows the page's own text,
 * `login.failed`, which tests/e2e/login.test.ts checks in English.)
 */
import { describe, expect, it } from "vitest";
import { demoCaseReference } from "../../db/seed/demo";
import { loginViaUi, newContext } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

describe.runIf(web.run)("server errors in an English UI", () => {
  it("shows the server's conflict about a taken case reference in English, at the field", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "coordinator");
    await page.getByRole("button", { name: "English" }).click();
    await page.goto("/casussen");
    await page.getByText("Register a new case").click();
    await page.getByLabel("Reference", { exact: true }).fill(demoCaseReference);
    await page.getByLabel("Household", { exact: true }).fill("Huishouden Dubbel");
    const sent = page.waitForRequest((r) => r.url().endsWith("/api/cases") && r.method() === "POST");
    await page.getByRole("button", { name: "Create case and add members" }).click();
    expect((await sent).headers()["accept-language"]).toBe("en");
    await page.getByText("A case with this reference already exists.").waitFor();
    expect(await page.getByText("Er bestaat al een casus met dit kenmerk.").count()).toBe(0);
    await context.close();
  });

  it("tells an open conference socket when the language is switched, so its refusals follow", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    const sent: string[] = [];
    page.on("websocket", (ws) => {
      if (ws.url().includes("/socket.io")) ws.on("framesent", (f) => sent.push(String(f.payload)));
    });
    await loginViaUi(page, "voorzitter");
    const { json } = await (await web.server.loginAs("voorzitter")).get("/api/cases");
    await page.goto(`/casussen/${json.cases[0].id}`);
    await page.getByRole("heading", { name: "Casusoverleg" }).waitFor();
    await expect.poll(() => sent.some((f) => f.includes("conference:join"))).toBe(true);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => sent.some((f) => f.includes('"client:locale",{"locale":"en"}'))).toBe(true);

    // A due date typed in the past: the server's own answer, in English, at the field.
    const panel = page.getByRole("region", { name: "Case conference" });
    await panel.getByRole("button", { name: "Start conference" }).click();
    // The demo conference is planned two days ahead: the chair is asked first, in English.
    await panel
      .getByRole("group", {
        name: /^This conference is planned for .+ at \d\d:\d\d\. Start it now\?$/,
      })
      .waitFor();
    await panel.getByRole("button", { name: "Yes, start now" }).click();
    const form = panel.getByRole("region", { name: "Action items" });
    await form.getByLabel("What needs to happen?").fill("Afspraken over het ophalen van school");
    await form.getByLabel("Owner").selectOption({ label: "Joris Smit — Wijkteam Zwolle-Zuid" });
    await form.getByLabel("Due by").fill("2020-01-01");
    await form.getByRole("button", { name: "Add action item" }).click();
    await form.getByText("This date is in the past. Choose today or later.").waitFor();
    expect(await form.getByLabel("Due by").getAttribute("aria-invalid")).toBe("true");
    await context.close();
  });
});
