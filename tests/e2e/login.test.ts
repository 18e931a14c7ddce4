import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import {
  endSessionElsewhere,
  isFocused,
  loggedInContext,
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

/** A new account made by the administrator: not a demo account, so its login has a second step. */
async function newAccount(name: string): Promise<{ email: string; password: string }> {
  const admin = await web.server.loginAs("admin");
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.nl`;
  const created = await admin.post("/api/admin/users", { name, email });
  expect(created.status).toBe(201);
  return { email, password: created.json.startPassword };
}

/** The password step on the login page, up to the page of the second step (`koppelen` or `code`). */
async function passwordStep(page: Page, account: { email: string; password: string }, step: string) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(account.email);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(`**/inloggen/${step}`);
}

/** What the server says of the session the browser held: `second_factor_required` while it waits. */
async function sessionAnswer(cookie: string | undefined): Promise<string> {
  const client = web.server.client();
  client.cookie = `session=${cookie}`;
  const me = await client.get("/api/me");
  return me.status === 200 ? "ok" : me.json.error.code;
}

const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === "session")?.value;

/** The keyboard from the code field: Tab past the form's button to the way out, which it names. */
async function tabToCancel(page: Page, submit: string): Promise<string | null | undefined> {
  await page.getByLabel("Code van 6 cijfers").focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(submit);
  await page.keyboard.press("Tab");
  return page.evaluate(() => document.activeElement?.textContent);
}

describe.runIf(web.run)("the second step of logging in", () => {
  it("lets someone without their phone cancel linking the app, and shows the same key next time", async () => {
    const account = await newAccount("Eva Smit");
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await withScreenshots([page], "enrol-cancel", async () => {
      await passwordStep(page, account, "koppelen");
      const secret = page.locator("code.ep-secret");
      await secret.waitFor();
      const shown = await secret.textContent();
      await screenshot(page, "enrol-page");
      expect(await seriousViolations(page)).toEqual([]);
      const pending = await sessionCookie(context);
      expect(await sessionAnswer(pending)).toBe("second_factor_required");

      // After the form, with the keyboard: the session ends and the login page is back.
      expect(await tabToCancel(page, "Koppelen en doorgaan")).toBe("Inloggen annuleren");
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => u.pathname === "/inloggen");
      await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
      expect(await sessionAnswer(pending)).toBe("unauthenticated");
      expect(await sessionCookie(context)).toBeUndefined();

      // Back later with the phone: the entry the app already has still fits.
      await passwordStep(page, account, "koppelen");
      await secret.waitFor();
      expect(await secret.textContent()).toBe(shown);
    });
    await context.close();
  });

  it("lets someone cancel at the code page, which a session still owing the code gets to see", async () => {
    const account = await newAccount("Daan Mulder");
    // Linked earlier, over the API, as an app would.
    const linking = web.server.client();
    await linking.post("/api/auth/login", account);
    const { secret } = (await linking.post("/api/auth/enrolment")).json;
    const code = generateHOTP(decodeBase32(secret), BigInt(Math.floor(Date.now() / 30_000)), 6);
    expect((await linking.post("/api/auth/enrolment/confirm", { code })).status).toBe(200);

    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await withScreenshots([page], "code-cancel", async () => {
      await passwordStep(page, account, "code");
      await page.getByLabel("Code van 6 cijfers").waitFor();
      await screenshot(page, "second-factor-cancel");
      expect(await seriousViolations(page)).toEqual([]);
      const pending = await sessionCookie(context);
      expect(await tabToCancel(page, "Bevestigen")).toBe("Inloggen annuleren");
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => u.pathname === "/inloggen");
      expect(await sessionAnswer(pending)).toBe("unauthenticated");
    });
    await context.close();
  });

  it("says at once that the login expired on the code page without a session, with the way back", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await withScreenshots([page], "code-expired", async () => {
      // A bookmark, opened with no session at all.
      await page.goto("/inloggen/code");
      await page
        .getByRole("alert")
        .filter({ hasText: "Uw inlogsessie is verlopen. Log opnieuw in." })
        .waitFor();
      expect(await page.getByLabel("Code van 6 cijfers").count()).toBe(0);
      await screenshot(page, "second-factor-expired");
      expect(await seriousViolations(page)).toEqual([]);

      // A session that ended while the page waited for the code, reloaded.
      const account = await newAccount("Noor Visser");
      await passwordStep(page, account, "koppelen");
      await page.goto("/inloggen/code");
      await page.getByLabel("Code van 6 cijfers").waitFor();
      await endSessionElsewhere(context, web.server);
      await page.reload();
      await page.getByText("Uw inlogsessie is verlopen. Log opnieuw in.").waitFor();
      expect(await page.getByLabel("Code van 6 cijfers").count()).toBe(0);
      await page.getByRole("main").getByRole("link", { name: "Inloggen" }).click();
      await page.waitForURL((u) => u.pathname === "/inloggen");
    });
    await context.close();
  });

  it("sends someone whose login is complete on into the app from the code page (the back button)", async () => {
    const context = await loggedInContext(web.browser, web.server, "wijkteam");
    const page = await context.newPage();
    await page.goto("/inloggen/code?terug=%2Facties");
    await page.waitForURL((u) => u.pathname === "/acties");
    await page.getByRole("heading", { level: 1, name: "Mijn acties" }).waitFor();
    expect(await page.getByLabel("Code van 6 cijfers").count()).toBe(0);
    await context.close();
  });

  it("breaks the key to type over between its groups of four only, at 320 px", async () => {
    const account = await newAccount("Sem de Vries");
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await withScreenshots([page], "enrol-320", async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      await passwordStep(page, account, "koppelen");
      const secret = page.locator("code.ep-secret");
      await secret.waitFor();
      const lines = await secret.evaluate((code) => {
        const text = code.firstChild as Text;
        const top = (from: number, to: number) => {
          const range = document.createRange();
          range.setStart(text, from);
          range.setEnd(text, to);
          return [...range.getClientRects()].map((r) => Math.round(r.top));
        };
        // The lines each group of four is drawn on.
        const groups = [...text.data.matchAll(/\S+/g)].map(
          (m) => new Set(top(m.index, m.index + m[0].length)).size,
        );
        return { groups, whole: new Set(top(0, text.data.length)).size };
      });
      expect(lines.whole).toBeGreaterThan(1);
      expect(lines.groups).toEqual(lines.groups.map(() => 1));
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await screenshot(page, "enrol-page-320");
    });
    await context.close();
  });
});
