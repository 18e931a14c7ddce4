import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { loginViaUi, newContext, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

describe.runIf(web.run)("the login page in a real browser", () => {
  it("greets a logged-out visitor in Dutch and logs them in with the keyboard", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await withScreenshots([page], "login", async () => {
      await page.goto("/casussen");
      await page.waitForURL("**/inloggen");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Inloggen");
      expect(await page.locator("html").getAttribute("lang")).toBe("nl");
      await screenshot(page, "login-page");
      expect(await seriousViolations(page)).toEqual([]);

      // Keyboard only: skip link, then the form fields in order.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Naar de inhoud");
      await page.getByLabel("E-mailadres").focus();
      await page.keyboard.type("wijkteam@demo.eenplan.nl");
      await page.keyboard.press("Tab");
      await page.keyboard.type("demo-wachtwoord-2026");
      await page.keyboard.press("Enter");
      await page.waitForURL("**/casussen");
      await page.getByRole("link", { name: "MDA-DEMO-001" }).waitFor();
      expect(await page.getByRole("cell", { name: "Casusregisseur" }).count()).toBe(1);
      await screenshot(page, "case-list");
      expect(await seriousViolations(page)).toEqual([]);
    });
    await context.close();
  });

  it("refuses a wrong password with a message, in English when switched", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await page.goto("/inloggen");
    await page.getByRole("button", { name: "English" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Log in");
    await page.getByLabel("E-mail address").fill("wijkteam@demo.eenplan.nl");
    await page.getByLabel("Password").fill("verkeerd-wachtwoord");
    await page.getByRole("button", { name: "Log in" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("incorrect");
    await context.close();
  });

  it("says which field is missing or malformed, at the field, before anything is sent", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/auth/login")) sent.push(r.url());
    });
    await page.goto("/inloggen");
    await page.getByRole("button", { name: "Inloggen" }).click();
    const email = page.getByLabel("E-mailadres");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("Vul uw e-mailadres in.").count()).toBe(1);
    expect(await page.getByText("Vul uw wachtwoord in.").count()).toBe(1);
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    await email.fill("wijkteam");
    await page.getByLabel("Wachtwoord").fill("iets");
    await page.keyboard.press("Enter");
    await page.getByText("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.").waitFor();
    expect(await page.getByText("Vul uw wachtwoord in.").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "login-field-errors");
    expect(sent).toEqual([]);
    await context.close();
  });

  it("logs in and out via the helper", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "voorzitter");
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL("**/inloggen");
    await context.close();
  });
});
