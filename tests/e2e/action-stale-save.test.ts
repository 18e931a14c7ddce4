/**
 * The action page does not undo a change made while it was open: the owner's second screen (or a
 * colleague) set the status meanwhile, the save from the stale page is refused, says what the status
 * is now, and the page shows it.
 */
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../helpers/axe";
import { loginViaUi, newContext, screenshot } from "../helpers/browser";
import { useWebServer } from "../helpers/web-copy";

const web = useWebServer();

describe.runIf(web.run)("a save from a stale action page", () => {
  it("is refused with what changed, the page then shows the action as it is, and nothing is undone", async () => {
    const api = await web.server.loginAs("politie");
    const action = (await api.get("/api/actions?owner=me")).json.actions.find((a: { title: string }) =>
      a.title.startsWith("AWARE-alarm"),
    );
    expect(action.status).toBe("open");
    const context = await newContext(web.browser, web.server.url);
    const page = await context.newPage();
    await loginViaUi(page, "politie");
    await page.goto(`/acties/${action.id}`);
    const status = page.getByLabel("Status", { exact: true });
    await status.waitFor();

    // Meanwhile, elsewhere: the action is taken up.
    expect((await api.patch(`/api/actions/${action.id}`, { status: "in_progress" })).status).toBe(200);

    // The stale page finishes it from "Open".
    await status.selectOption("done");
    await page.getByRole("button", { name: "Opslaan" }).first().focus();
    await page.keyboard.press("Enter");
    await page
      .getByText("Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Bezig.", {
        exact: false,
      })
      .waitFor();
    await expect.poll(() => status.inputValue()).toBe("in_progress");
    expect((await api.get(`/api/actions/${action.id}`)).json.action.status).toBe("in_progress");
    await screenshot(page, "action-stale-save");
    expect(await seriousViolations(page)).toEqual([]);

    // Now that it shows what is, the same change goes through.
    await status.selectOption("done");
    await page.getByRole("button", { name: "Opslaan" }).first().click();
    await expect
      .poll(async () => (await api.get(`/api/actions/${action.id}`)).json.action.status)
      .toBe("done");
    await context.close();
  });
});
