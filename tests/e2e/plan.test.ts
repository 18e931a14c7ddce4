import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import {
  caretToEnd,
  isFocused,
  loginViaUi,
  newContext,
  screenshot,
  withScreenshots,
} from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();
let contexts: BrowserContext[] = [];

/** Closes this test's browsers, so their presence does not leak into the next test. */
afterEach(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  contexts = [];
});

/** A logged-in page of one demo member, in a context of its own. */
async function member(key: string): Promise<Page> {
  const context = await newContext(web.browser, web.server.url);
  contexts.push(context);
  const page = await context.newPage();
  await loginViaUi(page, key);
  return page;
}

/** Opens the workspace on a section and waits until the section's text is connected. */
async function openSection(page: Page, section?: string): Promise<void> {
  await page.goto(`/casussen/${web.caseId}${section ? `?sectie=${section}` : ""}`);
  await page.getByRole("status").filter({ hasText: "Verbonden" }).waitFor();
}

/**
 * Clicks into the list item holding `words` and waits until the editor's own state has the caret
 * there (right after a click, ProseMirror may still be settling the selection).
 */
async function caretInItem(page: Page, text: Locator, words: string): Promise<void> {
  await text.locator("li > p", { hasText: words }).click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const el = document.activeElement as
          | (Element & { editor?: { state: { selection: { $from: { parent: { textContent: string } } } } } })
          | null;
        return el?.editor?.state.selection.$from.parent.textContent ?? "";
      }),
    )
    .toContain(words);
}

/** Whether the keyboard focus is on a real element outside `text` (not dropped to the page). */
const focusElsewhere = (text: Locator): Promise<boolean> =>
  text.evaluate(
    (editor) =>
      document.activeElement !== null &&
      document.activeElement !== document.body &&
      !editor.contains(document.activeElement),
  );

const sectionLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Onderdelen van het veiligheidsplan" });

