/**
 * The Logboek page as the procesregisseur uses it: her own escalation under her role as
 * procesregisseur (not her observer seat), and the CSV she hands to a client, in the page's words
 * and the page's language.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loggedInPageWithErrors, screenshot, withScreenshots } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

/** Clicks "Download CSV" and reads the file as it was saved: its bytes and its lines. */
async function downloadCsv(page: Page) {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const bytes = await readFile((await (await download).path()) ?? "");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return {
    bytes,
    lines: text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  };
}

describe.runIf(web.run)("the Logboek", () => {
  it("shows the procesregisseur's escalation under her role, and exports it for Excel in the page's language", async () => {
    const api = await web.server.loginAs("coordinator");
    const late = (await api.get(`/api/actions?overdue=true&caseId=${web.caseId}`)).json.actions[0];
    const raised = await api.post("/api/escalations", {
      caseId: web.caseId,
      actionId: late.id,
      reason: "Twee weken geen reactie op de aanmelding.",
    });
    expect(raised.status).toBe(201);

    const { page, errors } = await loggedInPageWithErrors(web.browser, web.server.url, "coordinator");
    await withScreenshots([page], "logboek", async () => {
      await page.goto(`/casussen/${web.caseId}/logboek`);
      const row = page.locator("table.ep-audit tbody tr").filter({ hasText: "Aangemaakt (escalatie)" });
      await row.waitFor();
      expect(await row.textContent()).toContain("Procesregisseur, Zorg- en Veiligheidshuis IJsselland");
      expect(await row.textContent()).not.toContain("Toehoorder");
      await screenshot(page, "logboek-procesregisseur");

      const dutch = await downloadCsv(page);
      expect([...dutch.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(dutch.lines[0]).toBe(
        "Nr;Wanneer;Wie;Rol;Organisatie;Handeling;Onderwerp;Kenmerk onderwerp;Reden;Uitkomst;Noodtoegang;Adres",
      );
      expect(dutch.lines.find((l) => l.includes(";Aangemaakt;escalatie;"))).toContain(
        ";Ingrid de Vries;Procesregisseur;Zorg- en Veiligheidshuis IJsselland;",
      );

      // With the screen in English the file is too.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Audit trail", level: 2 }).waitFor();
      const english = await downloadCsv(page);
      expect(english.lines[0]).toBe(
        "No.;When;Who;Role;Organisation;Action;Subject;Subject reference;Reason;Outcome;Emergency access;Address",
      );
      expect(english.lines.find((l) => l.includes(";Created;escalation;"))).toContain(
        ";Ingrid de Vries;Coordinator;",
      );
    });
    expect(errors).toEqual([]);
  });
});
