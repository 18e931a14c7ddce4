/** How the pages word a case's huisverbod (temporary restraining order): its days, and its deadlines. */
import { amsterdamDate } from "../../../shared/dates";
import {
  type RestrainingOrderDates,
  restrainingOrderTerms,
  restrainingOrderWarnDays,
} from "../../../shared/restraining-order";
import { formatDate, t } from "../i18n";
import { daysUntil } from "./days";

/** "Huisverbod tot en met 11 maart 2026 (nog 9 dagen)", or that it has ended. */
export function restrainingOrderText(until: string): string {
  const left = daysUntil(until);
  const date = formatDate(until);
  if (left < 0) return t("huisverbod.ended", { date });
  if (left === 0) return t("huisverbod.lastDay", { date });
  return t(left === 1 ? "huisverbod.until.one" : "huisverbod.until.other", { date, n: left });
}

/**
 * Its legal deadlines in words: when it was imposed, and whether and until when the mayor can
 * still extend it, or that it was extended. One recorded without the day it was imposed (before that
 * day was kept) has no deadlines to show, and says so, so that the day gets filled in.
 */
export function restrainingOrderDeadlines(order: RestrainingOrderDates): string[] {
  if (!order.from) return [t("huisverbod.fromUnknown")];
  const terms = restrainingOrderTerms(order);
  const tenDays = formatDate(terms.tenDaysEnd as string);
  const latest = formatDate(terms.latestEnd as string);
  const lines = [t("huisverbod.imposed", { date: formatDate(order.from) })];
  if (terms.extended) lines.push(t("huisverbod.extended", { tenDays, latest }));
  else if (terms.extendable && daysUntil(terms.tenDaysEnd as string) >= 0) {
    lines.push(t("huisverbod.extendBy", { tenDays, latest }));
  }
  return lines;
}

/** Whether it ends within two days (today included), when the chair and case director are reminded. */
export function restrainingOrderEndsSoon(until: string | null): boolean {
  if (!until) return false;
  const left = daysUntil(until);
  return left >= 0 && left <= restrainingOrderWarnDays;
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
