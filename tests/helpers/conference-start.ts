/** Starting a conference from the panel as the chair does (one planned for another day asks first), and ending one. */
import type { Locator } from "playwright-core";
import { expect } from "vitest";
import { type ConferenceSocket, emitAck } from "./socket";

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

/**
 * Ends a running conference over Socket.IO as its chair does: the late actions among `openActions`
 * (as `conference:join` gave them) get a reason first, as ending requires.
 */
export async function endAsChair(
  chair: ConferenceSocket,
  conferenceId: string,
  openActions: { id: string; overdue: boolean }[],
): Promise<void> {
  for (const late of openActions.filter((a) => a.overdue)) {
    const explained = await emitAck(chair, "action:update", {
      actionId: late.id,
      lateReason: "circumstances_changed",
    });
    expect(explained.ok).toBe(true);
  }
  expect((await emitAck(chair, "conference:end", { conferenceId })).ok).toBe(true);
}
