/**
 * Recording a position on a proposed decision, as the ervaringsdeskundige does it: once the server
 * has it, a polite status says so (the pressed button alone tells a screen reader nothing), and a
 * pressed button always means recorded: while she writes the reason of an objection, "Bezwaar" is
 * only open (aria-expanded), and the position recorded before stays the pressed one.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { closeAfterEachTest, loggedInContext, screenshot, withScreenshots } from "../helpers/browser";
import { startConference } from "../helpers/conference-start";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
const open = closeAfterEachTest();

/** A demo member's browser on the demo case, its conference panel loaded. */
async function member(key: string): Promise<Page> {
  const context = open.keep(await loggedInContext(web.browser, web.server, key));
  const page = open.watch(await context.newPage(), key);
  await page.goto(`/casussen/${web.caseId}`);
  await panel(page).getByRole("heading", { name: "Casusoverleg" }).waitFor();
  return page;
}

const panel = (page: Page): Locator => page.getByRole("region", { name: /^(Casusoverleg|Case conference)$/ });
const decisions = (page: Page) => panel(page).getByRole("region", { name: /^(Besluiten|Decisions)$/ });

describe.runIf(web.run)("recording a position", () => {
  it("says politely that it was recorded, and shows pressed only what was recorded", async () => {
    const [chair, expert] = await Promise.all([member("voorzitter"), member("ervaringsdeskundige")]);
    await withScreenshots([chair, expert], "conference-positions", async () => {
      await startConference(panel(chair));
      await panel(expert).locator(".ep-conf-status", { hasText: "Bezig" }).waitFor();
      const text = "Moeder en de kinderen logeren in de herfstvakantie bij oma.";
      await decisions(chair).getByLabel("Voorstel voor een besluit").fill(text);
      await decisions(chair).getByRole("button", { name: "Besluit voorstellen" }).click();
      const card = decisions(expert).locator("[data-decision-id]").filter({ hasText: text });
      await card.waitFor();
      const button = (name: string) => card.getByRole("button", { name, exact: true });
      const pressed = () =>
        card
          .locator('.ep-conf-position[aria-pressed="true"]')
          .evaluateAll((all) => all.map((b) => b.getAttribute("data-position")));
      const status = card.getByRole("status");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      expect((await status.textContent())?.trim()).toBe("");

      // "Eens": once the server has it, the status says so.
      await button("Eens").click();
      await expect.poll(() => status.textContent()).toBe("Uw standpunt is vastgelegd: Eens.");
      expect(await pressed()).toEqual(["agree"]);

      // She starts an objection: nothing is recorded yet, so "Eens" stays pressed and "Bezwaar"
      // says its form is open.
      await button("Bezwaar").click();
      const reason = card.getByLabel("Reden van uw bezwaar");
      await reason.waitFor();
      expect(await pressed()).toEqual(["agree"]);
      expect(await button("Bezwaar").getAttribute("aria-pressed")).toBe("false");
      expect(await button("Bezwaar").getAttribute("aria-expanded")).toBe("true");
      const form = card.locator("form");
      expect(await button("Bezwaar").getAttribute("aria-controls")).toBe(await form.getAttribute("id"));
      expect(await status.textContent()).toBe("Uw standpunt is vastgelegd: Eens.");
      await reason.fill("Oma's huis is te klein; vraag eerst wat moeder wil.");
      await screenshot(expert, "conference-positions-writing");
      expect(await seriousViolations(expert)).toEqual([]);

      // Recorded: now "Bezwaar" is pressed, and the status says so.
      await card.getByRole("button", { name: "Bezwaar vastleggen" }).click();
      await expect.poll(() => status.textContent()).toBe("Uw standpunt is vastgelegd: Bezwaar.");
      expect(await pressed()).toEqual(["object"]);
      expect(await button("Bezwaar").getAttribute("aria-expanded")).toBe("false");
      await decisions(chair).getByText("0 eens, 0 onthouding, 1 bezwaar").waitFor();
      await screenshot(expert, "conference-positions-recorded");
      expect(await seriousViolations(expert)).toEqual([]);

      // In English, the same status in English.
      await expert.getByRole("button", { name: "English" }).click();
      await expect.poll(() => status.textContent()).toBe("Your position was recorded: Object.");
    });
  });
});
