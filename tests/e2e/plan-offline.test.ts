import type { BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  caretToEnd,
  endSessionElsewhere,
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
 * The Yjs connection goes through this switch: while `offline`, every attempt is refused.
 * `attempts` counts the page's tries; `dropAll` cuts the connections that are open.
 * With `conference`, the tab's Socket.IO connection goes through it too (the whole network is lost).
 */
async function yjsSwitch(
  context: BrowserContext,
  { conference = false } = {},
): Promise<{ offline: boolean; attempts: number; dropAll: () => Promise<void> }> {
  const open: WebSocketRoute[] = [];
  const network = {
    offline: false,
    attempts: 0,
    dropAll: async () => {
      await Promise.all(open.splice(0).map((ws) => ws.close({ code: 1011, reason: "offline" })));
    },
  };
  await context.routeWebSocket(/\/yjs\//, (ws) => {
    network.attempts++;
    if (network.offline) return ws.close({ code: 1011, reason: "offline" });
    ws.connectToServer();
    open.push(ws);
  });
  if (conference) {
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (network.offline) return ws.close({ code: 1011, reason: "offline" });
      ws.connectToServer();
      open.push(ws);
    });
    await context.route(/\/socket\.io\//, (route) => (network.offline ? route.abort() : route.continue()));
  }
  return network;
}

/** The plan copies (IndexedDB databases) the page's browser holds. */
const localCopies = (page: Page) =>
  page.evaluate(async () =>
    ((await indexedDB.databases()).map((d) => d.name ?? "") as string[]).filter((n) =>
      n.startsWith("eenplan:"),
    ),
  );

