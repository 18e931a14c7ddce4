import type { BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import {
  endSessionElsewhere,
  isFocused,
  loginReturn,
  loginViaUi,
  newContext,
  screenshot,
  watchConferenceSocket,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

/**
 * The case director on the case's members page (a page with the conference socket and no plan
 * sections), once the server has accepted its socket.
 */
async function membersPageConnected(context: BrowserContext): Promise<{ page: Page; address: string }> {
  const page = await context.newPage();
  await loginViaUi(page, "wijkteam");
  const address = `/casussen/${web.caseId}/leden`;
  const connected = watchConferenceSocket(page);
  await page.goto(address);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await expect.poll(connected).toBe(true);
  return { page, address };
}

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
    expect(await isFocused(email)).toBe(true);
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

  it("logs in and out via the helper; the next person starts at the case list", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "voorzitter");
    await page.goto(`/casussen/${web.caseId}?sectie=signals`);
    await page.getByRole("heading", { name: "Signalenplan" }).waitFor();
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL("**/inloggen");
    // A shared computer: whoever logs in next is not sent to the page the last person had open.
    await page.waitForTimeout(300);
    expect(new URL(page.url()).search).toBe("");
    expect(await page.getByText("daarna komt u terug op de pagina waar u was").count()).toBe(0);
    await context.close();
  });

  it("brings a link opened while logged out back once logged in, and never to another site", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    const address = `/casussen/${web.caseId}?sectie=signals`;
    await page.goto(address);
    await expect.poll(() => loginReturn(page)).toBe(`/inloggen ${address}`);
    await page.getByText("Log in om verder te gaan; daarna komt u terug op de pagina waar u was.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "login-return");
    await page.getByLabel("E-mailadres").focus();
    await page.keyboard.type("veiligthuis@demo.eenplan.nl");
    await page.keyboard.press("Tab");
    await page.keyboard.type("demo-wachtwoord-2026");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname + u.search === address);
    await page.getByRole("heading", { name: "Signalenplan" }).waitFor();
    await context.close();

    // A crafted link naming another site logs in as usual and stays here.
    const other = await newContext(web.browser, web.server.url);
    const next = await other.newPage();
    await next.goto(`/inloggen?terug=${encodeURIComponent("//evil.example/casussen")}`);
    expect(await next.getByText("daarna komt u terug").count()).toBe(0);
    await next.getByLabel("E-mailadres").fill("veiligthuis@demo.eenplan.nl");
    await next.getByLabel("Wachtwoord").fill("demo-wachtwoord-2026");
    await next.getByRole("button", { name: "Inloggen" }).click();
    await next.waitForURL((u) => u.pathname === "/casussen");
    expect(new URL(next.url()).host).toBe(new URL(web.server.url).host);
    await other.close();
  });

  it("sends a page whose session ended to the login page, and back to that page after logging in", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "wijkteam");
    await page.goto("/acties");
    const action = page.locator("main a[href^='/acties/']").first();
    const href = (await action.getAttribute("href")) as string;
    const title = (await action.textContent()) as string;

    // The session ends on the server (idle too long, or ended elsewhere); the page does not know yet.
    await endSessionElsewhere(context, web.server);

    // The next thing the person opens is answered 401: they land on the login page, not on an error.
    await action.click();
    await expect.poll(() => loginReturn(page)).toBe(`/inloggen ${href}`);
    await page.getByLabel("E-mailadres").fill("wijkteam@demo.eenplan.nl");
    await page.getByLabel("Wachtwoord").fill("demo-wachtwoord-2026");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((u) => u.pathname === href);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await context.close();
  });

  it("goes to the login page when the conference socket comes back to a session that ended meanwhile", async () => {
    const context = await newContext(web.browser, web.server.url);
    // The tab's Socket.IO connection goes through this switch (the members page opens no plan sections).
    let offline = false;
    const open: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (offline) return ws.close({ code: 1011, reason: "offline" });
      ws.connectToServer();
      open.push(ws);
    });
    const { page, address } = await membersPageConnected(context);

    offline = true;
    await Promise.all(open.splice(0).map((ws) => ws.close({ code: 1011, reason: "offline" })));
    await endSessionElsewhere(context, web.server);
    offline = false;

    // The socket reconnects by itself and is refused: the page goes to the login, naming itself.
    await expect.poll(() => loginReturn(page), { timeout: 20_000 }).toBe(`/inloggen ${address}`);
    await context.close();
  }, 40_000);

  it("goes to the login page when the server drops the socket of a session that ended, with no request made", async () => {
    const context = await newContext(web.browser, web.server.url);
    const { page, address } = await membersPageConnected(context);

    // Logged out elsewhere: the server drops this session's sockets; the page itself asks nothing.
    await endSessionElsewhere(context, web.server);
    await expect.poll(() => loginReturn(page)).toBe(`/inloggen ${address}`);
    await context.close();
  });
});