describe.runIf(web.run)("the live safety plan in a real browser", () => {
  it("shows two members each other's typing, caret and name in the same section", async () => {
    const joris = await member("wijkteam");
    const ellen = await member("veiligthuis");
    await withScreenshots([joris, ellen], "plan-two-members", async () => {
      // Without a section in the address the demo case (phase veiligheid) opens on Directe veiligheid.
      await openSection(joris);
      expect(await joris.getByRole("heading", { level: 2, name: "Directe veiligheid" }).count()).toBe(1);
      // Each section says who may read it.
      const nav = sectionLinks(joris);
      expect(await nav.getByRole("link", { name: /Risicotaxatie.*Alleen professionals/ }).count()).toBe(1);
      expect(await nav.getByRole("link", { name: /Gezin en netwerk.*Alle leden/ }).count()).toBe(1);
      await openSection(ellen, "immediate_safety");

      const jorisText = joris.getByRole("textbox", { name: "Directe veiligheid" });
      const ellenText = ellen.getByRole("textbox", { name: "Directe veiligheid" });
      // The seeded plan text is there for both.
      await expect.poll(() => ellenText.textContent()).toContain("AWARE-alarm");

      // Each sees the other present in this section, in the section list too.
      await ellen.getByText("Hier aanwezig: Joris Smit").first().waitFor();
      await joris.getByText("Hier aanwezig: Ellen Bakker").first().waitFor();

      await jorisText.click();
      await caretToEnd(joris);
      await joris.keyboard.press("Enter");
      await joris.keyboard.type("Wijkteam belt moeder vrijdag na schooltijd.");
      await expect
        .poll(() => ellenText.textContent(), { timeout: 10_000 })
        .toContain("Wijkteam belt moeder vrijdag");

      // Joris's caret with his name is drawn in Ellen's editor.
      const caret = ellen.locator(".collaboration-carets__label", { hasText: "Joris Smit" });
      await caret.waitFor();
      await screenshot(ellen, "plan-workspace-two-members");

      // The workspace passes axe (WCAG 2.1 AA) with an editor, carets and the conference panel.
      expect(await seriousViolations(ellen)).toEqual([]);

      // Escape leaves the text for the section list, so keyboard users are never trapped.
      await jorisText.focus();
      await joris.keyboard.press("Escape");
      expect(await joris.evaluate(() => document.activeElement?.getAttribute("data-section"))).toBe(
        "immediate_safety",
      );
      // From the list, Tab to the next section, Enter opens it, and the next Tab is in its text.
      await joris.keyboard.press("Tab");
      await joris.keyboard.press("Enter");
      await joris.getByRole("heading", { level: 2, name: "Stabiele veiligheid" }).waitFor();
      await expect
        .poll(() => joris.evaluate(() => document.activeElement?.textContent))
        .toBe("Stabiele veiligheid");
      await joris.keyboard.press("Tab");
      await expect
        .poll(() => joris.evaluate(() => document.activeElement?.getAttribute("aria-label")))
        .toBe("Stabiele veiligheid");
      await screenshot(joris, "plan-keyboard-focus-in-editor");
    });
  });

  it("lets Tab leave a list in the text unchanged; Ctrl+] and Ctrl+[ indent and outdent", async () => {
    // The chair: the conference panel after the text has a button (start), so Tab has somewhere to go.
    const page = await member("voorzitter");
    const api = await web.server.loginAs("voorzitter");
    const sharedText = async (): Promise<string> => {
      const res = await api.get(`/api/cases/${web.caseId}/plan`);
      return res.json.sections.find((s: { key: string }) => s.key === "immediate_safety").text;
    };
    await withScreenshots([page], "plan-list-keys", async () => {
      await openSection(page, "immediate_safety");
      const text = page.getByRole("textbox", { name: "Directe veiligheid" });
      await expect.poll(() => text.textContent()).toContain("Oma haalt");
      const before = await sharedText();
      // The seeded list: the second item is "Oma haalt …", at the top level.
      expect(before).toContain("\n- Oma haalt de kinderen");
      const topItems = await text.locator(":scope > ul > li").count();
      expect(topItems).toBeGreaterThanOrEqual(3);
      const nested = text.locator("li li");
      // The hint names the deliberate shortcuts (Ctrl on this Linux browser).
      await page.getByText("Inspringing in een lijst vergroten: Ctrl+], verkleinen: Ctrl+[.").waitFor();

      // Tab in the second item moves the focus on, out of the text, and indents nothing.
      await caretInItem(page, text, "Oma haalt");
      await page.keyboard.press("Tab");
      await expect.poll(() => focusElsewhere(text)).toBe(true);
      expect(await nested.count()).toBe(0);
      // Shift+Tab comes back into the text, and from the second item leaves it again, lifting nothing.
      await page.keyboard.press("Shift+Tab");
      await expect.poll(() => isFocused(text)).toBe(true);
      await caretInItem(page, text, "Oma haalt");
      await page.keyboard.press("Shift+Tab");
      await expect.poll(() => focusElsewhere(text)).toBe(true);
      expect(await text.locator(":scope > ul > li").count()).toBe(topItems);
      expect(await nested.count()).toBe(0);

      // Ctrl+] indents the item under the first one, for everyone; Ctrl+[ puts it back.
      await caretInItem(page, text, "Oma haalt");
      await page.keyboard.press("ControlOrMeta+BracketRight");
      await nested.filter({ hasText: "Oma haalt" }).waitFor();
      const indented = before.replace("\n- Oma haalt", "\n  - Oma haalt");
      // The item's own change and nothing else (no Tab before it changed the shared text).
      await expect.poll(sharedText, { timeout: 10_000 }).toBe(indented);
      await screenshot(page, "plan-list-indented");
      await page.keyboard.press("ControlOrMeta+BracketLeft");
      await expect.poll(sharedText, { timeout: 10_000 }).toBe(before);
      expect(await nested.count()).toBe(0);
      expect(await isFocused(text)).toBe(true);

      await screenshot(page, "plan-list-keys-hint");
      await page.setViewportSize({ width: 320, height: 800 });
      await screenshot(page, "plan-list-keys-hint-320");
    });
  });

  it("hides the risk assessment entirely from an ervaringsdeskundige", async () => {
    const page = await member("ervaringsdeskundige");
    await withScreenshots([page], "plan-expert", async () => {
      await openSection(page);
      const nav = sectionLinks(page);
      await nav.getByRole("link", { name: /Gezin en netwerk/ }).waitFor();
      expect(await nav.getByRole("link", { name: /Risicotaxatie/ }).count()).toBe(0);
      expect(await nav.getByRole("link", { name: /Afgeschermde informatie/ }).count()).toBe(0);
      expect(await page.getByText("Risicotaxatie").count()).toBe(0);
      // Asking for the section by address does not show it either.
      await page.goto(`/casussen/${web.caseId}?sectie=risk`);
      await page.getByRole("status").filter({ hasText: "Verbonden" }).waitFor();
      expect(await page.getByRole("textbox", { name: "Risicotaxatie" }).count()).toBe(0);
      expect(await page.getByText("B-SAFER").count()).toBe(0);
      await screenshot(page, "plan-expert-by-experience");
    });
  });

  it("tells an outsider the case is not there, and opens no section", async () => {
    const page = await member("buitenstaander");
    await page.goto(`/casussen/${web.caseId}`);
    await page
      .getByRole("alert")
      .filter({ hasText: "Deze casus bestaat niet of u heeft er geen toegang toe." })
      .waitFor();
    expect(await page.getByRole("textbox").count()).toBe(0);
    expect(await page.getByText("AWARE-alarm").count()).toBe(0);
  });

  it("lets an observer read the plan but not type in it", async () => {
    const page = await member("coordinator");
    await withScreenshots([page], "plan-observer", async () => {
      await openSection(page, "concerns");
      const text = page.getByRole("textbox", { name: "Grootste zorg" });
      await expect.poll(() => text.textContent()).toContain("politiemeldingen");
      expect(await text.getAttribute("contenteditable")).toBe("false");
      expect(await text.getAttribute("aria-readonly")).toBe("true");
      await page.getByText("U kunt dit onderdeel lezen, maar niet wijzigen.").waitFor();
      await screenshot(page, "plan-observer-read-only");
    });
  });

  it("warns beside the text when mediation is advised in an intimate-terror case", async () => {
    const page = await member("voorzitter");
    await withScreenshots([page], "plan-warning", async () => {
      await openSection(page, "stable_safety");
      const warning = page.getByRole("status").filter({ hasText: "Let op: intiem terreur" });
      expect(await warning.count()).toBe(0);
      const text = page.getByRole("textbox", { name: "Stabiele veiligheid" });
      await text.click();
      await caretToEnd(page);
      await page.keyboard.press("Enter");
      await page.keyboard.type("Advies: mediation tussen moeder en vader.");
      await warning.waitFor();
      expect(await warning.textContent()).toContain("mediation");
      await screenshot(page, "plan-intimate-terror-warning");
      expect(await seriousViolations(page)).toEqual([]);

      // An emptied section shows what belongs in it.
      await sectionLinks(page)
        .getByRole("link", { name: /Stem van het kind/ })
        .click();
      const childVoice = page.getByRole("textbox", { name: "Stem van het kind" });
      await expect.poll(() => childVoice.textContent()).toContain("Drie Huizen");
      expect(await page.getByText("Wat hoort hier:").count()).toBe(0);
      await childVoice.click();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.press("Delete");
      await page
        .getByText("Wat hoort hier: Wat de kinderen zeiden (bijv. Drie Huizen), een plan dat zij begrijpen.")
        .waitFor();
      await screenshot(page, "plan-empty-section-guidance");
    });
  });
});