describe.runIf(web.run)("the plan when the connection drops", () => {
  it("keeps edits made offline across a reload and sends them when the connection is back", async () => {
    const client = await web.server.loginAs("wijkteam");
    const caseId = (await client.get("/api/cases")).json.cases[0].id as string;
    const address = `/casussen/${caseId}?sectie=signals`;

    const context = await newContext(web.browser, web.server.url);
    const network = await yjsSwitch(context);
    const page = await context.newPage();
    await loginViaUi(page, "wijkteam");
    await withScreenshots([page], "plan-offline", async () => {
      await page.goto(address);
      const status = page.getByRole("status").filter({ hasText: /^Verbonden$/ });
      await status.waitFor();
      const text = page.getByRole("textbox", { name: "Signalenplan" });
      await expect.poll(() => text.textContent()).toContain("berichten 's nachts");

      // The connection drops; the page says so in words and the text stays editable.
      network.offline = true;
      await page.reload();
      await page.getByText("Verbinding verbroken — wijzigingen worden bewaard").waitFor();
      await expect.poll(() => text.textContent()).toContain("berichten 's nachts");
      await text.click();
      await caretToEnd(page);
      await page.keyboard.press("Enter");
      await page.keyboard.type("Offline genoteerd: school belt oma bij afwezigheid.");
      await screenshot(page, "plan-offline-editing");

      // A reload while still offline keeps the unsent edit (it is kept in this browser).
      await page.reload();
      await page.getByText("Verbinding verbroken — wijzigingen worden bewaard").waitFor();
      await expect.poll(() => text.textContent()).toContain("Offline genoteerd");

      // The connection returns: the edit reaches the server and another member.
      network.offline = false;
      await status.waitFor({ timeout: 15_000 });
      const other = await web.server.loginAs("veiligthuis");
      await expect
        .poll(
          async () => {
            const plan = await other.get(`/api/cases/${caseId}/plan`);
            return plan.json?.sections?.find((s: { key: string }) => s.key === "signals")?.text ?? "";
          },
          { timeout: 15_000 },
        )
        .toContain("Offline genoteerd: school belt oma bij afwezigheid.");
    });
  });

  it("removes the plan copies from the browser at logout, except edits the server has not had yet", async () => {
    const client = await web.server.loginAs("politie");
    const caseId = (await client.get("/api/cases")).json.cases[0].id as string;
    const context = await newContext(web.browser, web.server.url);
    const network = await yjsSwitch(context);
    const page = await context.newPage();
    const copies = () => localCopies(page);
    const planText = async (key: string) => {
      const plan = await client.get(`/api/cases/${caseId}/plan`);
      return plan.json?.sections?.find((s: { key: string }) => s.key === key)?.text ?? "";
    };
    await withScreenshots([page], "plan-logout", async () => {
      // Online: the copies this visit made are gone after logout.
      await loginViaUi(page, "politie");
      await page.goto(`/casussen/${caseId}?sectie=signals`);
      await page
        .getByRole("status")
        .filter({ hasText: /^Verbonden$/ })
        .waitFor();
      await expect.poll(copies).not.toEqual([]);
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.waitForURL("**/inloggen");
      await expect.poll(copies).toEqual([]);
      expect(await page.locator(".ep-notice").count()).toBe(0);

      // Offline: an edit the server has not had stays in the browser, and the page says so.
      await loginViaUi(page, "politie");
      network.offline = true;
      await page.goto(`/casussen/${caseId}?sectie=signals`);
      await page.getByText("Verbinding verbroken — wijzigingen worden bewaard").waitFor();
      // (Nothing of the plan is left in this browser since the logout: the section starts empty.)
      const text = page.getByRole("textbox", { name: "Signalenplan" });
      expect(await text.textContent()).not.toContain("berichten 's nachts");
      await text.click();
      await page.keyboard.type("Politie rijdt extra surveillance in de straat.");
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.waitForURL("**/inloggen?bewaard=1");
      await page.getByText("nog wijzigingen in één onderdeel").waitFor();
      await screenshot(page, "logout-kept-copy");
      expect(await copies()).toHaveLength(1);
      expect(await planText("signals")).not.toContain("extra surveillance");

      // Back online and logged in again: the kept edit reaches the server, then logout clears it.
      network.offline = false;
      await loginViaUi(page, "politie");
      await page.goto(`/casussen/${caseId}?sectie=signals`);
      await expect.poll(() => planText("signals"), { timeout: 15_000 }).toContain("extra surveillance");
      expect(await planText("signals")).toContain("berichten 's nachts"); // merged, nothing lost
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.waitForURL("**/inloggen");
      await expect.poll(copies).toEqual([]);
    });
  });

  it("removes the plan copies from the browser when the session ends without a logout", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    const copies = () => localCopies(page);
    const openSection = async () => {
      await page.goto(`/casussen/${web.caseId}?sectie=signals`);
      await page
        .getByRole("status")
        .filter({ hasText: /^Verbonden$/ })
        .waitFor();
      await expect.poll(copies).not.toEqual([]);
    };

    // The session ends while the plan is open (idle too long, ended by the administrator, logged out
    // on another tab): the page goes to the login, and the plan does not stay behind in the browser.
    await loginViaUi(page, "wijkteam");
    await openSection();
    await endSessionElsewhere(context, web.server);
    await page.waitForURL("**/inloggen?**");
    await expect.poll(copies).toEqual([]);

    // The tab was closed while the session still held, and the session ended afterwards: the next
    // page opened in this browser finds no session and removes what the closed tab left.
    await loginViaUi(page, "wijkteam");
    await openSection();
    await page.close();
    await endSessionElsewhere(context, web.server);
    const next = await context.newPage();
    await next.goto("/");
    await next.waitForURL("**/inloggen**");
    await expect.poll(() => localCopies(next)).toEqual([]);
    await context.close();
  });

  it("sends the page to the login when the session ended while the connection was down, and back with nothing lost", async () => {
    const context = await newContext(web.browser, web.server.url);
    const network = await yjsSwitch(context);
    const page = await context.newPage();
    await loginViaUi(page, "veiligthuis");
    const address = `/casussen/${web.caseId}?sectie=signals`;
    await page.goto(address);
    await page
      .getByRole("status")
      .filter({ hasText: /^Verbonden$/ })
      .waitFor();

    // The laptop sleeps: its connections drop and cannot come back for a while. A line typed just
    // before is kept in this browser only.
    network.offline = true;
    await network.dropAll();
    await page.getByText("Verbinding verbroken — wijzigingen worden bewaard").waitFor();
    const line = "Geschreven vlak voor de slaapstand: buurvrouw heeft een sleutel.";
    await page.getByRole("textbox", { name: "Signalenplan" }).click();
    await caretToEnd(page);
    await page.keyboard.press("Enter");
    await page.keyboard.type(line);

    // Meanwhile the session ends; the server has no connection of it left to tell.
    await endSessionElsewhere(context, web.server);

    // The network is back, the server now refuses (401): the page stops trying and goes to the
    // login page, which names the page to come back to.
    network.offline = false;
    await expect.poll(() => loginReturn(page), { timeout: 30_000 }).toBe(`/inloggen ${address}`);
    const attempts = network.attempts;
    await page.waitForTimeout(6_000); // longer than the providers' longest wait between tries
    expect(network.attempts).toBe(attempts);

    // Logged in again: back in the same section, connected, and the line reaches the plan.
    await page.getByLabel("E-mailadres").fill("veiligthuis@demo.eenplan.nl");
    await page.getByLabel("Wachtwoord").fill("demo-wachtwoord-2026");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((u) => u.pathname + u.search === address);
    await page
      .getByRole("status")
      .filter({ hasText: /^Verbonden$/ })
      .waitFor();
    const chair = await web.server.loginAs("voorzitter");
    await expect
      .poll(
        async () =>
          (
            (await chair.get(`/api/cases/${web.caseId}/plan`)).json.sections as {
              key: string;
              text: string;
            }[]
          ).find((x) => x.key === "signals")?.text,
        { timeout: 10_000 },
      )
      .toContain(line);
    await context.close();
  }, 60_000);

  it("stops trying, and says why, when the member was taken off the case while the connection was down", async () => {
    const context = await newContext(web.browser, web.server.url);
    const network = await yjsSwitch(context, { conference: true });
    const page = await context.newPage();
    await loginViaUi(page, "politie");
    const conferenceConnected = watchConferenceSocket(page);
    await page.goto(`/casussen/${web.caseId}?sectie=signals`);
    await page
      .getByRole("status")
      .filter({ hasText: /^Verbonden$/ })
      .waitFor();
    await expect.poll(conferenceConnected).toBe(true);

    // The network goes; meanwhile the chair takes the police officer off the case. No connection of
    // theirs is left to hear it.
    network.offline = true;
    await network.dropAll();
    await page.getByText("Verbinding verbroken — wijzigingen worden bewaard").waitFor();
    const chair = await web.server.loginAs("voorzitter");
    const members = (await chair.get(`/api/cases/${web.caseId}`)).json.members as CaseMemberRow[];
    const officer = members.find((m) => m.name === "Karin Mulder");
    expect((await chair.delete(`/api/cases/${web.caseId}/members/${officer?.userId}`)).status).toBe(200);

    // The network is back. The plan sections are refused (403), which a browser cannot read from a
    // refused upgrade; the page learns it from the case itself, says so and stops trying.
    network.offline = false;
    await page
      .getByText("Deze casus bestaat niet of u heeft er geen toegang toe.")
      .waitFor({ timeout: 30_000 });
    expect(await page.getByRole("textbox", { name: "Signalenplan" }).count()).toBe(0);
    const attempts = network.attempts;
    await page.waitForTimeout(6_000); // longer than the providers' longest wait between tries
    expect(network.attempts).toBe(attempts);
    await context.close();
  }, 60_000);
});

interface CaseMemberRow {
  userId: string;
  name: string;
}
