/** Starting a conference from the panel as the chair does: one planned for another day asks first. */
import type { Locator } from "playwright-core";

/**
 * Presses "Overleg starten" in the conference `panel` and, when the panel asks first (the conference
 * is planned for another day than today), answers "Ja, nu starten". For tests that plan a conference
 * an hour ahead: today, except in the last hour before midnight.
 */
export async function startConference(panel: Locator): Promise<void> {
  await panel.getByRole("button", { name: "Overleg starten" }).click();
  const yes = panel.getByRole("button", { name: "Ja, nu starten" });
  const running = panel.locator(".ep-conf-status", { hasText: "Bezig" });
  await yes.or(running).first().waitFor();
  if (await yes.isVisible()) await yes.click();
}
