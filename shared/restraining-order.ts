/**
 * The legal deadlines of a huisverbod (temporary restraining order, Wet tijdelijk huisverbod): the
 * mayor imposes it for ten days and may extend it, before those ten days end, to at most four
 * weeks after the day it was imposed. The server checks a recorded huisverbod against them, the
 * pages show them, and the daily reminders warn the chair and case director before it ends.
 */
import { addDays } from "./dates";

/** Days a huisverbod lasts as imposed. */
export const restrainingOrderDays = 10;
/** Days after imposing it that an extended huisverbod ends at the latest (four weeks). */
export const restrainingOrderMaxDays = 28;
/** Days ahead that the reminders and the case list warn of its end. */
export const restrainingOrderWarnDays = 2;

/** A huisverbod as a case records it. `from` is null for one recorded before the day was kept. */
export interface RestrainingOrderDates {
  from: string | null;
  until: string;
}

/** What follows from the two dates. */
export interface RestrainingOrderTerms {
  /** The day the ten days end: the mayor decides on an extension before then. */
  tenDaysEnd: string | null;
  /** The last day an extension can reach. */
  latestEnd: string | null;
  /** Ends after its ten days: the mayor extended it. */
  extended: boolean;
  /** Can still be extended: it ends before the four weeks are over. */
  extendable: boolean;
}

export function restrainingOrderTerms({ from, until }: RestrainingOrderDates): RestrainingOrderTerms {
  if (!from) return { tenDaysEnd: null, latestEnd: null, extended: false, extendable: false };
  const tenDaysEnd = addDays(from, restrainingOrderDays);
  const latestEnd = addDays(from, restrainingOrderMaxDays);
  return { tenDaysEnd, latestEnd, extended: until > tenDaysEnd, extendable: until < latestEnd };
}

/** Which rule a recorded huisverbod breaks on `today`, if any (the caller words it). */
export type RestrainingOrderProblem =
  | { path: "from"; rule: "future" }
  | { path: "until"; rule: "beforeFrom" | "past" | "beyondFourWeeks" };

export function restrainingOrderProblem(
  dates: { from: string; until: string },
  today: string,
): RestrainingOrderProblem | null {
  if (dates.from > today) return { path: "from", rule: "future" };
  if (dates.until < dates.from) return { path: "until", rule: "beforeFrom" };
  if (dates.until < today) return { path: "until", rule: "past" };
  if (dates.until > addDays(dates.from, restrainingOrderMaxDays)) {
    return { path: "until", rule: "beyondFourWeeks" };
  }
  return null;
}
