/** How the pages word a case's huisverbod (temporary restraining order): its last day, and days left. */
import { amsterdamDate } from "../../../shared/dates";
import { formatDate, t } from "../i18n";
import { daysUntil } from "./days";

/** "Huisverbod tot 11 maart 2026 (nog 9 dagen)", or that it has ended. */
export function restrainingOrderText(until: string): string {
  const left = daysUntil(until);
  const date = formatDate(until);
  if (left < 0) return t("huisverbod.ended", { date });
  if (left === 0) return t("huisverbod.lastDay", { date });
  return t(left === 1 ? "huisverbod.until.one" : "huisverbod.until.other", { date, n: left });
}

/**
 * Whether the conference comes too late for the huisverbod: none planned, or planned after its last
 * day, while it is still in force.
 */
export function conferenceAfterRestrainingOrder(
  until: string | null,
  nextConferenceAt: string | null,
): boolean {
  if (!until || daysUntil(until) < 0) return false;
  return !nextConferenceAt || amsterdamDate(new Date(nextConferenceAt)) > until;
}
