/** Calendar dates in Europe/Amsterdam, the zone due dates and conferences live in. */

const zone = "Europe/Amsterdam";

/** The calendar date of an instant in Amsterdam, `YYYY-MM-DD`. */
export function amsterdamDate(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant of a wall-clock time on a date in Amsterdam (handles summer time). */
export function amsterdamInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const offsetName = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(guess)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-]\d+)?/.exec(offsetName ?? "GMT+1");
  const hours = m?.[1] ? Number(m[1]) : 0;
  return new Date(guess.getTime() - hours * 3_600_000);
}

/** A `YYYY-MM-DD` date in words, "14 november 2026" (`nl-NL`) or "14 November 2026" (`en-GB`). */
export function longDate(date: string, locale: "nl-NL" | "en-GB" = "nl-NL"): string {
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}
