/** Whole calendar days in Amsterdam, as the pages count them ("nog 3 dagen", "5 dagen na aanmelding"). */
import { amsterdamDate } from "../../../shared/dates";

const dayMs = 86_400_000;

/** Days from today until a `YYYY-MM-DD` day: 0 on that day, negative after it. */
export function daysUntil(day: string, now = new Date()): number {
  return Math.round((Date.parse(day) - Date.parse(amsterdamDate(now))) / dayMs);
}

/** Whole days from the Amsterdam day of an instant until today. */
export function daysSince(instant: string, now = new Date()): number {
  return 0 - daysUntil(amsterdamDate(new Date(instant)), now);
}
