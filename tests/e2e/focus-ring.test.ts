/**
 * Where the keyboard is, is plain to see: buttons, selects and fields of the design system show the same
 * ring as links and fields (a thick yellow outline on black), also a dark-blue primary button.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loginViaUi, newContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

/** The focus ring of the element with the keyboard, and what it is. */
function ring(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return {
      kind:
        el.tagName === "A"
          ? "link"
          : el.tagName === "SELECT"
            ? "select"
            : el.tagName === "BUTTON"
              ? "button"
              : el.tagName === "INPUT" || el.tagName === "TEXTAREA"
                ? "field"
                : "",
      primary: el.classList.contains("utrecht-button--primary-action"),
      look: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} | ${style.boxShadow}`,
    };
  });
}

describe.runIf(web.run)("the focus ring", () => {
  it("looks the same on a link, a select, a text field, a button and a primary button, reached with Tab", async () => {
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "coordinator");
    await page.goto("/cijfers");
    await page.getByRole("button", { name: "Toon cijfers" }).waitFor();
    await page.goto("/overzicht");
    await page.getByRole("table").waitFor();
    const seen = new Map<string, string>();
    for (let i = 0; i < 60 && seen.size < 3; i++) {
      await page.keyboard.press("Tab");
      const r = await ring(page);
      if (r.kind && !seen.has(r.kind)) seen.set(r.kind, r.look);
    }
    await page.goto("/cijfers");
    const show = page.getByRole("button", { name: "Toon cijfers" });
    await show.waitFor();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const r = await ring(page);
      if (r.kind === "field" && !seen.has("field")) seen.set("field", r.look);
      if (r.primary) break;
    }
    const primary = await ring(page);
    // A password field of the design system's own kind (utrecht-textbox--html-input).
    await page.goto("/wachtwoord");
    const current = page.getByLabel("Huidig wachtwoord");
    await current.waitFor();
    expect(await current.getAttribute("class")).toContain("utrecht-textbox--html-input");
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (await current.evaluate((el) => el === document.activeElement)) break;
    }
    const password = await ring(page);
    expect(password.kind).toBe("field");
    expect(primary.primary).toBe(true);
    await screenshot(page, "focus-ring-primary-button");
    expect([...seen.keys()].sort()).toEqual(["button", "field", "link", "select"]);
    const link = seen.get("link");
    expect(link).toMatch(/^solid 3px rgb\(255, 191, 71\)/);
    expect(seen.get("select")).toBe(link);
    expect(seen.get("button")).toBe(link);
    expect(seen.get("field")).toBe(link);
    expect(password.look).toBe(link);
    expect(primary.look).toBe(link);
    await context.close();
  });
});
